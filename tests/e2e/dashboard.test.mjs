// End-to-end tests of the dashboard (index.html) and the embed page in headless
// Chromium: rendering at several sizes and schemes, the sourced numbers in the
// tables, provenance, error isolation, resizing, keyboard/pointer/touch access,
// and the embed's height messages. One browser per file, a new context per case.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, collectErrors, waitReady, figureStates, screenshot,
  canvasStats, drawnBars, tooltipText, CHART_IDS, CRATE, THEME,
} from './helpers.mjs';

const PARENT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parent</title></head>
<body>
<script>
  window.__messages = [];
  addEventListener('message', (e) => {
    const frame = document.querySelector('iframe');
    window.__messages.push({ data: e.data, fromFrame: !!frame && e.source === frame.contentWindow });
  });
</script>
<iframe src="embed.html?chart=deaths-2025" title="Deaths in 2025" width="600" height="150"></iframe>
</body></html>`;

// A news page using embed.js to size an iframe of ours.
const EMBED_JS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Article</title><script src="embed.js"></script></head>
<body><p>Article text.</p>
<iframe src="embed.html?chart=operation-rates" title="Operation rates" width="600" height="150" style="border:0"></iframe>
</body></html>`;

let server;
let browser;
before(async () => {
  server = await startServer({ virtual: { '/test-parent.html': PARENT_PAGE, '/test-embedjs.html': EMBED_JS_PAGE } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh context and page; the caller closes the context. */
async function open(options = {}, path = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = collectErrors(page);
  if (path !== null) await page.goto(server.url + path);
  return { context, page, errors };
}

const fig = (id) => `figure[data-chart="${id}"]`;

function assertAllReady(states, ids = CHART_IDS) {
  for (const id of ids) assert.equal(states[id], 'ready', `figure ${id} should be ready, states: ${JSON.stringify(states)}`);
}

function assertIncludesAll(text, needles, what) {
  for (const n of needles) assert.ok(text.includes(n), `${what} should contain "${n}"; got: ${text}`);
}

describe('dashboard matrix: sizes × pixel ratios × colour schemes', () => {
  for (const [w, h] of [[375, 800], [1280, 900]]) {
    for (const dpr of [1, 2]) {
      for (const scheme of ['light', 'dark']) {
        it(`${w}×${h} dpr ${dpr} ${scheme}`, async () => {
          const { context, page, errors } = await open({ viewport: { width: w, height: h }, deviceScaleFactor: dpr, colorScheme: scheme });
          try {
            assertAllReady(await waitReady(page));
            assert.equal(await page.locator('figure[data-chart]').count(), CHART_IDS.length);
            // Once the canvas has drawn, the static image it replaced is gone: one chart, not two.
            assert.equal(await page.locator('figure[data-chart] .chart-static:visible').count(), 0, 'static drawings hidden');
            assert.equal(await page.locator('figure[data-chart] canvas:visible').count(), CHART_IDS.length);
            const theme = THEME[scheme];
            const other = THEME[scheme === 'light' ? 'dark' : 'light'];
            for (const id of CHART_IDS) {
              const s = await canvasStats(page, id, {
                background: theme.background, official: theme.official, independent: theme.independent, otherBackground: other.background,
              });
              assert.ok(s, `${id} has a canvas`);
              assert.ok(s.cssWidth > 100, `${id} canvas CSS width ${s.cssWidth}`);
              assert.ok(Math.abs(s.width - Math.round(s.cssWidth * dpr)) <= 1, `${id} backing width ${s.width} should be ${s.cssWidth}×${dpr}`);
              assert.ok(Math.abs(s.height - Math.round(s.cssHeight * dpr)) <= 1, `${id} backing height ${s.height} should be ${s.cssHeight}×${dpr}`);
              const bars = s.share.official + s.share.independent;
              assert.ok(bars >= 0.01, `${id}: ${(bars * 100).toFixed(2)}% of pixels are ${scheme} bar colours, want ≥ 1%`);
              assert.ok(s.share.background >= 0.3, `${id}: ${(s.share.background * 100).toFixed(1)}% of pixels are the ${scheme} background, want ≥ 30%`);
              assert.ok(s.share.otherBackground < 0.05, `${id}: ${(s.share.otherBackground * 100).toFixed(1)}% of pixels are the other scheme's background`);
            }
            const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
            assert.ok(scrollWidth <= innerWidth, `horizontal scroll: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
            const label = await page.getAttribute(`${fig('incidents-by-province')} canvas`, 'aria-label');
            assertIncludesAll(label, ['3,811', '1,557', '29', '5,397'], 'incidents-by-province aria-label');
            await screenshot(page, `dashboard-${w}-dpr${dpr}-${scheme}`);
            assert.deepEqual(errors, []);
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});

describe('data tables hold the sourced numbers', () => {
  const expected = {
    'incidents-by-province': ['3,811', '1,557', '29'],
    'operations-by-province': ['58,778', '14,658', '1,739'],
    'operation-rates': ['37.8', '3.8', '60.0', '206', '14.8', '7.1'],
    'deaths-2025': ['2,597', '1,235'],
    'militants-killed-by-source': ['2,597', '2,138', 'about 2,060', '1,313', '243'],
    'change-2024-2025': ['59,775', '75,175', '925', '2,597', '1,950', '3,413', '2,555', '3,417', '521', '699'],
    'attacks-late-2025': ['89', '97', '68'],
  };

  it('every table has its numbers, a caption and row and column headers', async () => {
    const { context, page, errors } = await open();
    try {
      assertAllReady(await waitReady(page));
      for (const [id, numbers] of Object.entries(expected)) {
        const t = await page.$eval(`${fig(id)} table`, (table) => ({
          // The value column, cell by cell, so "29" cannot match inside "1,557 · 29%".
          values: [...table.querySelectorAll('tbody td.num .n')].map((n) => n.textContent.trim()),
          caption: table.querySelector('caption')?.textContent.trim() || '',
          cols: table.querySelectorAll('th[scope=col]').length,
          rows: table.querySelectorAll('th[scope=row]').length,
          bodyRows: table.querySelectorAll('tbody tr:not(.prov)').length,
          // Closed, the table is only visually hidden: still in the accessibility tree.
          hiddenButReadable: (() => {
            const box = table.closest('.chart-data');
            const r = box.getBoundingClientRect();
            const toggle = document.querySelector(`[aria-controls="${box.id}"]`);
            return r.width <= 1 && r.height <= 1 && !box.hidden && getComputedStyle(box).display !== 'none'
              && getComputedStyle(box).visibility !== 'hidden' && toggle?.getAttribute('aria-expanded') === 'false';
          })(),
        }));
        for (const n of numbers) assert.ok(t.values.includes(n), `${id} table values ${JSON.stringify(t.values)} should include "${n}"`);
        assert.ok(t.caption.length > 10, `${id} table caption "${t.caption}"`);
        assert.ok(t.cols >= 3, `${id} has ${t.cols} th[scope=col]`);
        assert.equal(t.rows, t.bodyRows, `${id}: one th[scope=row] per body row`);
        assert.ok(t.hiddenButReadable, `${id} table starts visually hidden but readable by screen readers`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a row\'s source details reveal the verbatim quote and a derived row its formula', async () => {
    const { context, page } = await open();
    try {
      await waitReady(page);
      const incidents = page.locator(fig('incidents-by-province'));
      await incidents.locator('button.data-toggle').click();
      const kpValue = incidents.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^Khyber Pakhtunkhwa$/ }) });
      // A value's provenance is the full-width row right under it.
      const kpRow = kpValue.locator('xpath=following-sibling::tr[1]');
      const quote = kpRow.locator('details.source-details blockquote');
      assert.equal(await quote.isVisible(), false, 'quote hidden until its details open');
      await kpRow.locator('details.source-details > summary').click();
      assert.equal(await quote.isVisible(), true, 'quote visible after opening');
      assert.match(await quote.textContent(), /3,811/);

      const rates = page.locator(fig('operation-rates'));
      await rates.locator('button.data-toggle').click();
      const first = rates.locator('tbody tr.prov').first();
      await first.locator('details.source-details > summary').click();
      const formula = first.locator('.provenance');
      assert.equal(await formula.isVisible(), true);
      const text = await formula.textContent();
      assertIncludesAll(text, ['Computed:', '58,778', '1,557'], 'operation-rates first row provenance');
      assert.ok(await first.locator('blockquote').count() >= 1, 'derived row quotes its sources too');
    } finally {
      await context.close();
    }
  });
});

describe('provenance', () => {
  it('militants-killed-by-source explains how the counts differ; the timeline has 4 entries', async () => {
    const { context, page, errors } = await open();
    try {
      await waitReady(page);
      const box = page.locator(`${fig('militants-killed-by-source')} .differences`);
      assert.equal(await box.count(), 1, 'one "How the counts differ" box');
      assert.match(await box.locator('h3').textContent(), /How the counts differ/);
      const items = await box.locator('li').allTextContents();
      assert.ok(items.some((t) => t.includes('ISPR') && t.includes('2,597')), `ISPR listed: ${items}`);
      assert.ok(items.some((t) => t.includes('PICSS') && t.includes('2,138')), `PICSS listed: ${items}`);

      await page.waitForFunction(() => document.querySelectorAll('[data-timeline] ol > li').length > 0);
      const entries = await page.locator('[data-timeline] ol > li').allTextContents();
      assert.equal(entries.length, 4, `timeline entries: ${entries.length}`);
      assert.ok(entries.some((t) => /border/i.test(t)), 'one timeline entry is about the border');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('error isolation', () => {
  it('an unknown chart id fails alone with a role=alert naming it', async () => {
    const { context, page, errors } = await open({}, null);
    try {
      await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(
          /<main([^>]*)>/,
          '<main$1><figure class="chart" data-chart="no-such-chart" data-state="loading"></figure>',
        );
        assert.ok(body.includes('no-such-chart'), 'the route rewrote index.html');
        await route.fulfill({ response, body });
      });
      await page.goto(server.url);
      const states = await waitReady(page);
      assert.equal(states['no-such-chart'], 'error');
      assertAllReady(states);
      const alert = page.locator(`${fig('no-such-chart')} [role=alert]`);
      assert.equal(await alert.count(), 1);
      assert.equal(await alert.isVisible(), true);
      assert.match(await alert.textContent(), /no-such-chart/);
      // The browser logs the 404 of the figure it looked for; nothing else may fail.
      assert.deepEqual(errors.filter((e) => !e.includes('figures/no-such-chart.html')), []);
    } finally {
      await context.close();
    }
  });

  it('a missing wasm file turns every figure into an error with an alert, without an uncaught exception', async () => {
    const { context, page, errors } = await open({}, null);
    try {
      await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await page.goto(server.url);
      const states = await waitReady(page);
      for (const id of CHART_IDS) assert.equal(states[id], 'error', `${id} state`);
      for (const id of CHART_IDS) {
        const alert = page.locator(`${fig(id)} [role=alert]`);
        assert.equal(await alert.count(), 1, `${id} has one alert`);
        assert.equal(await alert.isVisible(), true, `${id} alert is visible (no blank box)`);
        assert.ok((await alert.textContent()).trim().length > 20, `${id} alert says what is wrong`);
        // ...and the chart's static copy from the build: its image and its data table.
        const drawing = page.locator(`${fig(id)} .chart-static:visible`);
        assert.equal(await drawing.count(), 1, `${id} shows its static drawing`);
        assert.equal(await drawing.isVisible(), true, `${id}'s static drawing is in view`);
        assert.ok(await drawing.evaluate((e) => e.querySelectorAll('text').length > 0), `${id}'s drawing has its labels`);
        assert.ok((await drawing.getAttribute('aria-label')).length > 30, `${id} drawing has a real text alternative`);
        assert.ok(await page.locator(`${fig(id)} table`).count() >= 1, `${id} shows its data table`);
      }
      const kp = await page.locator(`${fig('incidents-by-province')} table`).textContent();
      assert.ok(kp.includes('3,811'), 'the static table holds the numbers');
      // The 404 itself is logged by the browser; nothing may go uncaught.
      assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
    } finally {
      await context.close();
    }
  });
});

describe('phones with everything open', () => {
  for (const path of ['', 'embed.html?chart=change-2024-2025', 'embed.html?chart=militants-killed-by-source']) {
    it(`/${path} at 320 px has no horizontal scroll with every table and source open`, async () => {
      const { context, page, errors } = await open({ viewport: { width: 320, height: 700 } }, path);
      try {
        await waitReady(page);
        await page.evaluate(() => {
          for (const b of document.querySelectorAll('button.data-toggle[aria-expanded="false"]')) b.click();
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        await page.waitForTimeout(200);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: innerWidth,
          cut: [...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > innerWidth + 1).length,
        }));
        assert.ok(widths.page <= widths.view, `page is ${widths.page} px wide in a ${widths.view} px viewport`);
        assert.equal(widths.cut, 0, 'no table runs past the right edge');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('resize', () => {
  it('the canvas follows a viewport shrink from 1280 to 375 within 2 s', async () => {
    const dpr = 2;
    const { context, page, errors } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: dpr });
    try {
      assertAllReady(await waitReady(page));
      const id = 'incidents-by-province';
      const wide = await canvasStats(page, id, {});
      assert.ok(wide.cssWidth > 600, `wide CSS width ${wide.cssWidth}`);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.waitForFunction(({ sel, dpr }) => {
        const c = document.querySelector(sel);
        const w = c.getBoundingClientRect().width;
        return w < 375 && Math.abs(c.width - Math.round(w * dpr)) <= 1;
      }, { sel: `${fig(id)} canvas`, dpr }, { timeout: 2000 }).catch(() => {});
      const narrow = await canvasStats(page, id, { official: THEME.light.official });
      const bodyWidth = await page.$eval(`${fig(id)} .chart-body`, (b) => b.clientWidth);
      assert.ok(narrow.cssWidth <= 375 && narrow.cssWidth >= 300, `narrow CSS width ${narrow.cssWidth}`);
      assert.ok(Math.abs(narrow.cssWidth - bodyWidth) <= 1, `canvas ${narrow.cssWidth} fills its box ${bodyWidth}`);
      assert.ok(Math.abs(narrow.width - Math.round(narrow.cssWidth * dpr)) <= 1, `backing width ${narrow.width} = ${narrow.cssWidth}×${dpr}`);
      assert.ok(Math.abs(narrow.height - Math.round(narrow.cssHeight * dpr)) <= 1, `backing height ${narrow.height} = ${narrow.cssHeight}×${dpr}`);
      assert.ok(narrow.share.official >= 0.01, 'redrawn, not blank');
      assert.equal((await figureStates(page))[id], 'ready');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('keyboard, pointer and touch', () => {
  const phone = { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, colorScheme: 'light' };
  const id = 'incidents-by-province';
  const liveText = (page) => page.$eval(`${fig(id)} [aria-live=polite]`, (p) => p.textContent);

  /** What has focus: a stable number per element, its tag and its chart. */
  const active = (page) => page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return { n: 0, tag: 'body', chart: null };
    window.__tabIds ??= new WeakMap();
    window.__tabN ??= 0;
    if (!window.__tabIds.has(a)) window.__tabIds.set(a, ++window.__tabN);
    const r = a.getBoundingClientRect();
    return {
      n: window.__tabIds.get(a), tag: a.tagName.toLowerCase(), chart: a.closest('figure[data-chart]')?.dataset.chart ?? null,
      cls: a.className, seen: r.width > 2 && r.height > 2,
    };
  });

  /** Bars drawn on the chart, in page coordinates. */
  async function barsOnPage(page) {
    const bars = await drawnBars(page, id, [THEME.light.official, THEME.light.independent]);
    const box = await page.locator(`${fig(id)} canvas`).boundingBox();
    return bars.map((b) => ({ ...b, x0: b.x0 + box.x, x1: b.x1 + box.x, y0: b.y0 + box.y, y1: b.y1 + box.y, cy: box.y + (b.y0 + b.y1) / 2 }));
  }

  it('each chart canvas is exactly one Tab stop, and arrow keys announce the bars', async () => {
    const { context, page, errors } = await open(phone);
    try {
      await waitReady(page);
      // Walk the whole Tab order once.
      const stops = [];
      for (let i = 0; i < 300; i++) {
        await page.keyboard.press('Tab');
        const a = await active(page);
        if (stops.length && a.n === stops[0].n) break;
        stops.push(a);
      }
      // Every stop is something a sighted keyboard user can see.
      assert.deepEqual(stops.filter((s) => !s.seen && s.tag !== 'body').map((s) => `${s.chart}: ${s.tag}.${s.cls}`), [], 'no invisible Tab stops');
      const canvases = stops.filter((s) => s.tag === 'canvas');
      assert.deepEqual(canvases.map((s) => s.chart), CHART_IDS, 'one Tab stop per chart canvas, in order');
      assert.equal(new Set(canvases.map((s) => s.n)).size, CHART_IDS.length);

      // From the top, Tab until the incidents canvas has focus.
      await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      let reached = false;
      for (let i = 0; i < stops.length + 1 && !reached; i++) {
        await page.keyboard.press('Tab');
        const a = await active(page);
        reached = a.tag === 'canvas' && a.chart === id;
      }
      assert.ok(reached, 'the incidents canvas is reachable by Tab');

      await page.keyboard.press('ArrowDown');
      let t = await liveText(page);
      assertIncludesAll(t, ['Khyber Pakhtunkhwa', '3,811'], 'after ArrowDown');
      await page.keyboard.press('ArrowDown');
      t = await liveText(page);
      assertIncludesAll(t, ['Balochistan', '1,557'], 'after 2nd ArrowDown');
      await page.keyboard.press('End');
      t = await liveText(page);
      assert.match(t, /Other parts of Pakistan: 29\b(?!%)/, `after End: ${t}`);
      await page.keyboard.press('Home');
      assertIncludesAll(await liveText(page), ['3,811'], 'after Home');
      await page.keyboard.press('Escape');
      assert.equal(await liveText(page), '');


      // One key press from a data point to its verbatim source sentence.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const opened = await page.evaluate(() => {
        const summary = document.activeElement;
        const details = summary?.closest('details.source-details');
        return {
          tag: summary?.tagName,
          open: !!details?.open,
          row: details?.closest('tr')?.previousElementSibling?.querySelector('th')?.textContent,
          quote: details?.querySelector('blockquote')?.textContent || '',
        };
      });
      assert.equal(opened.tag, 'SUMMARY', 'focus moved to the row\'s source');
      assert.ok(opened.open, 'the row\'s source is open');
      assert.equal(opened.row, 'Balochistan');
      assert.ok(opened.quote.includes('1,557'), `verbatim quote shown: ${opened.quote}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('hovering a bar shows its value in a tooltip inside the viewport, also for the tiny bar', async () => {
    const { context, page, errors } = await open(phone);
    try {
      await waitReady(page);
      await page.locator(`${fig(id)} canvas`).scrollIntoViewIfNeeded();
      const bars = await barsOnPage(page);
      assert.equal(bars.length, 3, `three bars drawn: ${JSON.stringify(bars)}`);
      const [kp, , other] = bars;

      await page.mouse.move((kp.x0 + kp.x1) / 2, kp.cy);
      const tip = page.locator(`${fig(id)} .tooltip`);
      await tip.waitFor({ state: 'visible', timeout: 2000 });
      assert.match(await tooltipText(page, id), /3,811/);
      const box = await tip.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 375, `tooltip x ${box.x}..${box.x + box.width} inside 0..375`);

      // Move off the chart: the tooltip goes.
      await page.mouse.move(2, 2);
      await tip.waitFor({ state: 'hidden', timeout: 2000 });

      // The 29 bar is a 2 px stub; its hit area must still reach 10 px to the right.
      assert.ok(other.x1 - other.x0 < 6, `the 29 bar is a stub: ${JSON.stringify(other)}`);
      await page.mouse.move(other.x0 + 10, other.cy);
      await tip.waitFor({ state: 'visible', timeout: 2000 });
      const text = await tooltipText(page, id);
      assert.match(text, /Other parts of Pakistan/);
      assert.match(text, /\b29\b(?!%)/);
      const box2 = await tip.boundingBox();
      assert.ok(box2.x >= 0 && box2.x + box2.width <= 375, `tooltip x ${box2.x}..${box2.x + box2.width} inside 0..375`);
      // Escape closes it with the pointer still on the bar and focus elsewhere (WCAG 1.4.13).
      await page.keyboard.press('Escape');
      await tip.waitFor({ state: 'hidden', timeout: 2000 });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('tapping a bar on a touch screen shows the tooltip', async () => {
    const { context, page, errors } = await open({ ...phone, hasTouch: true, isMobile: true });
    try {
      await waitReady(page);
      await page.locator(`${fig(id)} canvas`).scrollIntoViewIfNeeded();
      const [kp] = await barsOnPage(page);
      await page.touchscreen.tap((kp.x0 + kp.x1) / 2, kp.cy);
      const tip = page.locator(`${fig(id)} .tooltip`);
      await tip.waitFor({ state: 'visible', timeout: 2000 });
      assert.match(await tooltipText(page, id), /3,811/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('embed', () => {
  for (const width of [375, 1280]) {
    it(`embed.html?chart=operation-rates at ${width} px shows one ready chart with its title`, async () => {
      const { context, page, errors } = await open({ viewport: { width, height: 800 } }, 'embed.html?chart=operation-rates');
      try {
        const states = await waitReady(page);
        assert.deepEqual(states, { 'operation-rates': 'ready' });
        const title = await page.locator('figure[data-chart] .chart-title').textContent();
        assert.match(title, /Balochistan saw about 38 operations for every incident; Khyber Pakhtunkhwa about 4/);
        const s = await canvasStats(page, 'operation-rates', { official: THEME.light.official });
        assert.ok(s.share.official >= 0.01, 'bars drawn');
        assert.ok(Math.abs(s.width - Math.round(s.cssWidth)) <= 1, 'backing store matches CSS size at dpr 1');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    it(`embed.html?chart=operation-rates at ${width} px keeps the canvas and its focus outline inside the viewport`, async () => {
      const { context, page } = await open({ viewport: { width, height: 800 } }, 'embed.html?chart=operation-rates');
      try {
        await waitReady(page);
        // The embed hides overflow, so whatever lies outside the viewport is cut off: the
        // canvas's edges and its focus outline (3 px, 2 px outside the canvas).
        const r = await page.$eval('figure[data-chart] canvas', (c) => {
          const b = c.getBoundingClientRect();
          return { left: b.left, right: b.right, hidden: getComputedStyle(document.documentElement).overflowX };
        });
        assert.ok(r.left >= 0 && r.right <= width, `canvas spans x ${r.left}..${r.right}, outside the ${width} px viewport (overflow-x: ${r.hidden})`);
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          const c = document.activeElement;
          if (!c || c.tagName !== 'CANVAS') return null;
          const b = c.getBoundingClientRect();
          const cs = getComputedStyle(c);
          const reach = parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
          return { left: b.left - reach, right: b.right + reach, style: cs.outlineStyle };
        });
        assert.ok(ring, 'the canvas is the first Tab stop of the embed');
        assert.notEqual(ring.style, 'none', 'a visible focus outline');
        assert.ok(ring.left >= 0 && ring.right <= width, `focus outline spans x ${ring.left}..${ring.right}, cut off by the ${width} px viewport`);
      } finally {
        await context.close();
      }
    });
  }

  it('in an iframe it posts its height to the parent in both message forms', async () => {
    const { context, page, errors } = await open({ viewport: { width: 800, height: 900 } }, 'test-parent.html');
    try {
      const frame = page.frameLocator('iframe');
      await frame.locator('figure[data-chart="deaths-2025"][data-state="ready"]').waitFor({ timeout: 20_000 });
      // Let the height messages settle: the last one should match the document.
      const result = await page.waitForFunction((type) => {
        const doc = document.querySelector('iframe').contentDocument;
        const ours = window.__messages.filter((m) => m.data && m.data.type === type);
        const last = ours[ours.length - 1];
        const scrollHeight = doc.documentElement.scrollHeight;
        return last && Math.abs(last.data.height - scrollHeight) <= 2 ? { last, scrollHeight } : false;
      }, `${CRATE}:height`, { timeout: 3000, polling: 100 }).then((h) => h.jsonValue()).catch(() => null);
      const snapshot = await page.evaluate(() => ({
        messages: window.__messages,
        scrollHeight: document.querySelector('iframe').contentDocument.documentElement.scrollHeight,
      }));
      const ours = snapshot.messages.filter((m) => m.data && m.data.type === `${CRATE}:height`);
      assert.ok(ours.length > 0, `a ${CRATE}:height message arrived; got ${JSON.stringify(snapshot.messages)}`);
      const last = ours[ours.length - 1];
      assert.equal(last.fromFrame, true, 'sent by the iframe');
      assert.equal(last.data.chart, 'deaths-2025');
      assert.equal(typeof last.data.height, 'number');
      assert.ok(Number.isFinite(last.data.height) && last.data.height > 100, `height ${last.data.height}`);
      assert.ok(result, `last height ${last.data.height} within 2 px of the iframe's scrollHeight ${snapshot.scrollHeight}`);
      const dw = snapshot.messages.filter((m) => m.data && m.data['datawrapper-height']);
      assert.ok(dw.length > 0, 'a datawrapper-height message arrived');
      const n = dw[dw.length - 1].data['datawrapper-height']['deaths-2025'];
      assert.equal(typeof n, 'number');
      assert.ok(Math.abs(n - snapshot.scrollHeight) <= 2, `datawrapper height ${n} vs scrollHeight ${snapshot.scrollHeight}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('embed.js sizes the iframe to its content and ignores height messages from other windows', async () => {
    const { context, page, errors } = await open({ viewport: { width: 800, height: 900 } }, 'test-embedjs.html');
    try {
      await page.frameLocator('iframe').locator('figure[data-chart="operation-rates"][data-state="ready"]').waitFor({ timeout: 20_000 });
      const fits = () => page.evaluate(() => {
        const f = document.querySelector('iframe');
        return { frame: f.getBoundingClientRect().height, content: f.contentDocument.documentElement.scrollHeight };
      });
      await page.waitForFunction(() => {
        const f = document.querySelector('iframe');
        return Math.abs(f.getBoundingClientRect().height - f.contentDocument.documentElement.scrollHeight) <= 2;
      }, null, { timeout: 3000 }).catch(() => {});
      const sized = await fits();
      assert.ok(sized.content > 150, `content taller than the initial 150 px: ${sized.content}`);
      assert.ok(Math.abs(sized.frame - sized.content) <= 2, `iframe ${sized.frame} px tall for ${sized.content} px of content`);

      // A message not sent by the iframe's window must not resize it.
      await page.evaluate((type) => {
        window.postMessage({ type, chart: 'operation-rates', height: 999 }, '*');
        window.postMessage({ 'datawrapper-height': { 'operation-rates': 999 } }, '*');
      }, `${CRATE}:height`);
      await page.waitForTimeout(200);
      assert.equal((await fits()).frame, sized.frame, 'a spoofed message left the iframe alone');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
