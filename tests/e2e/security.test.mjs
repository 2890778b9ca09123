// Embedding safely: a strict CSP with no violations, no request to any other
// host, no cookies or storage, hostile dataset text shown as text, fallbacks
// without scripts, the single-file page from file://, a sub-path host, and a
// page with many script-tag embeds.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHART_IDS, DIST, THEME, collectErrors, enforceCsp, launch, startServer, waitReady } from './helpers.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({
    virtual: {
      '/many-embeds.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Many embeds</title>
        <script src="embed.js" defer></script></head><body><main>
        ${Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i}</p><div data-pk-chart="${CHART_IDS[i % CHART_IDS.length]}"></div>`).join('\n')}
        </main></body></html>`,
    },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A context whose every response from our server carries the strict CSP. */
async function strictPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const { violations, requests } = await enforceCsp(page, server.url);
  return { context, page, violations, requests, errors: collectErrors(page) };
}

describe('strict CSP, own origin only, no storage', () => {
  for (const path of ['', 'embed.html?chart=operation-rates', 'example-article.html']) {
    it(`/${path} works under the CSP with no violations and no third-party request`, async () => {
      const { context, page, violations, requests, errors } = await strictPage();
      try {
        await page.goto(server.url + path);
        const states = await waitReady(page);
        for (const [id, state] of Object.entries(states)) assert.equal(state, 'ready', `${id} under CSP`);
        if (path.startsWith('example')) {
          for (const frame of page.frames().slice(1)) {
            await frame.waitForFunction(() => document.querySelector('figure[data-chart]')?.dataset.state === 'ready');
          }
        }
        assert.deepEqual(violations, []);
        assert.deepEqual(errors, []);
        const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
        assert.deepEqual(foreign, [], 'every request goes to the page\'s own origin');
        const storage = await page.evaluate(() => ({
          cookie: document.cookie,
          local: localStorage.length,
          session: sessionStorage.length,
        }));
        assert.deepEqual(storage, { cookie: '', local: 0, session: 0 });
        assert.deepEqual(await context.cookies(), []);
        // The policy really is in force: an inline <style> is refused.
        await page.evaluate(() => { const s = document.createElement('style'); s.textContent = 'a{}'; document.head.append(s); });
        await page.waitForTimeout(100);
        assert.equal(violations.length, 1, 'the CSP is applied (inline style refused)');
      } finally {
        await context.close();
      }
    });
  }
});

describe('hostile dataset text is shown as text', () => {
  // The title and table are written and escaped by the core (src/html.rs has
  // its tests); what JS shows from the data, the tooltip and the live
  // announcement, is checked here.
  it('a label like <img onerror> reaches the tooltip as text and never runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    // The core's tooltips as a hostile dataset would make them: the label
    // carries markup, escaped as the core escapes it; the script must show
    // it as text.
    let patched = false;
    const escaped = HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<template class="chart-tips">[\s\S]*?<\/template>/g, (t) => t.replaceAll('Khyber Pakhtunkhwa', escaped));
      patched = html.includes(escaped);
      await route.fulfill({ response, body: html });
    });
    try {
      await page.goto(server.url);
      await waitReady(page);
      assert.ok(patched, 'the test could put hostile text into the tooltips');
      const fig = page.locator('figure[data-chart="incidents-by-province"]');
      const canvas = fig.locator('canvas');
      const box = await canvas.boundingBox();
      let tip = '';
      for (let y = 4; y < 140 && !tip.includes('<img'); y += 6) {
        await page.mouse.move(box.x + box.width * 0.45, box.y + y);
        if (await fig.locator('.tooltip').isVisible()) tip = await fig.locator('.tooltip').textContent();
      }
      assert.ok(tip.includes(HOSTILE), `tooltip shows the markup as text: ${tip}`);
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was created from the text');
      assert.deepEqual(dialogs, []);
    } finally {
      await context.close();
    }
  });
});

