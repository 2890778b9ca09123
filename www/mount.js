// Mounts charts on one shared wasm instance. The Rust core does layout, drawing
// and hit-testing; this file only builds the HTML around each canvas (text via
// textContent, never innerHTML), forwards pointer and keyboard events, and
// redraws when the size or colour scheme changes.
//
// A plain script with no import/export, so the same text serves the module
// pages (app.js), the script-tag loader (embed.js) and the single-file
// standalone.html, where module scripts cannot load from file://.
(function () {
'use strict';

const CRATE = 'pk-security-charts';
const params = new URLSearchParams(location.search);
const darkQuery = matchMedia('(prefers-color-scheme: dark)');
// Set by start(): the wasm exports and where the site's files are.
let Chart;
let chartMeta;
let timeline;
let DATA_URL = 'data/pk-security-2025.csv';
let embed = false;
let controls = false;
let siteBase = '';

function themeOf(fig) {
  const t = fig.dataset.theme || params.get('theme');
  return t === 'dark' || t === 'light' ? t : 'auto';
}

function isDark(fig) {
  const t = themeOf(fig);
  if (t === 'dark') return true;
  if (t === 'light') return false;
  return darkQuery.matches;
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Month names by hand: the first toLocaleString call initialises Intl, which
// cost ~10 ms before the first chart could paint.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  const month = MONTHS[(m || 1) - 1] || '';
  return d ? `${d} ${month} ${y}` : m ? `${month} ${y}` : String(y);
}

function sourceName(s) {
  return s.counter === s.publisher ? s.publisher : `${s.counter}, via ${s.publisher}`;
}

function sourceLink(s) {
  const text = `${sourceName(s)}${s.date ? `, ${formatDate(s.date)}` : ''}`;
  // Only web links: a dataset URL like `javascript:` stays plain text.
  if (!/^https?:\/\//i.test(s.url || '')) return el('span', {}, text);
  return el('a', { href: s.url, rel: 'noopener noreferrer' }, text);
}

// One row's provenance: who, when, the verbatim quote, and a derived value's formula.
function provenanceBlock(p) {
  const box = el('div', { class: 'provenance' });
  if (p.explanation) box.append(el('p', { class: 'formula' }, `Computed: ${p.explanation}`));
  for (const c of p.citations) {
    const cite = el('p', { class: 'citation' });
    cite.append(el('span', { class: 'kind' }, `${c.kind === 'official' ? 'Official' : 'Independent'} count · `), sourceLink(c));
    if (c.title) cite.append(el('span', { class: 'report-title' }, ` — ${c.title}`));
    box.append(cite, el('blockquote', {}, `“${c.quote}”`));
    if (c.note) box.append(el('p', { class: 'note' }, c.note));
  }
  return box;
}

function pointText(meta, i) {
  const r = meta.rows[i];
  if (!r) return '';
  const what = [r.group, r.label, r.part].filter(Boolean).join(', ');
  const who = r.provenance.citations.map((c) => sourceName(c)).filter((v, k, a) => a.indexOf(v) === k).join('; ');
  const formula = r.provenance.explanation ? ` Computed: ${r.provenance.explanation}.` : '';
  const also = r.also.map((a) => ` ${a.text} ${a.name} (${a.provenance.explanation}).`).join('');
  return `${what}: ${r.text} ${r.unit}.${also}${formula} Source: ${who}. Enter opens the source's own words.`;
}

function buildTable(meta) {
  const table = el('table', { class: 'data-table' });
  table.append(el('caption', {}, meta.title));
  const head = el('tr');
  const grouped = meta.rows.some((r) => r.group);
  const cols = [...(grouped ? [['Measure', 'group']] : []), ['Item', ''], ['Value', 'num'], ['Unit', 'unit'], ['Source', 'who']];
  for (const [c, cls] of cols) head.append(el('th', { scope: 'col', class: cls }, c));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  // On phones the Measure and Unit columns fold into the item and value cells
  // (chart.css). Each value's provenance sits in a full-width row under it, so
  // quotes and formulas read at any width.
  const row = (group, item, text, unit, provenance, mark) => {
    const tr = el('tr');
    if (grouped) tr.append(el('td', { class: 'group' }, group));
    const th = el('th', { scope: 'row' });
    if (grouped && group) th.append(el('span', { class: 'inline-group' }, `${group}: `));
    th.append(item);
    const num = el('td', { class: 'num' });
    num.append(el('span', { class: 'n' }, text), el('span', { class: 'inline-unit' }, ` ${unit}`));
    const first = provenance.citations[0] || { counter: '', publisher: '' };
    const who = provenance.explanation ? 'computed' : sourceName(first);
    tr.append(th, num, el('td', { class: 'unit' }, unit), el('td', { class: 'who' }, who));
    const prov = el('tr', { class: 'prov' });
    const cell = el('td', { colspan: String(cols.length) });
    const det = el('details', { class: 'source-details' });
    if (mark !== undefined) det.dataset.mark = String(mark);
    det.append(el('summary', {}, provenance.explanation ? `How ${text} is computed, and its sources` : `Where ${text} comes from`), provenanceBlock(provenance));
    cell.append(det);
    prov.append(cell);
    body.append(tr, prov);
  };
  meta.rows.forEach((r, i) => {
    row(r.group, r.part ? `${r.label}, ${r.part}` : r.label, r.text, r.unit, r.provenance, i);
    // A share or change stated in the bar's label gets its own row and formula.
    for (const a of r.also) row(r.group, `${r.label}, ${a.name}`, a.text, a.unit, a.provenance);
  });
  for (const c of meta.cited) row('', c.name, c.text, c.unit, c.provenance);
  table.append(body);
  const wrap = el('div', { class: 'table-wrap' });
  wrap.append(table);
  return wrap;
}

// Never a blank box: say what went wrong, and show the static image of the
// chart (rendered by the same core at build time) when there is one.
// "Show data": the table is always in the accessibility tree (screen readers
// reach it without opening anything); closed, it is only visually hidden and
// its links and toggles leave the Tab order so keyboard users skip it.
function dataDisclosure(fig, meta) {
  const uid = `data-${fig.dataset.chart}`;
  const box = el('div', { class: 'chart-data', id: uid, 'data-open': 'false' });
  box.append(buildTable(meta));
  const toggle = el('button', { type: 'button', class: 'data-toggle', 'aria-expanded': 'false', 'aria-controls': uid }, 'Show data and sources');
  const tabbable = (open) => {
    for (const e of box.querySelectorAll('summary, a, button')) {
      if (open) e.removeAttribute('tabindex');
      else e.setAttribute('tabindex', '-1');
    }
  };
  tabbable(false);
  toggle.addEventListener('click', () => {
    const open = box.dataset.open !== 'true';
    box.dataset.open = String(open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide data and sources' : 'Show data and sources';
    tabbable(open);
    postHeight(fig);
  });
  for (const d of box.querySelectorAll('details')) d.addEventListener('toggle', () => postHeight(fig));
  return [toggle, box];
}

function fail(fig, message, engineDown = false) {
  fig.dataset.state = 'error';
  fig.querySelector('.chart-body')?.setAttribute('hidden', '');
  let alert = fig.querySelector('.chart-error');
  if (!alert) {
    alert = el('div', { class: 'chart-error', role: 'alert' });
    fig.append(alert);
  }
  alert.textContent = `This chart could not be drawn: ${message}`;
  // Only when the engine itself failed: a chart id it rejected has no copy either.
  const id = fig.dataset.chart || '';
  if (engineDown && !fig.querySelector('.fallback-figure, img.fallback')) {
    const copy = staticCopy(fig);
    if (copy) {
      fig.append(copy);
    } else if (/^[a-z0-9-]+$/.test(id)) {
      const img = el('img', { class: 'fallback', src: `${siteBase}img/${id}.svg`, alt: `Static image of the chart “${id}”; the numbers are in the data download.` });
      img.addEventListener('error', () => img.remove());
      img.addEventListener('load', () => postHeight(fig));
      fig.append(img, el('a', { href: DATA_URL, download: '' }, 'Get the data (CSV)'));
    }
  }
  postHeight(fig);
}

// The build put a static copy of each chart (image, table, sources) in a
// <noscript>: right after its figure on the dashboard, as section#<id> in
// embed.html. Parsed (never executed) to show it when the engine cannot run.
function staticCopy(fig) {
  const id = fig.dataset.chart || '';
  const next = fig.nextElementSibling;
  const holders = [next, ...document.querySelectorAll('noscript')].filter((n) => n && n.tagName === 'NOSCRIPT');
  for (const n of holders) {
    const doc = new DOMParser().parseFromString(n.textContent, 'text/html');
    const copy = doc.getElementById(id)?.querySelector('figure') || (n === next ? doc.querySelector('figure') : null);
    if (copy) {
      const node = document.importNode(copy, true);
      for (const img of node.querySelectorAll('img')) img.addEventListener('load', () => postHeight(fig));
      return node;
    }
  }
  return null;
}

function postHeight(fig) {
  if (!embed || window.parent === window) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  const chart = fig.dataset.chart;
  window.parent.postMessage({ type: `${CRATE}:height`, chart, height }, '*');
  window.parent.postMessage({ 'datawrapper-height': { [chart]: height } }, '*');
  if (location.hash.includes('amp=1')) window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
}

function skeleton(fig, meta) {
  fig.replaceChildren();
  const cap = el('figcaption', { class: 'chart-head' });
  const plain = fig.dataset.plain === '1' || params.get('plain') === '1';
  fig.classList.add('chart', 'pk-chart');
  if (themeOf(fig) !== 'auto') fig.dataset.theme = themeOf(fig);
  if (!plain) cap.append(el(embed ? 'h1' : 'h2', { class: 'chart-title' }, meta.title), el('p', { class: 'chart-subtitle' }, meta.subtitle));
  const body = el('div', { class: 'chart-body' });
  const canvas = el('canvas', { role: 'img', tabindex: '0', 'aria-label': meta.summary, 'aria-roledescription': 'chart' });
  const tip = el('div', { class: 'tooltip', hidden: '', 'aria-hidden': 'true' });
  const live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  body.append(canvas, tip);
  fig.append(cap, body, live);
  if (meta.notes.length) {
    const notes = el('div', { class: 'chart-notes' });
    for (const n of meta.notes) notes.append(el('p', {}, n));
    fig.append(notes);
  }
  for (const d of meta.differences) {
    const box = el('div', { class: 'differences' });
    box.append(el(embed ? 'h2' : 'h3', {}, `How the counts differ: ${d.topic}`));
    const list = el('ul');
    for (const c of d.counts) list.append(el('li', {}, c));
    box.append(list, el('p', {}, d.explanation));
    fig.append(box);
  }
  fig.append(...dataDisclosure(fig, meta));
  if (!plain) {
    const foot = el('footer', { class: 'chart-footer' });
    foot.append('Source: ');
    meta.sources.forEach((s, i) => {
      if (i) foot.append('; ');
      foot.append(sourceLink(s));
    });
    foot.append(' · ', el('a', { href: DATA_URL, download: '' }, 'Get the data'));
    fig.append(foot);
  }
  return { canvas, tip, live, body };
}

// "Embed" disclosure: copyable iframe and script-tag codes pointing at this site.
function embedControl(fig, id, chart, meta) {
  const box = el('details', { class: 'embed-code' });
  box.append(el('summary', {}, 'Embed this chart'));
  const site = siteBase || new URL('.', location.href).href;
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  // Worked out when opened, from the chart as drawn: the canvas part is what
  // the core computes for a 640 px article column; the HTML around it (title,
  // notes, sources) is measured and grows as its lines wrap in a narrower
  // column. Auto-height corrects the rest after load.
  const codes = () => {
    const rect = (e) => (e ? e.getBoundingClientRect().height : 0);
    const skip = [...fig.querySelectorAll('.embed-code, .chart-data')].reduce((h, e) => h + rect(e), 0);
    const chrome = Math.max(0, rect(fig) - rect(fig.querySelector('canvas')) - skip);
    const widthRatio = Math.max(1, (fig.getBoundingClientRect().width || 640) / 640);
    const start = Math.ceil(chart.height_at(640) + chrome * widthRatio);
    // `#<id>` lets embed.html show this chart's static copy when scripts are off.
    const src = `${site}embed.html?chart=${encodeURIComponent(id)}#${id}`;
    const noscript = `<noscript><img src="${site}img/${id}.svg" alt="${esc(meta.summary)}" style="max-width:100%"></noscript>`;
    return [
      `<iframe src="${src}" title="${esc(meta.title)}" loading="lazy" width="100%" height="${start}" style="width:100%;border:0"></iframe>\n<script src="${site}embed.js" defer></script>`,
      `<div data-pk-chart="${id}">${noscript}</div>\n<script src="${site}embed.js" defer></script>`,
    ];
  };
  const areas = [];
  for (const [kind, label] of [['iframe', 'Iframe (auto-height)'], ['script', 'Script tag (no iframe)']]) {
    const uid = `embed-${id}-${kind}`;
    const area = el('textarea', { id: uid, readonly: '', rows: '3', spellcheck: 'false' });
    const button = el('button', { type: 'button' }, 'Copy');
    button.addEventListener('click', async () => {
      area.select();
      try {
        await navigator.clipboard.writeText(area.value);
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Press Ctrl+C to copy';
      }
    });
    areas.push(area);
    box.append(el('label', { for: uid }, label), area, button);
  }
  box.addEventListener('toggle', () => {
    if (!box.open) return;
    codes().forEach((code, k) => { areas[k].value = code; });
  });
  return box;
}

function mount(fig) {
  const id = fig.dataset.chart;
  let chart;
  let meta;
  let parts;
  try {
    meta = JSON.parse(chartMeta(id));
    parts = skeleton(fig, meta);
    chart = new Chart(id, parts.canvas);
  } catch (e) {
    fail(fig, e && e.message ? e.message : String(e));
    return;
  }
  const { canvas, tip, live, body } = parts;
  if (controls) fig.append(embedControl(fig, id, chart, meta));
  let width = 0;
  let focus = -1;
  let frame = 0;

  function draw() {
    frame = 0;
    const w = Math.floor(body.clientWidth);
    if (w <= 0) return;
    try {
      const h = chart.render(w, window.devicePixelRatio || 1, isDark(fig));
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      if (focus >= 0) chart.focus(focus);
      width = w;
      // A later draw that works clears an earlier failure.
      fig.querySelector('.chart-error')?.remove();
      body.hidden = false;
      fig.dataset.state = 'ready';
      postHeight(fig);
    } catch (e) {
      fail(fig, e && e.message ? e.message : String(e));
    }
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  // Work only where it shows: a chart draws when it comes within a screen of
  // the viewport, and redraws on resize only if its own width changed, at most
  // once per frame.
  let visible = false;
  let stale = false;
  const update = () => {
    if (!visible) { stale = true; return; }
    schedule();
  };
  new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    if (visible && (!width || stale)) { stale = false; schedule(); }
  }, { rootMargin: '100% 0px' }).observe(fig);
  new ResizeObserver(() => {
    if (Math.floor(body.clientWidth) !== width) update();
  }).observe(body);
  darkQuery.addEventListener('change', update);
  let dprQuery;
  const watchDpr = () => {
    dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery.addEventListener('change', () => { watchDpr(); update(); }, { once: true });
  };
  watchDpr();
  // Already on screen: draw now, not a frame later (first paint is what readers
  // wait for). Otherwise the IntersectionObserver above draws it as it nears
  // the viewport, so a page with dozens of embeds only pays for what is seen.
  // Returned, not run: start() calls it once every chart has its skeleton, so
  // positions are final and only charts really in view draw at once.
  const drawIfInView = () => {
    const r = fig.getBoundingClientRect();
    if (!width && r.top < innerHeight && r.bottom > 0) { visible = true; draw(); }
  };

  // Pointer: above the pointer (below if no room). Keyboard: under the focused
  // bar, so the bar and its label stay in view.
  function showTip(i, x, y, below = false) {
    if (i < 0) { tip.hidden = true; return; }
    const r = meta.rows[i];
    tip.replaceChildren(
      el('strong', {}, [r.group, r.label, r.part].filter(Boolean).join(' · ')),
      el('span', { class: 'tip-value' }, `${r.text} ${r.unit}`),
      ...r.also.map((a) => el('span', { class: 'tip-also' }, `${a.text} ${a.name}`)),
      el('span', { class: 'tip-source' }, r.provenance.explanation
        ? r.provenance.explanation
        : `${sourceName(r.provenance.citations[0])}${r.provenance.citations[0].date ? ', ' + formatDate(r.provenance.citations[0].date) : ''}`),
    );
    tip.hidden = false;
    const maxX = body.clientWidth - tip.offsetWidth;
    tip.style.left = `${Math.max(0, Math.min(maxX, x - tip.offsetWidth / 2))}px`;
    const above = y - tip.offsetHeight - 12;
    tip.style.top = `${below ? y : above >= 0 ? above : y + 16}px`;
  }
  function pointer(ev) {
    const rect = canvas.getBoundingClientRect();
    const x = ev.clientX - rect.left;
    const y = ev.clientY - rect.top;
    const i = chart.hit(x, y);
    canvas.style.cursor = i >= 0 ? 'pointer' : '';
    showTip(i, x, y);
  }
  canvas.addEventListener('pointermove', pointer);
  canvas.addEventListener('pointerdown', pointer);
  canvas.addEventListener('pointerleave', (ev) => { if (ev.pointerType === 'mouse') tip.hidden = true; });
  // A tap anywhere else closes a touch tooltip.
  document.addEventListener('pointerdown', (ev) => { if (ev.target !== canvas) tip.hidden = true; });

  function moveFocus(i) {
    focus = i;
    chart.focus(i);
    if (i < 0) { tip.hidden = true; live.textContent = ''; return; }
    live.textContent = pointText(meta, i);
    const [x, y, w, h] = chart.mark_box(i);
    showTip(i, Math.min(x + w / 2, body.clientWidth - 8), y + h + 8, true);
  }
  canvas.addEventListener('keydown', (ev) => {
    const n = chart.count();
    if (!n) return;
    const keys = {
      ArrowRight: () => (focus + 1) % n,
      ArrowDown: () => (focus + 1) % n,
      ArrowLeft: () => (focus <= 0 ? n - 1 : focus - 1),
      ArrowUp: () => (focus <= 0 ? n - 1 : focus - 1),
      Home: () => 0,
      End: () => n - 1,
      Escape: () => -1,
    };
    if ((ev.key === 'Enter' || ev.key === ' ') && focus >= 0) {
      ev.preventDefault();
      openSource(focus);
      return;
    }
    if (!(ev.key in keys)) return;
    ev.preventDefault();
    moveFocus(keys[ev.key]());
  });
  // One key press from a data point to the sentence it came from: open the
  // data table at that row's sources and move focus there.
  function openSource(i) {
    const toggle = fig.querySelector('.data-toggle');
    if (toggle && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
    const details = fig.querySelector(`.chart-data details.source-details[data-mark="${i}"]`);
    if (!details) return;
    details.open = true;
    const summary = details.querySelector('summary');
    summary.focus();
    summary.scrollIntoView({ block: 'nearest' });
  }
  canvas.addEventListener('blur', () => { if (focus >= 0) moveFocus(-1); });
  return drawIfInView;
}

function mountTimeline(section) {
  const list = section.querySelector('ol');
  let entries;
  try {
    entries = JSON.parse(timeline());
  } catch (e) {
    section.append(el('p', { role: 'alert' }, `The timeline could not be loaded: ${e.message}`));
    return;
  }
  for (const t of entries) {
    const li = el('li');
    const when = t.end_date ? `${formatDate(t.date)} – ${formatDate(t.end_date)}` : formatDate(t.date);
    li.append(el('time', { datetime: t.date }, when), el('span', { class: 'event' }, t.label));
    const det = el('details', { class: 'source-details' });
    det.append(el('summary', {}, 'Source'), el('blockquote', {}, `“${t.quote}”`));
    const cite = el('p', { class: 'citation' });
    cite.append(sourceLink(t.source), el('span', { class: 'report-title' }, ` — ${t.source.title}`));
    det.append(cite);
    li.append(det);
    list.append(li);
  }
}

// engine: { init, Chart, chart_meta, timeline } from wasm-bindgen's output.
// options: { figures, base (URL prefix of the site), embed (post heights) }.
async function start(engine, options = {}) {
  const figures = options.figures || [...document.querySelectorAll('figure[data-chart]')];
  DATA_URL = (options.base || '') + DATA_URL;
  siteBase = options.base || '';
  embed = Boolean(options.embed);
  controls = !embed && !options.figures;
  if (embed) for (const f of figures) new ResizeObserver(() => postHeight(f)).observe(document.documentElement);
  try {
    await engine.init();
    ({ Chart, chart_meta: chartMeta, timeline } = engine);
  } catch (e) {
    for (const f of figures) fail(f, `the chart engine did not load (${e && e.message ? e.message : e}).`, true);
    return;
  }
  const kicks = figures.map(mount);
  for (const kick of kicks) if (kick) kick();
  const tl = document.querySelector('[data-timeline]');
  if (tl && !options.figures) mountTimeline(tl);
}

globalThis.PkCharts = { start };
})();
