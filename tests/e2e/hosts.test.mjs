// Embeds on a news page of another origin, as a graphics desk serves them: the
// charts come from one origin (with and without CORS headers), the article from
// another, with hostile styles for figure, figcaption, canvas, table, a, .chart,
// .tooltip and .data-table. Checks styles on both sides, theme, narrow columns.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { collectErrors, launch, startServer, waitReady } from './helpers.mjs';

/** The charts' origin; `cors` adds the headers the README tells hosts to send. */
const chartsServer = (cors) => startServer({
  headers: cors ? { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' } : {},
});

const HOSTILE_CSS = `
  body { font-family: Georgia, serif; color: #222; background: #fff; margin: 0; }
  figure { font-style: italic; margin: 40px; }
  figcaption, h2 { color: #999; font-style: italic; }
  canvas { border: 3px dashed red; }
  table { border: 2px solid red; font-family: serif; width: 50%; }
  td, th { border: 2px solid red; }
  a { color: red; }
  .chart { margin: 12px 3px; }
  .tooltip { position: static; color: green; }
  .data-table { width: 200px; }
  .visually-hidden { color: blue; }
  .col { width: var(--w); }
  .grid { display: grid; grid-template-columns: 1fr 300px; gap: 20px; }
  * { font-size: 30px !important; }
`;

/** The article page: the host's own .tooltip/.chart/.data-table, then embeds. */
function article(charts, { width = '640px', embeds = true } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Host article</title><style>${HOSTILE_CSS} .col { --w: ${width}; max-width: 100%; }</style></head><body>
    <p class="tooltip" id="host-tooltip">Host tooltip</p><div class="chart" id="host-chart">Host chart box</div>
    <table class="data-table" id="host-table"><tr><td>Host table</td></tr></table>
    <div class="col" id="col">
      ${embeds ? `<div data-pk-chart="militants-killed-by-source"></div>
      <pk-chart chart="change-2024-2025"></pk-chart>
      <iframe id="frame" src="${charts}embed.html?chart=operation-rates#operation-rates" title="Operations" width="100%" height="560" style="width:100%;border:0"></iframe>` : ''}
    </div>
    <div class="grid"><main><p>Main column</p></main><aside id="sidebar">${embeds ? '<div data-pk-chart="incidents-by-province"></div>' : ''}</aside></div>
    ${embeds ? `<script src="${charts}embed.js" defer></script>` : ''}
  </body></html>`;
}

/** The article's origin: its pages, and dist/ beside them (never used by them). */
const hostServer = (pages) => startServer({ virtual: pages });

/** Computed styles of the host's own elements. */
const hostStyles = (page) => page.evaluate(() => {
  const cs = (id) => getComputedStyle(document.getElementById(id));
  return {
    tooltip: cs('host-tooltip').position, chartMargin: cs('host-chart').margin, tableWidth: cs('host-table').width,
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
});

/** Opens `path` of the host in a fresh context with `options`, runs `fn(page)`, closes it. */
async function onHost(path, options, fn) {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    await page.goto(host.url + path);
    await fn(page);
  } finally {
    await context.close();
  }
}

let browser;
let charts;
let chartsNoCors;
let host;
before(async () => {
  browser = await launch();
  charts = await chartsServer(true);
  chartsNoCors = await chartsServer(false);
  host = await hostServer({
    '/article.html': article(charts.url),
    '/plain.html': article(charts.url, { embeds: false }),
    '/no-cors.html': article(chartsNoCors.url),
    '/no-cors-urdu.html': article(chartsNoCors.url, { embeds: false }).replace('</body>', `<div data-pk-chart="deaths-2025" data-lang="ur"></div><script src="${chartsNoCors.url}embed.js" defer></script></body>`),
    '/urdu.html': article(charts.url, { embeds: false }).replace('</body>', `<div data-pk-chart="deaths-2025" data-lang="ur"></div><script src="${charts.url}embed.js" defer></script></body>`),
    // The Urdu dashboard's iframe code names the chart's Urdu page.
    '/urdu-iframe.html': article(charts.url, { embeds: false }).replace('</body>', `<iframe id="ur-frame" src="${charts.url}embed-operation-rates.ur.html" title="Operations" width="100%" height="300" style="width:100%;border:0"></iframe><script src="${charts.url}embed.js" defer></script></body>`),
    '/unknown.html': article(charts.url, { embeds: false }).replace('</body>', `<pk-chart chart="Nope_Chart"></pk-chart><script src="${charts.url}embed.js" defer></script></body>`),
    ...Object.fromEntries([280, 300, 320, 375].map((w) => [`/narrow-${w}.html`, article(charts.url, { width: `${w}px` })])),
  });
});
after(async () => {
  await browser?.close();
  await Promise.all([charts?.close(), chartsNoCors?.close(), host?.close()]);
});

describe('embeds on another origin', () => {
  it('script tag, <pk-chart> and iframe all draw from another origin, isolated from the host both ways', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(host.url + 'plain.html');
      const before = await hostStyles(page);
      await page.goto(host.url + 'article.html');
      const states = await waitReady(page);
      for (const id of ['militants-killed-by-source', 'change-2024-2025', 'incidents-by-province']) {
        assert.equal(states[id], 'ready', `${id} (script tag / <pk-chart>) is ready`);
      }
      const frame = page.frameLocator('#frame');
      await frame.locator('figure[data-chart="operation-rates"][data-state="ready"]').waitFor();
      // The host looks the same with our charts as without.
      assert.deepEqual(await hostStyles(page), before, 'our styles do not reach the host page');
      // Our charts look the same on the hostile page: Playwright's CSS engine reaches into shadow roots.
      const fig = page.locator('figure[data-chart="militants-killed-by-source"]');
      const title = await fig.locator('.chart-title').evaluate((e) => ({ style: getComputedStyle(e).fontStyle, color: getComputedStyle(e).color, font: getComputedStyle(e).fontFamily }));
      assert.equal(title.style, 'normal', 'no italic title from the host');
      assert.equal(title.color, 'rgb(26, 26, 26)', 'our title colour');
      assert.ok(!/Georgia|serif$/.test(title.font) || title.font.includes('system-ui'), `our font: ${title.font}`);
      assert.equal(await fig.locator('.chart-static:visible').count(), 0, 'the canvas replaced the static drawing');
      const canvasBorder = await fig.locator('canvas').evaluate((e) => getComputedStyle(e).borderTopStyle);
      assert.equal(canvasBorder, 'none', 'no dashed canvas border from the host');
      const cell = await fig.locator('.data-table td').first().evaluate((e) => ({ border: getComputedStyle(e).borderTopColor, font: getComputedStyle(e).fontFamily }));
      assert.notEqual(cell.border, 'rgb(255, 0, 0)', 'no red table borders from the host');
      assert.ok(cell.font.includes('system-ui'), `table text in our font: ${cell.font}`);
      const tooltip = await fig.locator('.tooltip').evaluate((e) => getComputedStyle(e).position);
      assert.equal(tooltip, 'absolute', 'our tooltip keeps its own position');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('an Urdu script-tag chart on the hostile page keeps its own direction, fonts and borders, and leaves the host alone', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(host.url + 'plain.html');
      const before = await hostStyles(page);
      await page.goto(host.url + 'urdu.html');
      const states = await waitReady(page);
      assert.equal(states['deaths-2025'], 'ready');
      assert.deepEqual(await hostStyles(page), before, 'our styles do not reach the host page');
      const fig = page.locator('figure[data-chart="deaths-2025"]');
      const got = await fig.evaluate((f) => ({
        dir: getComputedStyle(f).direction,
        lang: f.lang,
        font: getComputedStyle(f.querySelector('.chart-title')).fontFamily,
        style: getComputedStyle(f.querySelector('.chart-title')).fontStyle,
        canvas: getComputedStyle(f.querySelector('canvas')).borderTopStyle,
        cell: getComputedStyle(f.querySelector('.data-table td')).borderTopColor,
      }));
      assert.deepEqual([got.dir, got.lang], ['rtl', 'ur']);
      assert.ok(got.font.includes('Noto Naskh Arabic'), `our Urdu fonts: ${got.font}`);
      assert.equal(got.style, 'normal', 'no italic title from the host');
      assert.equal(got.canvas, 'none', 'no dashed canvas border from the host');
      assert.notEqual(got.cell, 'rgb(255, 0, 0)', 'no red table borders from the host');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('without CORS headers the script-tag charts say so briefly and show their image, never a bare error', async () => {
    await onHost('no-cors.html', { viewport: { width: 1280, height: 900 } }, async (page) => {
      for (const id of ['militants-killed-by-source', 'change-2024-2025']) {
        const fig = page.locator(`figure[data-chart="${id}"]`);
        await page.waitForFunction((sel) => {
          const deep = (r) => [...r.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll(sel), ...deep(e.shadowRoot)] : []));
          return deep(document).some((f) => f.dataset.state === 'error');
        }, `figure[data-chart="${id}"]`);
        const said = await fig.locator('[role=alert]').textContent();
        assert.match(said, /could not load/);
        // Why, in our words and briefly: not the browser's "Failed to fetch dynamically imported module: <url>".
        assert.match(said, /CORS headers/);
        assert.doesNotMatch(said, /Failed to fetch|dynamically imported/, said);
        // The host's `* { font-size: 30px !important }` stops at our figure.
        assert.notEqual(await fig.locator('[role=alert]').evaluate((e) => getComputedStyle(e).fontSize), '30px');
        // The core's drawing if the figure arrived, else the image of it, and the data.
        const drawing = fig.locator('.chart-static:visible');
        await drawing.waitFor();
        await page.waitForFunction((e) => (e.tagName === 'IMG' ? e.complete && e.naturalWidth > 0 : e.getBoundingClientRect().height > 40), await drawing.elementHandle());
        assert.match(await fig.locator('a[download]').getAttribute('href'), /\/data\/[a-z0-9-]+\.csv$/);
      }
    });
  });

  it('without CORS headers on a phone, the image is the phone drawing, in the chart\'s language', async () => {
    await onHost('no-cors-urdu.html', { viewport: { width: 375, height: 900 } }, async (page) => {
      const img = page.locator('figure[data-chart="deaths-2025"] img.chart-static');
      await img.waitFor();
      await page.waitForFunction((e) => e.complete && e.naturalWidth > 0, await img.elementHandle());
      assert.match(await img.evaluate((e) => e.currentSrc), /\/img\/deaths-2025-narrow\.ur\.svg$/);
    });
  });
});

describe('iframes and ids as newsrooms paste them', () => {
  it("an Urdu chart page's iframe takes its content's height, as English ones do", async () => {
    await onHost('urdu-iframe.html', { viewport: { width: 375, height: 800 } }, async (page) => {
      const frame = page.frameLocator('#ur-frame');
      await frame.locator('figure[data-chart="operation-rates"][data-state="ready"]').waitFor();
      const inner = await frame.locator('html').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
      await page.waitForFunction((h) => Math.abs(document.getElementById('ur-frame').getBoundingClientRect().height - h) <= 2, inner, { timeout: 10_000 });
      assert.ok(inner > 300, `the Urdu page (${inner} px) is taller than the code's starting 300 px`);
    });
  });

  it('an unknown chart id is named as it was written', async () => {
    await onHost('unknown.html', { viewport: { width: 640, height: 800 } }, async (page) => {
      const alert = page.locator('pk-chart [role="alert"]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /Nope_Chart/);
    });
  });
});