describe('without scripts, or without wasm', () => {
  it('with JavaScript off the dashboard shows every static chart and table', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      // One drawing per chart shows: the phone's, at this width.
      const drawings = page.locator('.chart-static:visible');
      assert.equal(await drawings.count(), CHART_IDS.length);
      for (let i = 0; i < CHART_IDS.length; i++) {
        const got = await drawings.nth(i).evaluate((e) => ({
          band: e.classList.contains('narrow'),
          height: e.getBoundingClientRect().height,
          texts: e.querySelectorAll('text').length,
          label: e.getAttribute('aria-label') || '',
        }));
        assert.ok(got.band, `drawing ${i} is the phone's`);
        assert.ok(got.height > 40 && got.texts > 0, `drawing ${i} shows its marks and labels`);
        assert.ok(got.label.length > 20, `drawing ${i} has a real text alternative`);
      }
      const tables = await page.locator('figure[data-chart] table').count();
      assert.equal(tables, CHART_IDS.length, 'a data table per chart');
      const text = await page.locator('body').textContent();
      for (const n of ['3,811', '58,778', '2,597']) assert.ok(text.includes(n), `no-script page shows ${n}`);
    } finally {
      await context.close();
    }
  });

  it('with JavaScript off in dark mode, the static drawings are dark too', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      const rgb = (c) => `rgb(${c.join(', ')})`;
      const got = await page.locator('figure[data-chart="incidents-by-province"] .chart-static.wide').evaluate((e) => ({
        background: getComputedStyle(e.querySelector('rect')).fill,
        bars: [...e.querySelectorAll('rect')].slice(1).map((r) => getComputedStyle(r).fill),
        text: getComputedStyle(e.querySelector('text')).fill,
      }));
      assert.equal(got.background, rgb(THEME.dark.background));
      assert.ok(got.bars.length >= 3 && got.bars.every((f) => f === rgb(THEME.dark.official)), got.bars.join());
      assert.equal(got.text, rgb(THEME.dark.text));
    } finally {
      await context.close();
    }
  });

  it('with JavaScript off, an iframe embed shows the static chart its #id names, and only that one', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 640, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}embed.html?chart=deaths-2025#deaths-2025`);
      const shown = page.locator('.chart-static:visible');
      assert.equal(await shown.count(), 1, 'exactly one static chart visible');
      assert.equal(await shown.evaluate((e) => e.closest('figure').dataset.chart), 'deaths-2025');
      assert.ok(await shown.evaluate((e) => e.classList.contains('wide') && e.getBoundingClientRect().height > 40));
      // Its data table, one click away in a native disclosure (no script needed).
      await page.locator('section#deaths-2025 summary.data-summary').click();
      assert.ok(await page.locator('section#deaths-2025 table').isVisible(), 'its data table too');
      assert.equal(await page.locator('.embed-index').isVisible(), false, 'the index of charts is not shown');
      // Without a #id the page lists every chart instead of showing a blank box.
      await page.goto(`${server.url}embed.html?chart=deaths-2025`);
      assert.ok(await page.locator('.embed-index').isVisible());
      assert.equal(await page.locator('.chart-static:visible').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('standalone.html renders every chart from file:// with no server', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await page.goto(pathToFileURL(resolve(DIST, 'standalone.html')).href);
      const states = await waitReady(page);
      assert.deepEqual(Object.keys(states).sort(), [...CHART_IDS].sort());
      for (const [id, state] of Object.entries(states)) assert.equal(state, 'ready', id);
      assert.deepEqual(errors, []);
      assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
      // Copied on its own it still stands: its data downloads are inside it,
      // it links no sibling page, and it offers no file:// embed codes.
      const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
      const local = links.filter((h) => !/^(https?:|data:|#|mailto:)/.test(h));
      assert.deepEqual(local, [], 'every link is a web address, a data: URL or on the page');
      const download = await page.locator('figure[data-chart] a.get-data').first().getAttribute('href');
      assert.match(download, /^data:text\/csv/, 'the data travels inside the file');
      assert.equal(await page.locator('.embed-code').count(), 0, 'no embed codes from file://');
    } finally {
      await context.close();
    }
  });
});

describe('static hosting', () => {
  let sub;
  before(async () => {
    // A plain static host that serves dist/ under /graphics/pk-2025/.
    const prefix = '/graphics/pk-2025/';
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.csv': 'text/csv', '.json': 'application/json' };
    const srv = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const rel = path.startsWith(prefix) ? path.slice(prefix.length) || 'index.html' : null;
      const file = rel === null ? null : resolve(DIST, rel.endsWith('/') ? `${rel}index.html` : rel);
      const ok = file && file.startsWith(DIST + sep) && (await stat(file).catch(() => null))?.isFile();
      if (!ok) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    });
    await new Promise((done) => srv.listen(0, '127.0.0.1', done));
    sub = { url: `http://127.0.0.1:${srv.address().port}${prefix}`, close: () => new Promise((d) => srv.close(d)) };
  });
  after(async () => sub?.close());

  it('dist/ works from a sub-path', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      for (const path of ['', 'embed.html?chart=deaths-2025']) {
        await page.goto(sub.url + path);
        for (const [id, state] of Object.entries(await waitReady(page))) assert.equal(state, 'ready', `${id} at ${path}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a page with 50 script-tag embeds loads one wasm and draws them all', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const wasm = [];
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
    try {
      await page.goto(`${server.url}many-embeds.html`);
      // Each chart is in its own shadow root, which Playwright's CSS engine enters.
      const figures = page.locator('figure[data-chart]');
      for (let i = 0; i < 400 && (await figures.count()) < 50; i++) await page.waitForTimeout(50);
      assert.equal(await figures.count(), 50);
      // Only the charts near the viewport draw; the rest wait to be scrolled to.
      await page.locator('figure[data-chart][data-state="ready"]').first().waitFor();
      const drawnAtFirst = await page.$$eval('figure[data-chart]', (fs) => fs.filter((f) => f.dataset.state === 'ready').length);
      assert.ok(drawnAtFirst >= 1 && drawnAtFirst < 50, `${drawnAtFirst} of 50 drawn before any scrolling`);
      const states = await waitReady(page, 30_000);
      assert.equal(Object.keys(states).length > 0, true);
      const ready = await page.$$eval('figure[data-chart]', (fs) => fs.filter((f) => f.dataset.state === 'ready').length);
      assert.equal(ready, 50, 'every chart draws once scrolled to');
      assert.equal(wasm.length, 1, 'one wasm download for every chart on the page');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
