// Urdu, right to left (issue 14): every chart's Urdu embed page draws mirrored
// (labels right, bars growing leftwards from a shared right edge), is marked
// lang="ur" dir="rtl" before any script, passes axe, and is reachable by
// ?lang=ur (&digits=urdu), by a script tag's data-lang, and without scripts.
// Screenshots at 375 and 1280 px, light and dark, go to target/screenshots/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer, launch, collectErrors, waitReady, drawnBars, screenshot, CHART_IDS, THEME } from './helpers.mjs';

const AXE = fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url));
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body><main>
<h1>An Urdu newsroom's page</h1><div data-pk-chart="deaths-2025" data-lang="ur" data-digits="urdu"></div>
<script src="embed.js" defer></script></main></body></html>`;

let server;
let browser;
before(async () => {
  server = await startServer({ virtual: { '/urdu-host.html': HOST } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path, { width = 1280, scheme = 'light', js = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, javaScriptEnabled: js });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + path);
  return { context, page, errors };
}

describe('Urdu embed pages', () => {
  for (const width of [375, 1280]) {
    it(`every chart draws right to left at ${width} px`, async () => {
      const { context, page, errors } = await open('embed-incidents-by-province.ur.html', { width });
      try {
        for (const id of CHART_IDS) {
          await page.goto(`${server.url}embed-${id}.ur.html`);
          const states = await waitReady(page);
          assert.equal(states[id], 'ready', `${id}: ${JSON.stringify(states)}`);
          const marks = await page.evaluate(() => ({
            html: [document.documentElement.lang, document.documentElement.dir],
            fig: [document.querySelector('figure').lang, document.querySelector('figure').dir],
            title: document.querySelector('.chart-title').textContent,
          }));
          assert.deepEqual(marks.html, ['ur', 'rtl'], id);
          assert.deepEqual(marks.fig, ['ur', 'rtl'], id);
          assert.match(marks.title, /[\u0600-\u06FF]/, `${id}: title in Urdu script`);
          const { official, independent } = THEME.light;
          const bars = await drawnBars(page, id, [official, independent]);
          const canvasWidth = await page.$eval('figure canvas', (c) => c.getBoundingClientRect().width);
          assert.ok(bars.length > 0, `${id}: bars drawn`);
          // Mirrored: every bar ends in the right part of the chart, and the
          // rows' right ends line up (bars grow leftwards from one edge).
          const right = Math.max(...bars.map((b) => b.x1));
          assert.ok(right > canvasWidth * 0.6, `${id}: bars reach the right side (${right} of ${canvasWidth})`);
          const leftmost = Math.min(...bars.map((b) => b.x0));
          assert.ok(leftmost > 4, `${id}: no bar starts at the left edge, as an LTR chart's would`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  it('the Urdu dashboard at 375 and 1280 px, light and dark: ready, axe-clean, screenshotted', async () => {
    for (const width of [375, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const { context, page, errors } = await open('index.ur.html', { width, scheme });
        try {
          const states = await waitReady(page, 60_000);
          assert.ok(Object.values(states).every((s) => s === 'ready'), JSON.stringify(states));
          await screenshot(page, `urdu-dashboard-${width}-${scheme}`);
          await page.evaluate(() => {
            for (const b of document.querySelectorAll('button.data-toggle[aria-expanded="false"]')) b.click();
            for (const d of document.querySelectorAll('details:not([hidden])')) d.open = true;
          });
          await page.addScriptTag({ path: AXE });
          const violations = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`);
          });
          assert.deepEqual(violations, [], `${width} ${scheme}`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      }
    }
  });

  it('?lang=ur&digits=urdu goes to the Urdu page with Urdu digits; English stays the default', async () => {
    const { context, page } = await open('embed.html?chart=deaths-2025&lang=ur&digits=urdu');
    try {
      await page.waitForURL(/embed-deaths-2025\.ur-arabext\.html/);
      await waitReady(page);
      // Verbatim quotes and report headlines keep their own digits.
      const text = await page.$eval('figure', (f) => {
        const copy = f.cloneNode(true);
        for (const e of copy.querySelectorAll('blockquote, .report-title, .translation')) e.remove();
        return copy.textContent;
      });
      assert.ok(text.includes('۲٬۵۹۷'), 'Urdu digits with the Arabic thousands separator');
      assert.ok(!/2,597/.test(text), 'no Western figure outside the verbatim quotes and headlines');
      await page.goto(`${server.url}embed-deaths-2025.html`);
      await waitReady(page);
      assert.equal(await page.$eval('html', (h) => h.lang), 'en');
    } finally {
      await context.close();
    }
  });

  it('a script tag with data-lang="ur" mounts the Urdu figure in its shadow root', async () => {
    const { context, page, errors } = await open('urdu-host.html');
    try {
      await waitReady(page);
      const got = await page.evaluate(() => {
        const fig = document.querySelector('[data-pk-chart]').shadowRoot.querySelector('figure');
        return { lang: fig.lang, dir: fig.dir, state: fig.dataset.state, title: fig.querySelector('.chart-title')?.textContent || '' };
      });
      assert.equal(got.state, 'ready');
      assert.deepEqual([got.lang, got.dir], ['ur', 'rtl']);
      assert.match(got.title, /[\u0600-\u06FF]/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  // The drawing is inline SVG in a right-to-left page: the page's direction
  // must not move its text (an inherited `direction: rtl` turns every
  // text-anchor around and pushes the labels out of the drawing).
  for (const width of [375, 1280]) {
    it(`without scripts every Urdu drawing keeps its text inside it at ${width} px`, async () => {
      for (const id of CHART_IDS) {
        const { context, page } = await open(`embed-${id}.ur.html`, { js: false, width });
        try {
          const out = await page.evaluate(() => {
            const svg = [...document.querySelectorAll('.chart-static')].find((i) => i.getClientRects().length);
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].map((t) => [t.textContent.trim(), t.getBoundingClientRect()])
              .filter(([, r]) => r.left < box.left - 1 || r.right > box.right + 1)
              .map(([text, r]) => `${text} (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(box.right)})`);
          });
          assert.deepEqual(out, [], `${id}: text outside its drawing`);
        } finally {
          await context.close();
        }
      }
    });
  }

  it('without scripts the Urdu page shows its Urdu drawing, right to left', async () => {
    const { context, page } = await open('embed-incidents-by-province.ur.html', { js: false, width: 375 });
    try {
      const got = await page.evaluate(() => {
        const shown = [...document.querySelectorAll('.chart-static')].find((i) => i.getClientRects().length);
        return {
          dir: document.documentElement.dir,
          band: shown?.classList.contains('narrow') ? 'narrow' : 'wide',
          text: [...(shown?.querySelectorAll('text') || [])].map((t) => t.textContent.trim()).join(' '),
          align: shown?.getAttribute('preserveAspectRatio'),
          height: shown?.getBoundingClientRect().height || 0,
        };
      });
      assert.equal(got.dir, 'rtl');
      assert.equal(got.band, 'narrow', 'a 375 px phone shows the phone drawing');
      assert.match(got.text, /[\u0600-\u06FF]/, 'the drawing is in Urdu');
      assert.match(got.align, /^xMax/, 'the drawing keeps to the right');
      assert.ok(got.height > 40, 'the drawing takes its place');
    } finally {
      await context.close();
    }
  });
});
