// What a reader or editor takes away from a chart, opened as they would open
// it: under every chart on the dashboard and in the embed, a PNG (2×, with 1×
// and 3×), an SVG and the chart's own data as CSV, named after the chart; each
// PNG is a PNG of the size its SVG says, the SVG parses with the chart's
// title, the CSV parses and its values are the table's. The links are
// reachable by keyboard and download under the strict CSP with no request to
// any other host; plain=1 hides them. Every chart has a 1200×630 social card
// and a page to share with its link-preview tags; a screenshot of each card
// is saved to target/screenshots/card-<id>.png to be looked at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CHART_IDS, DIST, collectErrors, enforceCsp, openSite, screenshot, waitReady } from './helpers.mjs';

const site = openSite();

/** Width and height of a PNG, after checking its signature and header chunk. */
function pngSize(bytes, what) {
  const buf = Buffer.from(bytes);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${what}: PNG signature`);
  assert.equal(buf.subarray(12, 16).toString('latin1'), 'IHDR', `${what}: IHDR first`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** RFC 4180: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  assert.equal(quoted, false, 'CSV: a quoted field is not closed');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => {
    assert.equal(r.length, header.length, `CSV: a row of ${r.length} fields under ${header.length} columns`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]]));
  });
}

const EXPECTED = (id) => [`${id}.png`, `${id}@1x.png`, `${id}@3x.png`, `${id}.svg`, `${id}.csv`];

describe('downloads under each chart', () => {
  it('every chart on the dashboard offers its PNG (2×, 1×, 3×), SVG and CSV, and each opens as it should', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(site.server.url);
      await waitReady(page);
      assert.ok(CHART_IDS.length >= 7);
      for (const id of CHART_IDS) {
        const fig = page.locator(`figure[data-chart="${id}"]`);
        const links = await fig.locator('.chart-footer .downloads a[download]').evaluateAll((as) => as.map((a) => ({
          href: a.href, name: a.getAttribute('download'), text: a.textContent, visible: a.getClientRects().length > 0,
        })));
        assert.deepEqual(links.map((l) => l.name), EXPECTED(id), `${id}: the downloads and their names`);
        for (const l of links) {
          assert.ok(l.visible, `${id}: ${l.name} is shown`);
          assert.ok(l.href.startsWith(site.server.url), `${id}: ${l.href} is on this site`);
        }
        const get = async (l) => {
          const r = await page.request.get(l.href);
          assert.equal(r.status(), 200, `${id}: ${l.href}`);
          return r;
        };
        // SVG: parses as SVG, with the chart's title, subtitle and sources as text.
        const svgLink = links.find((l) => l.name.endsWith('.svg'));
        const svgText = await (await get(svgLink)).text();
        const svg = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          const root = doc.documentElement;
          return {
            error: doc.querySelector('parsererror')?.textContent || null,
            root: root.localName,
            title: root.querySelector('title')?.textContent,
            width: Number(root.getAttribute('width')),
            height: Number(root.getAttribute('height')),
            text: [...root.querySelectorAll('text')].map((t) => t.textContent.trim()).join(' '),
          };
        }, svgText);
        const title = (await fig.locator('.chart-title').textContent()).trim();
        const subtitle = (await fig.locator('.chart-subtitle').textContent()).trim();
        assert.equal(svg.error, null, `${id}: the SVG parses`);
        assert.equal(svg.root, 'svg', id);
        assert.equal(svg.title, title, `${id}: the SVG's title`);
        const words = (s) => s.split(/\s+/).filter(Boolean).join(' ');
        assert.ok(words(svg.text).includes(words(title)), `${id}: title drawn as text`);
        assert.ok(words(svg.text).includes(words(subtitle)), `${id}: subtitle drawn as text`);
        assert.match(svg.text, /Source: /, `${id}: source line`);
        assert.match(svg.text, /Chart: .*Data updated/, `${id}: credit`);
        // PNGs: the SVG's drawing at 2× (the default), 1× and 3×.
        for (const [name, scale] of [[`${id}.png`, 2], [`${id}@1x.png`, 1], [`${id}@3x.png`, 3]]) {
          const r = await get(links.find((l) => l.name === name));
          assert.equal(r.headers()['content-type'], 'image/png', name);
          const size = pngSize(await r.body(), name);
          assert.deepEqual(size, { width: svg.width * scale, height: svg.height * scale }, `${name} at ${scale}×`);
        }
        // CSV: parses, and its values are the table's, row for row.
        const rows = parseCsv(await (await get(links.find((l) => l.name.endsWith('.csv')))).text());
        const table = await fig.locator('.data-table tbody tr:not(.prov)').evaluateAll((trs) => trs.map((tr) => ({
          shown: tr.querySelector('.n').textContent,
          unit: tr.querySelector('td.unit').textContent,
        })));
        assert.deepEqual(rows.map((r) => ({ shown: r.shown, unit: r.unit })), table, `${id}: CSV rows = table rows`);
        for (const r of rows) {
          assert.equal(r.chart, id);
          assert.ok(Number.isFinite(Number(r.value)), `${id}: value ${r.value}`);
          assert.ok(r.source, `${id}: ${r.item} has its source`);
          if (r.kind === 'derived') assert.ok(r.formula && r.explanation, `${id}: ${r.item} has its formula`);
          else assert.ok(r.quote, `${id}: ${r.item} has its quote`);
        }
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('keyboard: Tab reaches them in the embed, and Enter saves <id>.png under the strict CSP, asking no other host', async () => {
    const context = await site.browser.newContext({ viewport: { width: 700, height: 900 }, acceptDownloads: true });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      const { violations, requests } = await enforceCsp(page, site.server.url);
      const id = 'deaths-2025';
      await page.goto(`${site.server.url}embed.html?chart=${id}#${id}`);
      await waitReady(page);
      const reached = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(() => document.activeElement?.getAttribute('download'));
        if (name?.startsWith(id)) reached.push(name);
        if (name === `${id}.png`) break;
      }
      assert.deepEqual(reached, [`${id}.png`], 'Tab reaches the PNG download');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(download.suggestedFilename(), `${id}.png`);
      const saved = await readFile(await download.path());
      const { width } = pngSize(saved, 'the saved PNG');
      assert.equal(width, 672 * 2, 'the default PNG is at 2×');
      // The rest follow in order: 1×, 3×, SVG, CSV.
      const next = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        next.push(await page.evaluate(() => document.activeElement?.getAttribute('download')));
      }
      assert.deepEqual(next, EXPECTED(id).slice(1));
      const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(csv.suggestedFilename(), `${id}.csv`);
      assert.deepEqual(violations, [], 'CSP violations');
      assert.deepEqual(requests.filter((u) => !u.startsWith(site.server.url)), [], 'requests to other hosts');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('plain=1 hides them; without it the embed shows them', async () => {
    const context = await site.browser.newContext({ viewport: { width: 700, height: 900 } });
    try {
      const page = await context.newPage();
      for (const [query, count] of [['', 5], ['&plain=1', 0]]) {
        await page.goto(`${site.server.url}embed.html?chart=operation-rates${query}#operation-rates`);
        await waitReady(page);
        assert.equal(await page.locator('figure[data-chart] .downloads a[download]').count(), count, query || 'default');
      }
    } finally {
      await context.close();
    }
  });
});

