// Shared pieces of the end-to-end tests: a static file server over the built
// site (PK_DIST), the Chromium launcher, error collection, readiness waits,
// pixel reading of a chart canvas, and screenshots.
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { resolve, extname, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (tests/e2e/../..). */
export const REPO_ROOT = resolve(here, '..', '..');
/** The built site the tests run against. */
export const DIST = resolve(process.env.PK_DIST || resolve(REPO_ROOT, 'dist'));
/** Where screenshots go. */
export const SCREENSHOT_DIR = resolve(REPO_ROOT, 'target', 'screenshots');

/** The chart ids of the public contract: they never change meaning. */
export const CONTRACT_IDS = [
  'incidents-by-province',
  'operations-by-province',
  'operation-rates',
  'deaths-2025',
  'militants-killed-by-source',
  'change-2024-2025',
  'attacks-late-2025',
];

/** Every chart the built dashboard carries, in its order: the core's catalog
 *  is the one list, so it is read from the build, not typed again here. */
export const CHART_IDS = [...readFileSync(resolve(DIST, 'index.html'), 'utf8').matchAll(/<figure [^>]*data-chart="([a-z0-9-]+)"/g)]
  .map((m) => m[1]);

/** The crate's name, from Cargo.toml (its one definition): the embed's height
 *  messages are typed `<crate>:height`. */
export const CRATE = /\[package\][^[]*?\bname\s*=\s*"([^"]+)"/.exec(readFileSync(resolve(REPO_ROOT, 'Cargo.toml'), 'utf8'))?.[1];

