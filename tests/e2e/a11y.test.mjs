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
    for (const [width, scheme] of [[375, 'light'], [1280, 'dark']]) {
      it(`embed.html?chart=${id} at ${width} px, ${scheme}`, async () => {
        const result = await audit(`embed.html?chart=${id}`, { width, height: 800, scheme });
        assert.deepEqual(Object.keys(result.states), [id]);
        assertClean(result);
      });
    }
  }
});
