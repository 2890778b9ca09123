// Mounts charts on one shared wasm instance. The Rust core writes each chart's
// HTML (src/html.rs; the build pastes it into the pages, so it shows before any
// script): its words, its tooltips (a <template>), and the drawing its canvas
// draws (`data-spec`); the wasm does layout, drawing and hit-testing from that.
// This file only puts a canvas over the static image, turns the open data
// table into a disclosure, forwards pointer and keyboard events, and redraws
// when the size or colour scheme changes. It writes no words of its own: the
// few errors shown when no figure HTML arrived at all are src/data/ui.json's,
// which the build writes in below.
//
// A plain script with no import/export, so the same text serves the module
// pages (app.js), the script-tag loader (embed.js) and the single-file
// standalone.html, where module scripts cannot load from file://.
(function () {
'use strict';

// The height message's type is `<crate>:height`; the build writes the crate's
// name (Cargo.toml's) here.
const CRATE = '__CRATE_NAME__';
// src/data/ui.json's messages marked "script", by language: the build writes them here.
const WORDS = {"__ui_words__": 1};
// Message `id` in the figure's language, its `{slots}` filled.
function say(fig, id, slots = {}) {
  const ur = /^ur\b/.test(fig.closest('[lang]')?.lang || '') || /^\.ur/.test(fig.dataset.variant || '');
  const text = (ur && WORDS.ur?.[id]) || WORDS.en?.[id] || id;
  return Object.entries(slots).reduce((t, [k, v]) => t.split(`{${k}}`).join(v), text);
}
const params = new URLSearchParams(location.search);
const darkQuery = matchMedia('(prefers-color-scheme: dark)');
// Set by start(): the wasm's chart class and where the site's files are.
let Chart;
let embed = false;
let controls = false;
let siteBase = '';

// Embeds (iframe and script tag) are light unless asked otherwise, so a chart
// matches the article it sits in; the dashboard follows the reader's OS. Only
// the iframe page reads its own URL: a host page's query is not ours to read.
let defaultTheme = 'auto';
function themeOf(fig) {
  const t = (embed && params.get('theme')) || fig.dataset.theme || defaultTheme;
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

// "Show data": the core writes the table open, for readers without scripts
// and for print; here it closes behind its toggle. Closed, it stays in the
// accessibility tree (only visually hidden) and its links and toggles leave
// the Tab order so keyboard users skip it.
function wireDisclosure(fig) {
  const toggle = fig.querySelector('.data-toggle');
  const box = fig.querySelector('.chart-data');
  if (!toggle || !box) return;
  // The no-script disclosure stays open; the button takes over its job.
  const details = fig.querySelector('.data-details');
  if (details) {
    details.open = true;
    details.querySelector('.data-summary')?.setAttribute('hidden', '');
  }
  const tabbable = (open) => {
    // .table-wrap too: Chromium makes a scrolling box a Tab stop of its own.
    for (const e of box.querySelectorAll('summary, a, button, .table-wrap')) {
      if (open) e.removeAttribute('tabindex');
      else e.setAttribute('tabindex', '-1');
    }
  };
  const set = (open) => {
    box.dataset.open = String(open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? toggle.dataset.hide : toggle.dataset.show;
    tabbable(open);
  };
  set(false);
  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    set(box.dataset.open !== 'true');
    postHeight(fig);
  });
  for (const d of box.querySelectorAll('details')) d.addEventListener('toggle', () => postHeight(fig));
}

// Never a blank box: say what went wrong and keep the static image of the
// chart (drawn by the same core at build time) and its table in view.
function fail(fig, message) {
  fig.dataset.state = 'error';
  const canvas = fig.querySelector('.chart-body canvas');
  if (canvas) canvas.hidden = true;
  const imgs = fig.querySelectorAll('.chart-static');
  // An attribute, not .hidden: the drawings are SVG elements.
  for (const img of imgs) img.removeAttribute('hidden');
  let alert = fig.querySelector('.chart-error');
  if (!alert) {
    alert = el('div', { class: 'chart-error', role: 'alert' });
    const body = fig.querySelector('.chart-body');
    if (body) body.after(alert);
    else fig.append(alert);
  }
  // The lead-in is the core's, in the figure's language; English only when
  // no figure HTML arrived at all.
  alert.textContent = `${fig.dataset.failed || say(fig, 'chart_failed')} ${message}`;
  // Every figure the core writes carries its drawings; a script-tag chart
  // whose figure never arrived gets its image and data from embed.js.
  postHeight(fig);
}

function postHeight(fig) {
  if (!embed || window.parent === window) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  const chart = fig.dataset.chart;
  window.parent.postMessage({ type: `${CRATE}:height`, chart, height }, '*');
  window.parent.postMessage({ 'datawrapper-height': { [chart]: height } }, '*');
  if (location.hash.includes('amp=1')) window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
}

// A script-tag embed on a page that did not paste the chart in fetches the
// figure the build wrote (figures/<id>.html, by the same core function), and
// resolves its links against that file. Parsed, never executed.
async function fetchFigure(fig) {
  const id = fig.dataset.chart || '';
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(say(fig, 'no_such_chart', { id }));
  // The host's data-lang/data-digits pick the language's copy (figures/<id>.ur.html).
  const variant = /^(\.ur(-arabext)?)?$/.test(fig.dataset.variant || '') ? fig.dataset.variant || '' : '';
  const url = new URL(`figures/${id}${variant}.html`, siteBase || location.href);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${say(fig, 'no_such_chart', { id })} (${response.status})`);
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  const copy = doc.querySelector(`figure[data-chart="${id}"]`);
  if (!copy) throw new Error(say(fig, 'no_such_chart', { id }));
  for (const name of ['lang', 'dir', 'data-failed']) {
    if (copy.hasAttribute(name)) fig.setAttribute(name, copy.getAttribute(name));
  }
  for (const e of copy.querySelectorAll('[src], [href], [srcset]')) {
    for (const attr of ['src', 'href', 'srcset']) {
      if (e.hasAttribute(attr)) e.setAttribute(attr, new URL(e.getAttribute(attr), url).href);
    }
  }
  fig.replaceChildren(...[...copy.childNodes].map((n) => document.importNode(n, true)));
}

// What mount() needs from the layout, read before any figure is written to:
// the page was laid out for its first paint, so these reads cost nothing, and
// the writes that follow cost one layout, at the next frame, instead of one
// forced in between (a whole figure's, its data table included: ~10 ms on a
// 2-core machine).
function measure(fig) {
  const body = fig.querySelector('.chart-body');
  // The drawings the core made for each band (inline SVG); chart.css shows one.
  const imgs = body ? [...body.querySelectorAll('.chart-static')] : [];
  const shown = imgs.find((i) => i.getClientRects().length);
  const r = fig.getBoundingClientRect();
  return {
    shown,
    held: shown ? [Number(shown.getAttribute('width')) || 0, shown.getBoundingClientRect().height] : null,
    inView: r.top < innerHeight && r.bottom > 0,
    width: body ? Math.floor(body.clientWidth) : 0,
  };
}

function hydrate(fig, seen) {
  fig.classList.add('chart', 'pk-chart');
  const theme = themeOf(fig);
  if (theme === 'auto') delete fig.dataset.theme;
  else fig.dataset.theme = theme;
  const plain = fig.dataset.plain === '1' || (embed && params.get('plain') === '1');
  if (plain) for (const e of fig.querySelectorAll('.chart-head, .chart-footer')) e.remove();
  const body = fig.querySelector('.chart-body');
  const imgs = [...body.querySelectorAll('.chart-static')];
  const img = seen.shown || imgs[0];
  const label = img?.getAttribute('aria-label') || body.dataset.summary || '';
  const canvas = el('canvas', { role: 'img', tabindex: '0', 'aria-label': label, 'aria-roledescription': 'chart', hidden: '' });
  const tip = el('div', { class: 'tooltip', hidden: '', 'aria-hidden': 'true' });
  const live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  body.append(canvas, tip);
  body.after(live);
  wireDisclosure(fig);
  return { canvas, tip, live, body, img, imgs };
}

// "Embed" disclosure: the core wrote it (its words, in the figure's language,
// and which page and image the codes name); this fills in copyable iframe and
// script-tag codes for the address the site is served from.
function embedControl(fig, id, chart, img) {
  const box = fig.querySelector('.embed-code');
  if (!box) return;
  box.hidden = false;
  const select = box.querySelector('select');
  const areas = [...box.querySelectorAll('textarea[data-kind]')];
  const site = siteBase || new URL('.', location.href).href;
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const { page, image, lang, digits } = box.dataset;
  const title = fig.querySelector('.chart-title')?.textContent || id;
  const summary = img?.getAttribute('aria-label') || fig.querySelector('.chart-body')?.dataset.summary || '';
  // Worked out when opened, from the chart as drawn: the canvas part is what
  // the core computes for a 640 px article column; the HTML around it (title,
  // notes, sources) is measured and grows as its lines wrap in a narrower
  // column. Auto-height corrects the rest after load.
  const codes = () => {
    const rect = (e) => (e ? e.getBoundingClientRect().height : 0);
    const skip = [...fig.querySelectorAll('.embed-code, .chart-data')].reduce((h, e) => h + rect(e), 0);
    const chrome = Math.max(0, rect(fig) - rect(fig.querySelector('canvas')) - skip);
    const widthRatio = Math.max(1, (fig.getBoundingClientRect().width || 640) / 640);
    // +8: the no-script copy's disclosure sits a few px lower than the button.
    const start = Math.ceil(chart.height_at(640) + chrome * widthRatio) + 8;
    const theme = select.value;
    // The chart's own page: only its figure to download, shown with or without scripts.
    const src = `${site}${page}${theme === 'light' ? '' : `?theme=${theme}`}`;
    const noscript = `<noscript><img src="${site}${image}" alt="${esc(summary)}" style="max-width:100%"></noscript>`;
    const themeAttr = theme === 'light' ? '' : ` data-theme="${theme}"`;
    const langAttr = lang ? ` data-lang="${lang}"${digits ? ` data-digits="${digits}"` : ''}` : '';
    return {
      iframe: `<iframe src="${src}" title="${esc(title)}" loading="lazy" width="100%" height="${start}" style="width:100%;border:0"></iframe>\n<script src="${site}embed.js" defer></script>`,
      script: `<div data-pk-chart="${id}"${themeAttr}${langAttr}>${noscript}</div>\n<script src="${site}embed.js" defer></script>`,
    };
  };
  for (const area of areas) {
    const button = area.nextElementSibling;
    button?.addEventListener('click', async () => {
      area.select();
      try {
        await navigator.clipboard.writeText(area.value);
        button.textContent = button.dataset.copied;
      } catch {
        button.textContent = button.dataset.byHand;
      }
    });
  }
  const fill = () => { const c = codes(); for (const area of areas) area.value = c[area.dataset.kind] || ''; };
  box.addEventListener('toggle', () => { if (box.open) fill(); });
  select.addEventListener('change', fill);
}

// `Engine`: the wasm's `Chart` class: the built-in engine's by default, the
// user-data engine's for charts made at run time. Either draws the drawing the
// core wrote into the figure (`data-spec`), in the figure's language.
// `seen`: measure(fig), taken before any figure of the page was written to.
function mount(fig, Engine = Chart, seen = measure(fig)) {
  const id = fig.dataset.chart;
  let chart;
  let parts;
  try {
    parts = hydrate(fig, seen);
    chart = new Engine(parts.canvas, parts.body.dataset.spec || '');
  } catch (e) {
    fail(fig, e && e.message ? e.message : String(e));
    return;
  }
  const { canvas, tip, live, body, img, imgs } = parts;
  // The static drawing's box (its width and height attributes) is what the
  // page laid out around; in that drawing's band (its width names it) the
  // canvas keeps at least its height.
  if (seen.held) chart.hold(...seen.held);
  // The core's tooltip for each mark, in the marks' order.
  const tips = [...(body.querySelector('template.chart-tips')?.content.children || [])];
  if (controls) embedControl(fig, id, chart, img);
  let width = 0;
  let focus = -1;
  let frame = 0;

  // `known`: the body's width if nothing moved since it was measured.
  function draw(known) {
    frame = 0;
    const w = known || Math.floor(body.clientWidth);
    if (w <= 0) return;
    try {
      const h = chart.render(w, window.devicePixelRatio || 1, isDark(fig));
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      // The canvas takes the static image's place once it has drawn.
      canvas.hidden = false;
      for (const i of imgs) i.setAttribute('hidden', '');
      if (focus >= 0) chart.focus(focus);
      width = w;
      // A later draw that works clears an earlier failure.
      fig.querySelector('.chart-error')?.remove();
      fig.dataset.state = 'ready';
      postHeight(fig);
    } catch (e) {
      fail(fig, e && e.message ? e.message : String(e));
    }
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => draw());
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
  // Returned, not run: start() calls it once every chart has its skeleton.
  // Whether it is in view, and its width, are as measured before any figure
  // was written to (the skeleton adds no width and little height).
  const drawIfInView = () => {
    if (!width && seen.inView) { visible = true; draw(seen.width); }
  };

  // Pointer: above the pointer (below if no room). Keyboard: under the focused
  // bar, so the bar and its label stay in view.
  function showTip(i, x, y, below = false) {
    if (i < 0 || !tips[i]) { tip.hidden = true; return; }
    tip.replaceChildren(...tips[i].cloneNode(true).childNodes);
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
  // Escape closes a hover tooltip wherever focus is (WCAG 1.4.13); with focus
  // on the canvas, its own handler below also clears the focused bar.
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && focus < 0) tip.hidden = true; });
  // A tap anywhere else closes a touch tooltip.
  // composedPath: inside a shadow root the document sees the host, not the canvas.
  document.addEventListener('pointerdown', (ev) => { if (!ev.composedPath().includes(canvas)) tip.hidden = true; });

  function moveFocus(i) {
    focus = i;
    chart.focus(i);
    if (i < 0) { tip.hidden = true; live.textContent = ''; return; }
    live.textContent = tips[i]?.dataset.say || '';
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

// engine: { init, Chart } from wasm-bindgen's output.
// options: { figures, base (URL prefix of the site), embed (post heights) }.
async function start(engine, options = {}) {
  const figures = options.figures || [...document.querySelectorAll('figure[data-chart]')];
  siteBase = options.base || '';
  embed = Boolean(options.embed);
  controls = !embed && !options.figures && location.protocol !== 'file:';
  defaultTheme = embed || options.figures ? 'light' : 'auto';
  if (embed) for (const f of figures) new ResizeObserver(() => postHeight(f)).observe(document.documentElement);
  const message = (e) => (e && e.message ? e.message : String(e));
  // Figures the page lacks are fetched while the engine loads.
  const copies = Promise.all(figures.map((f) => (f.querySelector('.chart-body')
    ? true
    : fetchFigure(f).then(() => true, (e) => { fail(f, message(e)); return false; }))));
  let engineError = null;
  try {
    await engine.init();
    ({ Chart } = engine);
  } catch (e) {
    engineError = e;
  }
  const present = await copies;
  const ready = figures.filter((_, i) => present[i]);
  if (engineError) {
    for (const f of ready) fail(f, say(f, 'engine_failed', { why: message(engineError) }));
    return;
  }
  // Every figure measured first, then every one written to: one layout.
  const seen = ready.map(measure);
  const kicks = ready.map((f, i) => mount(f, Chart, seen[i]));
  for (const kick of kicks) if (kick) kick();
}

// A chart from a newsroom's own data, on `host` (a figure, or an element that
// gets one): `engine` is the user-data wasm (pkg/pk_charts_user.js); `data` is
// { csv } or { json } (text) or { rows } (objects shaped like the CSV's rows),
// with an optional `title`; `chart` picks one of its charts, `sorted` orders
// the bars largest first. Bad data shows its error in the figure; nothing throws.
async function startUser(engine, host, data, options = {}) {
  let fig = host;
  if (host.tagName !== 'FIGURE') {
    fig = el('figure', { class: 'chart pk-chart', 'data-state': 'loading' });
    host.replaceChildren(fig);
  }
  fig.classList.add('chart', 'pk-chart');
  siteBase = options.base || siteBase;
  embed = Boolean(options.embed);
  defaultTheme = options.embed || options.host ? 'light' : 'auto';
  try {
    await engine.init();
    const title = data.title || 'Your figures';
    const loaded = data.csv !== undefined ? engine.UserData.from_csv(String(data.csv), title)
      : data.json !== undefined ? engine.UserData.from_json(String(data.json))
        : engine.UserData.from_rows(JSON.stringify(data.rows || []), title);
    if (options.sorted) loaded.sort_by_value();
    if (options.lang || options.digits || options.grouping) {
      loaded.set_locale(options.lang || '', options.digits || '', options.grouping || '');
      if (options.lang === 'ur') Object.assign(fig, { lang: 'ur', dir: 'rtl' });
    }
    const ids = loaded.chart_ids();
    const id = options.chart && ids.includes(options.chart) ? options.chart : ids[0];
    fig.dataset.chart = id;
    // Written and escaped by the core, as the build writes the built-in charts.
    fig.innerHTML = loaded.figure_html(id, embed ? 1 : 2);
    const kick = mount(fig, engine.Chart);
    if (kick) kick();
  } catch (e) {
    fail(fig, e && e.message ? e.message : String(e));
  }
  return fig;
}

globalThis.PkCharts = Object.assign(globalThis.PkCharts || {}, { start, startUser });
})();