describe('social cards and pages to share', () => {
  it('every chart has a 1200×630 card, and a page whose link preview names it', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1200, height: 630 } });
    try {
      const page = await context.newPage();
      for (const id of CHART_IDS) {
        const card = await readFile(resolve(DIST, 'img', `${id}-card.png`));
        assert.deepEqual(pngSize(card, `${id}-card.png`), { width: 1200, height: 630 }, id);
        await page.goto(`${site.server.url}chart/${id}.html`);
        const meta = await page.evaluate(() => Object.fromEntries(
          [...document.querySelectorAll('meta[property], meta[name]')].map((m) => [m.getAttribute('property') || m.name, m.content]),
        ));
        const title = (await page.locator(`figure[data-chart="${id}"] .chart-title`).textContent()).trim();
        assert.equal(meta['og:title'], title, `${id}: og:title`);
        assert.ok(meta['og:description'], `${id}: og:description`);
        assert.ok(meta['twitter:card'], `${id}: twitter:card`);
        // og:image must be absolute: with a --site-url build it is; without one it is left out.
        if (meta['og:image'] !== undefined) {
          assert.match(meta['og:image'], new RegExp(`^https?://.+/img/${id}-card\\.png$`), `${id}: og:image`);
        }
        // The page itself works without scripts: the chart's drawing, its table and its downloads.
        assert.equal(await page.locator(`figure[data-chart="${id}"] .chart-static:visible`).count(), 1, id);
        assert.equal(await page.locator('.downloads a[download]').count(), 5, id);
        // The card as a crawler's preview shows it, to be looked at.
        await page.goto(`${site.server.url}img/${id}-card.png`);
        await screenshot(page, `card-${id}`);
      }
    } finally {
      await context.close();
    }
  });
});
