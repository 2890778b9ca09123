// Every surface says the same, traced: the page with JavaScript off reads as
// the page with it on (title, subtitle, values with their quotes, notes,
// differences, sources), and the dashboard printed to PDF, never scrolled,
// shows every chart whole, with the sources' addresses and no controls.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_IDS, THEME, openSite, waitReady } from './helpers.mjs';

const site = openSite();

/** The text a reader can read in each figure, part by part, whitespace folded. */
function readable(page) {
  return page.evaluate(() => {
    const fold = (e) => (e ? e.textContent.replace(/\s+/g, ' ').trim() : '');
    const out = {};
    for (const fig of document.querySelectorAll('figure[data-chart]')) {
      if (fig.getClientRects().length === 0) continue;
      out[fig.dataset.chart] = {
        head: fold(fig.querySelector('.chart-head')),
        notes: fold(fig.querySelector('.chart-notes')),
        differences: [...fig.querySelectorAll('.differences')].map(fold),
        table: fold(fig.querySelector('.chart-data table')),
        sources: fold(fig.querySelector('.chart-footer')),
        alt: fig.querySelector('.chart-static')?.getAttribute('aria-label') || '',
      };
    }
    return out;
  });
}

async function textOf(path, javaScriptEnabled) {
  const context = await site.browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(site.server.url + path);
    if (javaScriptEnabled) await waitReady(page);
    // One way to the data either way: the script's button, or without it the native disclosure.
    const buttons = await page.locator('button.data-toggle:visible').count();
    const summaries = await page.locator('summary.data-summary:visible').count();
    assert.equal(javaScriptEnabled ? summaries : buttons, 0, `${path}: two data controls at once`);
    return await readable(page);
  } finally {
    await context.close();
  }
}

describe('without scripts, each page reads the same', () => {
  it('the dashboard: every figure, part by part', async () => {
    const off = await textOf('', false);
    const on = await textOf('', true);
    assert.deepEqual(Object.keys(off), CHART_IDS);
    for (const id of CHART_IDS) {
      assert.deepEqual(off[id], on[id], `${id} reads differently without scripts`);
      // And what it reads is traced: every quote and value is in its table.
      assert.match(off[id].table, /“[^”]{10,}”/, `${id}'s table quotes its sources`);
      assert.ok(off[id].sources.includes('Data updated'), `${id} says when its data was updated`);
    }
    assert.ok(off['deaths-2025'].differences.some((d) => d.includes('different wordings')), 'the 1,235 box');
    assert.ok(off['militants-killed-by-source'].table.includes('Translation (ours'), 'the Hindi quote is translated, and says so');
    assert.ok(off['change-2024-2025'].table.includes('PICSS: +74%') || off['change-2024-2025'].alt.includes('+74%'));
  });

  it('the arrow keys are mentioned only where a script makes them work', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await site.browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(site.server.url);
        const lede = await page.locator('.lede').innerText();
        assert.ok(lede.includes('Show data'), lede);
        assert.equal(lede.includes('arrow keys'), javaScriptEnabled, `scripts ${javaScriptEnabled ? 'on' : 'off'}: ${lede}`);
      } finally {
        await context.close();
      }
    }
  });

  it('each embed: the chart its address names', async () => {
    for (const id of CHART_IDS) {
      const off = await textOf(`embed.html?chart=${id}#${id}`, false);
      const on = await textOf(`embed.html?chart=${id}#${id}`, true);
      assert.deepEqual(Object.keys(off), [id], `only ${id} shows without scripts`);
      assert.deepEqual(off, on, `${id}'s embed reads differently without scripts`);
      // The chart's own page, which the embed codes use, carries only its figure.
      const own = await textOf(`embed-${id}.html`, false);
      assert.deepEqual(own, off, `embed-${id}.html reads as embed.html?chart=${id}`);
      assert.deepEqual(await textOf(`embed-${id}.html`, true), own, `embed-${id}.html reads the same with scripts`);
    }
  });
});