describe('errors in the reader\'s language', () => {
  it('an Urdu script-tag chart whose engine cannot load says so in Urdu', async () => {
    await onHost('no-cors-urdu.html', { viewport: { width: 375, height: 900 } }, async (page) => {
      const fig = page.locator('figure[data-chart="deaths-2025"]');
      await page.waitForFunction(() => {
        const deep = (r) => [...r.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll('figure[data-chart]'), ...deep(e.shadowRoot)] : []));
        return deep(document).some((f) => f.dataset.state === 'error');
      });
      const text = await fig.locator('[role=alert]').textContent();
      assert.match(text, /لوڈ نہیں/, `Urdu words: ${text}`);
      assert.doesNotMatch(text, /could not|did not/, `no English words: ${text}`);
    });
  });
});

describe('theme follows the page, not the OS', () => {
  it('on a light page read with a dark OS, embeds are light; theme=auto follows the OS; theme=dark forces dark', async () => {
    await onHost('article.html', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }, async (page) => {
      await waitReady(page);
      const bg = (loc) => loc.evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(await bg(page.locator('figure[data-chart="militants-killed-by-source"]')), 'rgb(255, 255, 255)');
      const frameFig = page.frameLocator('#frame').locator('figure[data-chart="operation-rates"]');
      await frameFig.and(page.frameLocator('#frame').locator('[data-state="ready"]')).waitFor();
      assert.equal(await bg(frameFig), 'rgb(255, 255, 255)', 'iframe embed light by default');
      for (const [theme, want] of [['auto', 'rgb(18, 20, 23)'], ['dark', 'rgb(18, 20, 23)'], ['light', 'rgb(255, 255, 255)']]) {
        await page.goto(`${charts.url}embed.html?chart=deaths-2025&theme=${theme}`);
        await waitReady(page);
        assert.equal(await bg(page.locator('figure[data-chart="deaths-2025"]')), want, `theme=${theme}`);
      }
    });
  });
});

