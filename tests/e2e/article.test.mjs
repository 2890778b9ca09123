// The example news article: iframes sized to their content (after load and
// after a width change, no inner scrollbars), the script-tag chart drawn, and
// the dashboard's embed codes as an editor would copy them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectErrors, openSite, waitReady } from './helpers.mjs';

const site = openSite();

/**
 * Waits until every iframe's height is within 2 px of its document's height
 * (and, given `previous`, differs from it); returns the pairs.
 */
async function settledIframes(page, previous = null) {
  const handle = await page.waitForFunction((prev) => {
    const frames = [...document.querySelectorAll('iframe')];
    const pairs = frames.map((f) => {
      // The iframe's document may still be the initial blank one with no root yet.
      const root = f.contentDocument?.documentElement;
      const fig = root?.querySelector('figure[data-chart]');
      return {
        chart: fig?.dataset.chart,
        state: fig?.dataset.state,
        outer: f.getBoundingClientRect().height,
        inner: root ? root.scrollHeight : -1,
        scrolls: root ? root.scrollHeight > root.clientHeight + 1 : true,
      };
    });
    const done = pairs.length > 0 && pairs.every((p) => p.state === 'ready' && Math.abs(p.outer - p.inner) <= 2 && !p.scrolls);
    const moved = !prev || pairs.every((p, i) => Math.round(p.outer) !== Math.round(prev[i].outer));
    return done && moved && pairs;
  }, previous, { timeout: 15_000, polling: 100 });
  return handle.jsonValue();
}

describe('example article', () => {
  for (const width of [375, 1280]) {
    it(`at ${width} px: iframes fit their content, also after a width change; the script-tag chart renders`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors = collectErrors(page);
      try {
        await page.goto(`${site.server.url}example-article.html`);
        const before = await settledIframes(page);
        assert.deepEqual(before.map((p) => p.chart), ['operation-rates', 'attacks-late-2025']);
        for (const p of before) assert.ok(p.outer > 200, `${p.chart} iframe has a real height (${p.outer})`);
        const direct = await waitReady(page);
        assert.deepEqual(direct, { 'militants-killed-by-source': 'ready' });

        const other = width === 375 ? 1024 : 360;
        await page.setViewportSize({ width: other, height: 900 });
        // Times out (and fails) unless every iframe takes a new height that fits its content.
        const afterResize = await settledIframes(page, before);
        assert.equal(afterResize.length, before.length);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('embed codes for editors', () => {
  it('the dashboard offers copyable iframe and script-tag codes pointing at the site', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(site.server.url);
      await waitReady(page);
      const fig = page.locator('figure[data-chart="deaths-2025"]');
      await fig.locator('.embed-code > summary').click();
      // The codes are worked out when the disclosure opens.
      await page.waitForFunction(() => [...document.querySelectorAll('figure[data-chart="deaths-2025"] .embed-code textarea')].every((t) => t.value));
      const codes = await fig.locator('.embed-code textarea').evaluateAll((ts) => ts.map((t) => t.value));
      assert.equal(codes.length, 2);
      const [iframe, script] = codes;
      assert.match(iframe, new RegExp(`<iframe src="${site.server.url}embed-deaths-2025\\.html"`));
      assert.match(iframe, /title="[^"]{20,}"/);
      assert.match(iframe, /loading="lazy"/);
      const height = Number(/height="(\d+)"/.exec(iframe)?.[1]);
      assert.ok(height > 250 && height < 1200, `a starting height that fits the chart: ${height}`);
      assert.match(iframe, new RegExp(`<script src="${site.server.url}embed\\.js" defer></script>`));
      assert.match(script, /<div data-pk-chart="deaths-2025">/);
      assert.match(script, /<noscript><img src="[^"]+img\/deaths-2025\.svg" alt="[^"]{20,}"/);

      // The iframe code, pasted into a page, shows the chart at about that height.
      const host = await context.newPage();
      // Served from the site's origin so the test can read the iframe's document.
      await host.route(`${site.server.url}host.html`, (route) => route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><body style="margin:0;width:640px">${iframe}</body></html>`,
      }));
      await host.goto(`${site.server.url}host.html`);
      const frame = host.frameLocator('iframe');
      await frame.locator('figure[data-state="ready"]').waitFor({ timeout: 15_000 });
      const settled = await host.waitForFunction(() => {
        const f = document.querySelector('iframe');
        const inner = f.contentDocument?.documentElement.scrollHeight;
        return inner && Math.abs(f.getBoundingClientRect().height - inner) <= 2 && inner;
      }, null, { timeout: 10_000 });
      const actual = await settled.jsonValue();
      assert.ok(Math.abs(actual - height) < 200, `starting height ${height} is near the real ${actual}`);
    } finally {
      await context.close();
    }
  });

  it('plain=1 drops title and footer; theme=dark forces the dark palette', async () => {
    const context = await site.browser.newContext({ viewport: { width: 640, height: 800 }, colorScheme: 'light' });
    const page = await context.newPage();
    try {
      await page.goto(`${site.server.url}embed.html?chart=deaths-2025&plain=1&theme=dark`);
      await waitReady(page);
      assert.equal(await page.locator('.chart-title').count(), 0);
      assert.equal(await page.locator('.chart-footer').count(), 0);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('figure.pk-chart')).backgroundColor);
      assert.equal(bg, 'rgb(18, 20, 23)');
      const dark = await page.$eval('figure canvas', (c) => {
        const [r, g, b] = c.getContext('2d').getImageData(1, 1, 1, 1).data;
        return [r, g, b];
      });
      assert.deepEqual(dark, [0x12, 0x14, 0x17], 'canvas drawn on the dark background');
    } finally {
      await context.close();
    }
  });
});
