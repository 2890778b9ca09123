// A newsroom's own figures, charted at run time: embed.html?data=<same-origin
// file>, <div data-pk-chart data-src>, PkCharts.render(element, {figures}) and
// the Make a chart page. Every value still opens to its quote; a bad file
// shows its error in the figure and breaks nothing else.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { collectErrors, launch, startServer, waitReady } from './helpers.mjs';

const CSV = 'label,value,source,quote,url,date,group\r\n'
  + 'Khyber Pakhtunkhwa,"3,811",ISPR via Arab News,"accounted for 3,811 attacks",https://www.arabnews.pk/node/2628439/pakistan,2026-01-06,Incidents\r\n'
  + 'Balochistan,1557,ISPR via Arab News,,https://www.arabnews.pk/node/2628439/pakistan,2026-01-06,Incidents\r\n';
const BAD = 'label,value,source\nKP,abc,ISPR\n';
const HOSTILE = 'label,value,source,url\n"<img src=x onerror=alert(1)>",5,"<b>X</b>",javascript:alert(1)\n';
const server = (extra) => startServer({ virtual: extra });

let browser;
let site;
let other;
before(async () => {
  browser = await launch();
  const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><script src="embed.js" defer></script></head><body>${body}</body></html>`;
  site = await server({
    '/mine.csv': CSV,
    '/bad.csv': BAD,
    // No group column: the chart takes the title (a group would name it).
    '/plain-figures.csv': 'label,value,source,quote\nOne,10,Desk,"one had 10"\n',
    '/hostile.csv': HOSTILE,
    '/src.html': page('<div data-pk-chart data-src="mine.csv"></div><div data-pk-chart="deaths-2025"></div><div data-pk-chart data-src="bad.csv"></div>'),
    '/api.html': page('<div id="mine"></div>'),
    // A refused file, framed as an article frames it: the iframe shrinks to the error.
    '/framed-refusal.html': page('<iframe id="f" src="embed.html?data=mine.csv&type=pie" width="100%" height="480" style="width:100%;border:0"></iframe>'),
  });
  other = await server({ '/elsewhere.csv': CSV });
});
after(async () => {
  await browser?.close();
  await Promise.all([site?.close(), other?.close()]);
});

async function open(path) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(site.url + path);
  return { context, page, errors };
}

describe('charts from a newsroom\'s own file', () => {
  it('embed.html?data=<same-origin CSV>&type=bar draws it, each value traced; no quote is said plainly', async () => {
    const { context, page, errors } = await open('embed.html?data=mine.csv&type=bar-sorted');
    try {
      const states = await waitReady(page);
      assert.deepEqual(Object.values(states), ['ready']);
      const fig = page.locator('figure[data-chart]');
      assert.match(await fig.locator('.chart-title').textContent(), /Incidents/);
      const table = await fig.locator('table').textContent();
      assert.ok(table.includes('3,811') && table.includes('1,557'), table);
      assert.ok(table.includes('“accounted for 3,811 attacks”'), 'the quote is in the table');
      assert.ok(table.includes('No quote given'), 'a row without a quote says so');
      const canvas = fig.locator('canvas');
      assert.ok((await canvas.getAttribute('aria-label')).includes('3,811'), 'the canvas states the numbers');
      const href = await fig.locator('a.get-data').getAttribute('href');
      assert.ok(href.startsWith('data:text/csv'), 'its data travels with it');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('&title= names the chart (the Make a chart page writes it); without it, the file does', async () => {
    for (const [query, want] of [[`&title=${encodeURIComponent('Attacks by province, 2025')}`, 'Attacks by province, 2025'], ['', 'plain figures']]) {
      const { context, page } = await open(`embed.html?data=plain-figures.csv&type=bar${query}`);
      try {
        await page.locator('figure[data-state="ready"]').waitFor();
        assert.equal((await page.locator('.chart-title').textContent()).trim(), want);
      } finally {
        await context.close();
      }
    }
  });

  it('data from another origin is refused, and says why', async () => {
    const { context, page } = await open(`embed.html?data=${encodeURIComponent(other.url + 'elsewhere.csv')}&type=bar`);
    try {
      const alert = page.locator('[role=alert]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /only data from this site/);
      assert.equal(await page.locator('figure[data-state="error"]').count(), 1);
    } finally {
      await context.close();
    }
  });

  it('a refused file in an iframe posts its height, so no empty box is left', async () => {
    const { context, page } = await open('framed-refusal.html');
    try {
      const frame = page.frameLocator('#f');
      await frame.locator('[role=alert]').waitFor();
      assert.match(await frame.locator('[role=alert]').textContent(), /type=pie is not a chart type/);
      await page.waitForFunction(() => document.getElementById('f').getBoundingClientRect().height < 400, null, { timeout: 10_000 });
    } finally {
      await context.close();
    }
  });

  it('script tags with data-src draw user data beside built-in charts; a bad file fails alone, naming row and column', async () => {
    const { context, page } = await open('src.html');
    try {
      const states = await waitReady(page);
      const why = await page.locator('figure[data-chart="deaths-2025"] [role=alert]').allTextContents();
      assert.equal(states['deaths-2025'], 'ready', `the built-in chart is unaffected: ${why}`);
      assert.equal(Object.values(states).filter((s) => s === 'ready').length, 2);
      const alert = page.locator('figure[data-state="error"] [role=alert]');
      assert.match(await alert.textContent(), /row 2, column value: 'abc' is not a number/);
    } finally {
      await context.close();
    }
  });

  it('PkCharts.render(element, { figures }) takes plain objects; hostile text stays text', async () => {
    const { context, page, errors } = await open('api.html');
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    try {
      await page.waitForFunction(() => globalThis.PkCharts?.render);
      await page.evaluate(() => globalThis.PkCharts.render(document.getElementById('mine'), {
        title: 'From the API',
        figures: [{ label: 'A <img src=x onerror=alert(1)>', value: 7, source: '<b>Bold</b>', url: 'javascript:alert(1)' }, { label: 'B', value: '1,200', source: 'Y' }],
      }));
      await page.waitForFunction(() => document.getElementById('mine').shadowRoot?.querySelector('figure')?.dataset.state);
      const fig = page.locator('#mine figure');
      const state = await fig.getAttribute('data-state');
      assert.equal(state, 'error', 'a javascript: URL is refused');
      assert.match(await fig.locator('[role=alert]').textContent(), /not a web address/);
      await page.evaluate(() => globalThis.PkCharts.render(document.getElementById('mine'), {
        title: 'From the API',
        figures: [{ label: 'A <img src=x onerror=alert(1)>', value: 7, source: '<b>Bold</b>' }, { label: 'B', value: '1,200', source: 'Y' }],
      }));
      await page.locator('#mine figure[data-state="ready"]').waitFor();
      const text = await page.locator('#mine figure table').textContent();
      assert.ok(text.includes('<img src=x onerror=alert(1)>') && text.includes('<b>Bold</b>') && text.includes('1,200'), text);
      assert.equal(await page.locator('#mine img[src="x"]').count(), 0);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the Make a chart page draws a pasted file at once, with its table, and gives embed codes', async () => {
    const { context, page, errors } = await open('make.html');
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await page.locator('#result figure[data-state="ready"]').waitFor();
      await page.locator('#paste').fill('label,value,source,quote\nOne,10,Desk,"one had 10"\nTwo,30,Desk,"two had 30"\n');
      await page.locator('#kind').selectOption('bar-sorted');
      await page.locator('#result figure[data-state="ready"]').waitFor();
      const table = await page.locator('#result table').textContent();
      assert.ok(table.includes('“two had 30”'), table);
      assert.match(await page.locator('#code-script').inputValue(), /data-src="[^"]*your-file\.csv"/);
      assert.match(await page.locator('#code-iframe').inputValue(), /embed\.html\?data=your-file\.csv&type=bar-sorted/);
      // The title typed here travels with both codes.
      await page.locator('#title').fill('Deaths by "area", 2025');
      await page.locator('#kind').selectOption('bar');
      await page.locator('#result figure[data-state="ready"]').waitFor();
      assert.ok((await page.locator('#code-script').inputValue()).includes('data-title="Deaths by &quot;area&quot;, 2025"'));
      assert.ok((await page.locator('#code-iframe').inputValue()).includes(`&title=${encodeURIComponent('Deaths by "area", 2025')}`));
      await page.locator('#paste').fill('label,value\nOne,10\n');
      await page.locator('button[type=submit]').click();
      await page.locator('#result [role=alert]').waitFor();
      assert.match(await page.locator('#result [role=alert]').textContent(), /`source` is missing/);
      assert.deepEqual(requests.filter((u) => !u.startsWith(site.url)), [], 'nothing leaves this site');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