describe('printing', () => {
  it('the dashboard, opened at the top and never scrolled, prints every chart whole, with addresses and no controls', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(site.server.url);
      // Ready above the fold only: the point is that charts below it print too.
      await page.waitForFunction(() => document.querySelector('figure[data-chart]')?.dataset.state === 'ready');
      await page.emulateMedia({ media: 'print' });
      const drawn = await page.evaluate(() => [...document.querySelectorAll('figure[data-chart]')].map((f) => {
        const img = f.querySelector('.chart-static');
        const canvas = f.querySelector('canvas');
        return {
          id: f.dataset.chart,
          image: Boolean(img && getComputedStyle(img).display !== 'none' && img.getBoundingClientRect().height > 40),
          canvasHidden: !canvas || getComputedStyle(canvas).display === 'none',
          controls: [...f.querySelectorAll('.data-toggle, .embed-code')].filter((e) => getComputedStyle(e).display !== 'none').length,
        };
      }));
      const nav = await page.$eval('.language-nav', (n) => getComputedStyle(n).display);
      assert.equal(nav, 'none', 'the language links are not printed');
      for (const d of drawn) {
        assert.ok(d.image, `${d.id} prints its drawing`);
        assert.ok(d.canvasHidden, `${d.id} prints the paper-coloured drawing, not the screen's canvas`);
        assert.equal(d.controls, 0, `${d.id} prints no controls`);
      }
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const dir = mkdtempSync(join(tmpdir(), 'pk-print-'));
      writeFileSync(join(dir, 'dashboard.pdf'), pdf);
      const pages = execFileSync('pdftotext', ['-layout', join(dir, 'dashboard.pdf'), '-'], { encoding: 'utf8' }).split('\f');
      const all = pages.join('\n');
      const titles = await page.locator('figure[data-chart] .chart-title').allTextContents();
      const labels = await page.evaluate(() => [...document.querySelectorAll('figure[data-chart]')].map((f) => f.querySelector('table tbody th')?.textContent.trim()));
      for (const [i, title] of titles.entries()) {
        const first = title.split(' ').slice(0, 5).join(' ');
        const at = pages.findIndex((p) => p.replace(/\s+/g, ' ').includes(first));
        assert.ok(at >= 0, `"${title}" is printed`);
        // The chart's drawing (its first bar label, drawn by the core) is on the title's page.
        const label = labels[i].split(',')[0].split(' ')[0];
        assert.ok(pages[at].includes(label), `${CHART_IDS[i]}: its drawing is on the same page as its title (${label})`);
      }
      for (const v of ['3,811', '58,778', '2,597', '2,138', '1,313', '243', '5,397', '1,063', '699', '27', '26']) {
        assert.ok(all.includes(v), `${v} is printed`);
      }
      assert.match(all, /\(https:\/\/www\.arabnews\.pk\/node\/2628439\/pakistan\)/, 'sources print their addresses');
      assert.ok(!all.includes('Show data and sources') && !all.includes('Hide data and sources'), 'no data toggle on paper');
      assert.ok(!all.includes('Embed this chart'), 'no embed control on paper');
      assert.ok(all.includes('“As many as 699 terrorist attacks'), 'quotes print');
      // No page ends on a table's caption or head row without the rows under it.
      const heads = await page.$$eval('figure[data-chart] table thead tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim()).join(' ')));
      for (const [n, text] of pages.entries()) {
        const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
        assert.ok(!heads.includes(lines.at(-1)), `page ${n + 1} ends with a table's head row: ${lines.slice(-2).join(' | ')}`);
      }
    } finally {
      await context.close();
    }
  });

  it('a reader in dark mode prints on white paper, drawings included', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    const page = await context.newPage();
    try {
      await page.goto(site.server.url);
      await page.waitForFunction(() => document.querySelector('figure[data-chart]')?.dataset.state === 'ready');
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const got = await page.evaluate(() => ({
        page: getComputedStyle(document.body).backgroundColor,
        figures: [...document.querySelectorAll('figure[data-chart]')].map((f) => {
          const svg = f.querySelector('.chart-static.wide');
          return {
            id: f.dataset.chart,
            figure: getComputedStyle(f).backgroundColor,
            text: getComputedStyle(f).color,
            paper: getComputedStyle(svg.querySelector('rect')).fill,
            marks: [...svg.querySelectorAll('rect')].slice(1).map((r) => getComputedStyle(r).fill),
          };
        }),
      }));
      assert.match(got.page, /^rgba?\(255, 255, 255|^rgba\(0, 0, 0, 0\)$/, `page background ${got.page}`);
      const rgb = (c) => `rgb(${c.join(', ')})`;
      // The light palette, and the darker guide chart.css prints (#bbb).
      const { background, official, independent, highlight } = THEME.light;
      const light = [background, official, independent, highlight, [0xbb, 0xbb, 0xbb]].map(rgb).concat('none');
      for (const f of got.figures) {
        assert.equal(f.figure, 'rgb(255, 255, 255)', `${f.id}: white behind the chart`);
        assert.equal(f.text, 'rgb(0, 0, 0)', `${f.id}: black text`);
        assert.equal(f.paper, 'rgb(255, 255, 255)', `${f.id}: its drawing on white`);
        assert.ok(f.marks.length && f.marks.every((m) => light.includes(m)), `${f.id}: marks in the light palette: ${f.marks.join(', ')}`);
      }
    } finally {
      await context.close();
    }
  });

  it('an embed prints its chart whole', async () => {
    const context = await site.browser.newContext({ viewport: { width: 640, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.server.url}embed.html?chart=militants-killed-by-source`);
      await waitReady(page);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4' });
      const dir = mkdtempSync(join(tmpdir(), 'pk-print-'));
      writeFileSync(join(dir, 'embed.pdf'), pdf);
      const first = execFileSync('pdftotext', ['-l', '1', '-layout', join(dir, 'embed.pdf'), '-'], { encoding: 'utf8' });
      for (const t of ['depends on who counts', 'PICSS (independent)', 'PIPS: during their own', '2,597', '243']) {
        assert.ok(first.includes(t), `page 1 has ${t}`);
      }
    } finally {
      await context.close();
    }
  });
});
