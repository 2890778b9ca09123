// Issue 10: the embed shows its chart before its wasm arrives, and nothing
// moves when the canvas takes over. Every chart's embed page, in English and
// in Urdu, at 320, 375, 540 and 1280 px: the wasm is held back until the static drawing
// has loaded (so the swap really happens after it was laid out and painted),
// then the cumulative layout shift, as Chromium's layout-shift entries count
// it, must stay within 0.01.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHART_IDS, collectErrors, openSite } from './helpers.mjs';

const LIMIT = 0.01;

const site = openSite();

function observeShifts() {
  window.__cls = 0;
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls += e.value;
      window.__shifts.push(e.sources.map((s) => `${s.node?.className || s.node?.nodeName}: ${s.previousRect.y}→${s.currentRect.y}`).join(', '));
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

describe('no layout shift when the canvas replaces the static drawing', () => {
  // 375 and 1280 as the issue asks; 320 (a column narrower than the phone
  // drawing) and 540 (just over the band edge) where bands could disagree.
  for (const width of [320, 375, 540, 1280]) {
    it(`every embed page, English and Urdu, at ${width} px: CLS ≤ ${LIMIT}`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 2 });
      await context.addInitScript(observeShifts);
      const worst = [];
      try {
        for (const id of CHART_IDS) {
          for (const variant of ['', '.ur']) {
            const page = await context.newPage();
            const errors = collectErrors(page);
            let drawnFirst = false;
            await page.route(/\.wasm$/, async (route) => {
              // The static drawing is in view and decoded before the wasm may arrive.
              await page.waitForFunction(() => {
                const drawing = [...document.querySelectorAll('.chart-static')].find((i) => i.getClientRects().length);
                return drawing && drawing.getBoundingClientRect().height > 0;
              }, null, { timeout: 10_000, polling: 20 });
              await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
              drawnFirst = true;
              await route.continue();
            });
            await page.goto(`${site.server.url}embed-${id}${variant}.html`);
            await page.waitForFunction(() => document.querySelector('figure[data-chart]')?.dataset.state === 'ready', null, { timeout: 20_000 });
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
            const { cls, shifts, canvas } = await page.evaluate(() => ({
              cls: window.__cls,
              shifts: window.__shifts,
              canvas: !document.querySelector('figure[data-chart] canvas').hidden,
            }));
            await page.close();
            assert.ok(drawnFirst, `${id}${variant}: the static drawing showed before the wasm arrived`);
            assert.ok(canvas, `${id}${variant}: the canvas took over`);
            assert.deepEqual(errors, [], `${id}${variant}`);
            worst.push(`${id}${variant} ${cls.toFixed(4)}`);
            assert.ok(cls <= LIMIT, `${id}${variant} at ${width} px: CLS ${cls.toFixed(4)} > ${LIMIT}: ${shifts.join(' | ')}`);
          }
        }
      } finally {
        await context.close();
      }
      console.log(`CLS at ${width} px: ${worst.join(', ')}`);
    });
  }
});
