// Accessibility audit with axe-core of the dashboard (every <details> opened, so
// the data tables and quotes are audited too) and of each chart's embed page,
// in light and dark. Expects zero violations and prints each one found.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer, launch, collectErrors, waitReady, CHART_IDS } from './helpers.mjs';

const AXE = fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url));

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` at the size and scheme, waits for the charts, opens every details, runs axe. */
async function audit(path, { width, height = 900, scheme }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url + path);
    const states = await waitReady(page);
    await page.evaluate(() => {
      for (const b of document.querySelectorAll('button.data-toggle[aria-expanded="false"]')) b.click();
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        target: v.nodes[0]?.target.join(' '),
        failureSummary: v.nodes[0]?.failureSummary,
      }));
    });
    return { states, violations, errors };
  } finally {
    await context.close();
  }
}

function report(violations) {
  return violations
    .map((v) => `- ${v.id} (${v.impact}, ${v.nodes} node${v.nodes === 1 ? '' : 's'}): ${v.help}\n    first: ${v.target}\n    ${String(v.failureSummary).replace(/\n/g, '\n    ')}`)
    .join('\n');
}

function assertClean({ states, violations, errors }) {
  for (const [id, state] of Object.entries(states)) assert.equal(state, 'ready', `${id} should be ready before auditing`);
  assert.equal(violations.length, 0, `axe found ${violations.length} violation(s):\n${report(violations)}`);
  assert.deepEqual(errors, []);
}

describe('axe: dashboard with every details opened', () => {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark']) {
      it(`index.html at ${width} px, ${scheme}`, async () => {
        assertClean(await audit('index.html', { width, scheme }));
      });
    }
  }
});

describe('axe: embed page of each chart', () => {
  for (const id of CHART_IDS) {
    for (const [width, scheme] of [[375, 'light'], [375, 'dark'], [1280, 'light'], [1280, 'dark']]) {
      it(`embed.html?chart=${id} at ${width} px, ${scheme}`, async () => {
        const result = await audit(`embed.html?chart=${id}`, { width, height: 800, scheme });
        assert.deepEqual(Object.keys(result.states), [id]);
        assertClean(result);
      });
    }
  }
});

describe('what a screen reader is given', () => {
  it('the data button is named by its words alone (its drawn triangle is not read), in both languages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      for (const [path, words] of [['embed-incidents-by-province.html', 'Show data and sources'], ['embed-incidents-by-province.ur.html', null]]) {
        await page.goto(server.url + path);
        await waitReady(page);
        const shown = words ?? (await page.locator('.data-toggle').evaluate((b) => b.textContent.trim()));
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        const names = nodes.filter((n) => n.role?.value === 'button' && !n.ignored).map((n) => n.name?.value);
        assert.deepEqual(names, [shown], `${path}: the button's accessible name`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('forced colours and zoom', () => {
  it('in Windows high-contrast mode the chart keeps its bars and gets a visible outline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, forcedColors: 'active' });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await waitReady(page);
      const canvas = page.locator('figure[data-chart="incidents-by-province"] canvas');
      const border = await canvas.evaluate((c) => getComputedStyle(c).borderTopStyle);
      assert.equal(border, 'solid', 'canvas outlined in forced colours');
      const adjust = await canvas.evaluate((c) => getComputedStyle(c).forcedColorAdjust);
      assert.equal(adjust, 'none', 'the canvas keeps its own palette');
      await canvas.focus();
      await page.keyboard.press('ArrowDown');
      const outline = await canvas.evaluate((c) => getComputedStyle(c).outlineStyle);
      assert.notEqual(outline, 'none', 'keyboard focus ring visible in forced colours');
    } finally {
      await context.close();
    }
  });

  it('at 200 % zoom (1280 px at zoom 2) every chart fits with no horizontal scroll', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      for (const [id, state] of Object.entries(await waitReady(page))) assert.equal(state, 'ready', id);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow} px`);
    } finally {
      await context.close();
    }
  });
});