describe('narrow columns', () => {
  for (const w of [280, 300, 320, 375]) {
    it(`at ${w} px: no embed is wider than its column, tables fit or scroll inside their own box`, async () => {
      const context = await browser.newContext({ viewport: { width: w, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(`${host.url}narrow-${w}.html`);
        await waitReady(page);
        await page.evaluate(() => {
          const deep = (r) => [...r.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot, ...deep(e.shadowRoot)] : []));
          for (const root of [document, ...deep(document)]) for (const b of root.querySelectorAll('button.data-toggle[aria-expanded="false"]')) b.click();
        });
        const boxes = await page.evaluate(() => {
          const deep = (r) => [...r.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot, ...deep(e.shadowRoot)] : []));
          const out = [];
          for (const root of deep(document)) {
            const fig = root.querySelector('figure[data-chart]');
            if (!fig) continue;
            const col = root.host.parentElement.getBoundingClientRect();
            const f = fig.getBoundingClientRect();
            const canvas = fig.querySelector('canvas').getBoundingClientRect();
            const wrap = fig.querySelector('.table-wrap');
            out.push({
              id: fig.dataset.chart, col: col.width, fig: f.width, canvas: canvas.width, right: Math.max(f.right, canvas.right), colRight: col.right,
              tableFits: wrap.scrollWidth <= wrap.clientWidth + 1, tableScrolls: getComputedStyle(wrap).overflowX === 'auto',
            });
          }
          return { out, page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth };
        });
        assert.ok(boxes.out.length >= 3, 'three script-tag charts');
        for (const b of boxes.out) {
          assert.ok(b.fig <= b.col + 0.5 && b.canvas <= b.col + 0.5 && b.right <= b.colRight + 0.5, `${b.id} is ${b.fig}/${b.canvas} px in a ${b.col} px column`);
          assert.ok(b.tableFits || b.tableScrolls, `${b.id}'s table fits or scrolls in its own box`);
        }
        // Inside the iframe: no horizontal overflow either.
        const frame = page.frames().find((f) => f.url().includes('embed.html'));
        await frame.waitForSelector('figure[data-state="ready"]');
        const inner = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        assert.ok(inner.scroll <= inner.client, `iframe content ${inner.scroll} px in ${inner.client} px`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('heights without scripts', () => {
  it("the embed code's starting height holds the no-script chart, readable, with its data and sources", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 640, height: 600 } });
    const plain = await noJs.newPage();
    try {
      await page.goto(charts.url);
      await waitReady(page);
      const ids = await page.$$eval('figure[data-chart]', (fs) => fs.map((f) => f.dataset.chart));
      for (const id of ids) {
        const fig = page.locator(`figure[data-chart="${id}"]`);
        await fig.locator('.embed-code summary').click();
        const area = fig.locator(`#embed-${id}-iframe`);
        let code = '';
        for (let i = 0; i < 100 && !code; i++) code = await area.inputValue() || (await page.waitForTimeout(20), '');
        const height = Number(/height="(\d+)"/.exec(code)?.[1]);
        assert.ok(height > 100, `${id}: a starting height (${code})`);
        await plain.setViewportSize({ width: 640, height });
        await plain.goto(`${charts.url}embed.html?chart=${id}#${id}`);
        const box = await plain.evaluate((chart) => {
          const s = document.getElementById(chart);
          const img = s.querySelector('.chart-static.wide').getBoundingClientRect();
          const data = s.querySelector('summary.data-summary').getBoundingClientRect();
          const sources = s.querySelector('.chart-footer .sources').getBoundingClientRect();
          return { imgWidth: img.width, imgBottom: img.bottom, dataBottom: data.bottom, sourcesBottom: sources.bottom };
        }, id);
        assert.ok(box.imgWidth >= 600, `${id}: the image is at full size (${box.imgWidth} px), its labels readable`);
        for (const [what, bottom] of [['image', box.imgBottom], ['data link', box.dataBottom], ['sources', box.sourcesBottom]]) {
          assert.ok(bottom <= height, `${id}: its ${what} ends at ${bottom} px, inside the ${height} px iframe`);
        }
      }
    } finally {
      await context.close();
      await noJs.close();
    }
  });
});