/** Theme colours of src/theme.rs, as [r, g, b]. */
export const THEME = {
  light: { background: [0xff, 0xff, 0xff], official: [0x00, 0x72, 0xb2], independent: [0xd5, 0x5e, 0x00], highlight: [0x00, 0x9e, 0x73], text: [0x1a, 0x1a, 0x1a] },
  dark: { background: [0x12, 0x14, 0x17], official: [0x56, 0xb4, 0xe9], independent: [0xe6, 0x9f, 0x00], highlight: [0x00, 0x9e, 0x73], text: [0xed, 0xed, 0xed] },
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Starts a static server over DIST on an ephemeral port of 127.0.0.1.
 * `virtual` maps a URL path (e.g. '/test-parent.html', '/mine.csv') to content,
 * typed by its extension; `headers` go on every response (e.g. the CORS headers
 * the README tells hosts to send).
 * Returns { url, close() } where url ends with '/'.
 */
export async function startServer({ virtual = {}, headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const send = (code, type, body) => {
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.split('/').includes('..')) return send(403, 'text/plain', 'forbidden');
      if (virtual[path] !== undefined) return send(200, TYPES[extname(path).toLowerCase()] || TYPES['.html'], virtual[path]);
      if (path.endsWith('/')) path += 'index.html';
      const file = resolve(DIST, '.' + path);
      if (file !== DIST && !file.startsWith(DIST + sep)) return send(403, 'text/plain', 'forbidden');
      const type = TYPES[extname(file).toLowerCase()];
      const info = await stat(file).catch(() => null);
      if (!type || !info || !info.isFile()) return send(404, 'text/plain', 'not found');
      send(200, type, await readFile(file));
    } catch {
      send(400, 'text/plain', 'bad request');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

/** The strict Content-Security-Policy the README promises the site works under. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Sends CSP with every response from `origin` (a URL ending in '/') to `page`,
 * and collects the page's CSP violations. Returns { violations, requests },
 * arrays filled as they happen (requests: every URL the page asks for).
 */
export async function enforceCsp(page, origin) {
  const violations = [];
  await page.exposeFunction('__cspViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.route(`${origin}**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return { violations, requests };
}

/** The flags of every test browser, defined once in chromium-flags.json (xtask reads it too). */
export const CHROMIUM_FLAGS = JSON.parse(readFileSync(resolve(here, 'chromium-flags.json'), 'utf8')).args;

/** Launches the system Chromium (never downloads one). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/**
 * Starts collecting console errors and uncaught page errors. Returns the
 * array it fills; only a 404 for a favicon is ignored.
 */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url || '';
    if (/favicon/.test(where) || (/404/.test(msg.text()) && /favicon/.test(msg.text()))) return;
    errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A chart's static image is dropped, by design, once its canvas has drawn;
    // the browser then aborts the image if it was still loading.
    const replaced = /\/img\/[a-z0-9.-]+\.svg$/.test(req.url()) && req.failure()?.errorText === 'net::ERR_ABORTED';
    if (!/favicon/.test(req.url()) && !replaced) errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`);
  });
  return errors;
}

/**
 * Waits until every figure[data-chart] is ready or error (20 s), returns their
 * states by id. Charts draw only as they near the viewport, so this scrolls
 * each pending one into view in turn, as a reader would, then back to the top.
 */
export async function waitReady(page, timeout = 20_000) {
  await page.waitForFunction(() => {
    // Script-tag charts live in shadow roots: look inside them too.
    const deep = (root) => [
      ...root.querySelectorAll('figure[data-chart]'),
      ...[...root.querySelectorAll('*')].filter((e) => e.shadowRoot).flatMap((e) => deep(e.shadowRoot)),
    ];
    const figs = deep(document);
    const pending = figs.filter((f) => f.dataset.state !== 'ready' && f.dataset.state !== 'error');
    if (figs.length > 0 && pending.length === 0) return true;
    pending[0]?.scrollIntoView({ block: 'center' });
    return false;
  }, null, { timeout, polling: 50 });
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    // Scrolling moved the browser's Tab starting point; put it back at the top.
    const b = document.body;
    b.setAttribute('tabindex', '-1');
    b.focus({ preventScroll: true });
    b.blur();
    b.removeAttribute('tabindex');
  });
  return figureStates(page);
}

/** { id: state } of every figure on the page. */
export function figureStates(page) {
  return page.$$eval('figure[data-chart]', (figs) => Object.fromEntries(figs.map((f) => [f.dataset.chart, f.dataset.state])));
}

/** Saves a full-page screenshot to target/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Reads a figure's canvas: CSS and backing sizes, and the share of pixels
 * matching each given colour (±tol per channel).
 * colours: { name: [r, g, b] } → result.share[name] in 0..1.
 */
export function canvasStats(page, id, colours, tol = 8) {
  return page.evaluate(({ id, colours, tol }) => {
    const c = document.querySelector(`figure[data-chart="${id}"] canvas`);
    if (!c) return null;
    const r = c.getBoundingClientRect();
    const out = { cssWidth: r.width, cssHeight: r.height, width: c.width, height: c.height, dpr: devicePixelRatio, share: {} };
    if (!c.width || !c.height) return out;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const counts = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
    const entries = Object.entries(colours);
    for (let i = 0; i < d.length; i += 4) {
      for (const [k, [cr, cg, cb]] of entries) {
        if (Math.abs(d[i] - cr) <= tol && Math.abs(d[i + 1] - cg) <= tol && Math.abs(d[i + 2] - cb) <= tol) { counts[k]++; break; }
      }
    }
    const n = d.length / 4;
    for (const k of Object.keys(counts)) out.share[k] = counts[k] / n;
    return out;
  }, { id, colours, tol });
}

/**
 * Finds the bars actually drawn on a figure's canvas, from its pixels: runs of
 * a bar colour, merged into rectangles. Returns [{x0, x1, y0, y1}] in CSS px
 * relative to the canvas, top to bottom then left to right.
 */
export function drawnBars(page, id, colours) {
  return page.evaluate(({ id, colours }) => {
    const c = document.querySelector(`figure[data-chart="${id}"] canvas`);
    const s = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const isBar = (i) => colours.some(([r, g, b]) => Math.abs(d[i] - r) <= 8 && Math.abs(d[i + 1] - g) <= 8 && Math.abs(d[i + 2] - b) <= 8);
    const open = new Map(); // "x0:x1" -> rect, continued from the row above
    const done = [];
    for (let y = 0; y < c.height; y++) {
      const runs = [];
      let start = -1;
      for (let x = 0; x <= c.width; x++) {
        const on = x < c.width && isBar((y * c.width + x) * 4);
        if (on && start < 0) start = x;
        if (!on && start >= 0) { if (x - start >= 2) runs.push([start, x]); start = -1; }
      }
      const next = new Map();
      for (const [a, b] of runs) {
        const key = `${a}:${b}`;
        const rect = open.get(key) || { x0: a, x1: b, y0: y, y1: y };
        rect.y1 = y + 1;
        next.set(key, rect);
        open.delete(key);
      }
      for (const r of open.values()) done.push(r);
      open.clear();
      for (const [k, v] of next) open.set(k, v);
    }
    for (const r of open.values()) done.push(r);
    return done
      .filter((r) => r.y1 - r.y0 >= 8 * s) // bars are 22 px tall; skips text and markers
      .map((r) => ({ x0: r.x0 / s, x1: r.x1 / s, y0: r.y0 / s, y1: r.y1 / s }))
      .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  }, { id, colours });
}

/** Rendered text of the figure's visible tooltip (lines joined by newlines), or null when hidden. */
export function tooltipText(page, id) {
  return page.$eval(`figure[data-chart="${id}"] .tooltip`, (t) => (t.hidden || t.offsetParent === null ? null : t.innerText));
}

/**
 * The browser and the built site's server a test file uses: started before its
 * tests, closed after them. Read them as `site.browser` and `site.server`.
 */
export function openSite() {
  const site = { browser: null, server: null };
  before(async () => {
    site.browser = await launch();
    site.server = await startServer();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
