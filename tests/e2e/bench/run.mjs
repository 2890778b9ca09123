// The browser half of `cargo xtask bench` (run it through xtask, which builds
// and serves the bench site). Measures ours and Chart.js side by side in one
// headless Chromium, each figure the median of RUNS runs (at least 10), prints
// a table and writes every median to BENCH_OUT as JSON. Nothing is asserted:
// a benchmark reports, it does not pass or fail (it fails only if a chart
// does not draw, since then its timings would mean nothing).
//
// Not named *.test.mjs and not in a `test` directory, so `node --test
// tests/e2e/` does not pick it up.
//
// Environment (set by xtask/src/bench.rs):
//   BENCH_URL              the bench site's root URL, ending in '/'
//   BENCH_SHIPPED_MODULE   the shipped wasm-bindgen module, relative to it
//   BENCH_BENCH_MODULE     the `bench` feature build's module, relative to it
//   BENCH_OUT              where to write the JSON
//   CHROMIUM               the browser (default /usr/bin/chromium)
//   BENCH_RUNS             runs per figure (default 11, at least 10)
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const BASE = required('BENCH_URL');
const SHIPPED_MODULE = required('BENCH_SHIPPED_MODULE');
const BENCH_MODULE = required('BENCH_BENCH_MODULE');
const OUT = required('BENCH_OUT');
// Odd by default so that the median is a measured value, not a mean of two.
const RUNS = Math.max(10, Number.parseInt(process.env.BENCH_RUNS || '11', 10) || 11);

const CHART = 'incidents-by-province';
// An article column on a high-density screen, for every page.
const CONTEXT = { viewport: { width: 720, height: 900 }, deviceScaleFactor: 2 };
// Redraw timing alternates two widths, so that every call really changes size.
const REDRAW_WIDTHS = [640, 600];
// Memory: 10,000 redraws cycling through these (narrow ones relayout labels).
const MEMORY_WIDTHS = Array.from({ length: 18 }, (_, i) => 320 + i * 40);
const MEMORY_REDRAWS = 10_000;
const CHARTJS_HEIGHT = 100;
const REDRAW_BATCH = 20;
const HOVER_BATCH = 10_000;
const LINE_SIZES = [1e3, 1e4, 1e5, 1e6];
const LINE_BATCH = 5;
const LINE_WIDTH = 640;
const LINE_DPR = 2;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`run.mjs: ${name} is not set; run this through \`cargo xtask bench\``);
    process.exit(2);
  }
  return value;
}

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` RUNS times (after one discarded warm-up) and returns the results. */
async function repeat(fn) {
  await fn();
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await fn());
  return results;
}

/** Opens `path` in a fresh context (cold cache) and fails on any page error. */
async function open(browser, path, { initScript, viewport } = {}) {
  const context = await browser.newContext(viewport ? { ...CONTEXT, viewport } : CONTEXT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(`${m.location()?.url} ${m.text()}`)) errors.push(m.text());
  });
  if (initScript) await page.addInitScript(initScript);
  // Requests still open, for a stall's report.
  const pending = new Set();
  page.on('request', (r) => pending.add(r.url()));
  page.on('requestfinished', (r) => pending.delete(r.url()));
  page.on('requestfailed', (r) => pending.delete(r.url()));
  const check = () => {
    if (errors.length) throw new Error(`${path}: ${errors.join('; ')}`);
  };
  const go = () => page.goto(BASE + path, { waitUntil: 'load' }).catch((e) => {
    throw new Error(`${e.message.split('\n')[0]} (requests still open: ${[...pending].map((u) => new URL(u).pathname).join(', ') || 'none'})`);
  });
  return { context, page, check, go };
}

/** Waits for `predicate` in the page, failing early on a page error. */
async function waitFor(handle, predicate, arg) {
  try {
    await handle.page.waitForFunction(predicate, arg, { timeout: 30_000, polling: 50 });
  } catch (e) {
    // Say what the page was doing, not only that it timed out.
    const seen = await handle.page.evaluate(() => ({
      url: location.href,
      states: [...document.querySelectorAll('figure[data-chart]')].map((f) => `${f.dataset.chart}:${f.dataset.state}`).join(' '),
      files: performance.getEntriesByType('resource').map((r) => `${r.name.split('/').pop()} ${Math.round(r.responseEnd)}`).join(', '),
    })).catch(() => ({}));
    throw new Error(`${e.message}\n  page: ${JSON.stringify(seen)}`);
  } finally {
    handle.check();
  }
}

// --- Loading: bytes and time to first paint, in a fresh context each run ---

// Installed before any page script: when a figure's data-state becomes
// "ready" (its canvas was just drawn), note performance.now(), which counts
// from the start of the navigation.
function readyObserver() {
  window.__ready = {};
  // When the figure's chart first showed: ours is in the page's HTML (the
  // core's drawing, inline SVG), so it shows with the first contentful paint;
  // and the page's layout shifts.
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) {
      const fig = r.target;
      const id = fig.dataset && fig.dataset.chart;
      if (fig.dataset && fig.dataset.state === 'ready' && id && !(id in window.__ready)) window.__ready[id] = performance.now();
      if (fig.dataset && fig.dataset.state === 'error') window.__failed = `${id}: ${fig.textContent}`;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

function kindOf(url, type = '') {
  const path = new URL(url).pathname;
  if (/favicon/.test(path)) return 'icon';
  if (type.includes('html')) return 'html';
  if (type.includes('javascript')) return 'js';
  if (type.includes('wasm')) return 'wasm';
  if (type.includes('css')) return 'css';
  return 'other';
}

/**
 * One cold load of `path`; `done` is a page predicate for "drawn". Returns the
 * page's timestamps and every response body's size, raw and gzip -9.
 */
async function load(browser, path, done, arg, viewport) {
  const handle = await open(browser, path, { initScript: readyObserver, viewport });
  const bodies = [];
  handle.page.on('response', (r) => {
    bodies.push(r.body().then(
      (body) => ({ url: r.url(), kind: kindOf(r.url(), r.headers()['content-type']), status: r.status(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length }),
      () => null,
    ));
  });
  await handle.go();
  await waitFor(handle, done, arg);
  // Two frames more, so a shift caused by the last draw is reported.
  await handle.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const times = await handle.page.evaluate(() => ({
    ready: window.__ready, failed: window.__failed, created: window.__created, painted: window.__painted,
    // The first paint holds the chart only if the HTML carried its drawing.
    visible: document.querySelector('figure[data-chart] svg.chart-static') ? window.__fcp : undefined, fcp: window.__fcp, cls: window.__cls,
    // When the last file of the page had arrived: what is left after it is start-up work.
    lastByte: Math.max(...performance.getEntriesByType('resource').filter((e) => !/favicon/.test(e.name)).map((e) => e.responseEnd)),
  }));
  const files = (await Promise.all(bodies)).filter(Boolean);
  await handle.context.close();
  if (times.failed) throw new Error(`${path}: a chart failed: ${times.failed}`);
  const bad = files.filter((f) => f.status !== 200 && f.kind !== 'icon');
  if (bad.length) throw new Error(`${path}: ${bad.map((f) => `${f.url} → ${f.status}`).join(', ')}`);
  return { ...times, files: files.filter((f) => f.kind !== 'icon') };
}

function bytesOf(runs) {
  const total = (key) => (run) => run.files.filter((f) => f.kind !== 'other').reduce((s, f) => s + f[key], 0);
  const files = runs[0].files.map(({ url, kind, raw, gzip }) => ({ file: new URL(url).pathname + new URL(url).search, kind, raw, gzip }));
  return { raw_bytes: median(runs.map(total('raw'))), gzip_bytes: median(runs.map(total('gzip'))), files };
}

async function measureLoads(browser) {
  // A chart in error also ends the wait, so that load() reports it at once.
  const embedReady = (id) => window.__failed || (window.__ready && id in window.__ready);
  // Every chart the page carries (the dataset declares them; no count typed here).
  const allReady = () => window.__failed
    || (window.__ready && Object.keys(window.__ready).length === document.querySelectorAll('figure[data-chart]').length);
  // Chart.js's page paints nothing before its chart: its first contentful
  // paint is the chart's (bench/chartjs-embed.html).
  const painted = () => window.__painted !== undefined && window.__fcp !== undefined;
  // The page the embed codes point at: the chart's own.
  const embed = `embed-${CHART}.html`;
  // The same page with its style sheet pasted in (bench_site.rs): not allowed
  // by the strict CSP we promise, measured to show what that request costs.
  const inlined = `embed-${CHART}.inline-css.html`;
  // Interleaved, so that any drift of the machine touches them all alike.
  const ours = [];
  const oursInlined = [];
  const chartjs = [];
  const dashboard = [];
  // The floor: a page that fetches nothing paints this soon.
  const blank = [];
  const painted0 = () => window.__fcp !== undefined;
  // Warm-ups, discarded. A cold browser's first navigation here has stalled
  // (30 s, in 3 of 5 runs on 2026-11-25, always this first one; never a
  // measured run, nor any of 72 direct loads of the same page): retried once,
  // and said so.
  const warm = async (...args) => load(browser, ...args).catch((e) => {
    console.log(`  warm-up retried after: ${e.message}`);
    return load(browser, ...args);
  });
  await warm(embed, embedReady, CHART);
  await warm('bench/chartjs-embed.html', painted);
  // Charts draw only as they near the viewport: a window tall enough to show all
  // of them measures the time to draw them all.
  const tall = { width: CONTEXT.viewport.width, height: 9000 };
  await load(browser, 'index.html', allReady, undefined, tall);
  for (let i = 0; i < RUNS; i++) {
    ours.push(await load(browser, embed, embedReady, CHART));
    oursInlined.push(await load(browser, inlined, embedReady, CHART));
    chartjs.push(await load(browser, 'bench/chartjs-embed.html', painted));
    dashboard.push(await load(browser, 'index.html', allReady, undefined, tall));
    blank.push(await load(browser, 'bench/blank.html', painted0));
  }
  return {
    ours: {
      embed: bytesOf(ours),
      first_ready_ms: median(ours.map((r) => r.ready[CHART])),
      // Whichever came first: the static drawing, or the canvas.
      visible_ms: median(ours.map((r) => Math.min(r.visible ?? Infinity, r.ready[CHART]))),
      cls: median(ours.map((r) => r.cls)),
      last_byte_ms: median(ours.map((r) => r.lastByte)),
    },
    inlined: {
      visible_ms: median(oursInlined.map((r) => Math.min(r.visible ?? Infinity, r.ready[CHART]))),
      first_ready_ms: median(oursInlined.map((r) => r.ready[CHART])),
    },
    blank: { first_paint_ms: median(blank.map((r) => r.fcp)) },
    dashboard: {
      first_ready_ms: median(dashboard.map((r) => Math.min(...Object.values(r.ready)))),
      all_ready_ms: median(dashboard.map((r) => Math.max(...Object.values(r.ready)))),
    },
    chartjs: {
      embed: bytesOf(chartjs),
      created_ms: median(chartjs.map((r) => r.created)),
      first_painted_ms: median(chartjs.map((r) => r.painted)),
      visible_ms: median(chartjs.map((r) => r.fcp)),
      cls: median(chartjs.map((r) => r.cls)),
      last_byte_ms: median(chartjs.map((r) => r.lastByte)),
    },
  };
}

// --- Redraw, hover and memory, timed inside the page ---
// Each timed function runs in the page; a run is a batch of calls timed as a
// whole (performance.now() is coarsened to 0.1 ms outside isolated pages),
// reported per call. Every redraw ends with a 1-pixel getImageData, which makes
// Chromium rasterise the canvas now rather than at the next frame, so that
// drawing is counted, not only recorded; both libraries get the same.

function oursRedraw({ calls, widths }) {
  const { chart, canvas, ctx } = window.bench;
  const dpr = devicePixelRatio;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const w = widths[i % widths.length];
    // As mount.js's draw(): render, then size the element to match.
    const h = chart.render(w, dpr, false);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    ctx.getImageData(0, 0, 1, 1);
  }
  return (performance.now() - start) / calls;
}

function chartjsRedraw({ calls, widths, height }) {
  const chart = window.__chart;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    chart.resize(widths[i % widths.length], height);
    chart.ctx.getImageData(0, 0, 1, 1);
  }
  return (performance.now() - start) / calls;
}

// Hover targets: the middles of the first two bars, alternately.
function oursHover({ calls, withPosition }) {
  const { chart, canvas } = window.bench;
  const points = [0, 1].map((i) => { const [x, y, w, h] = chart.mark_box(i); return [x + w / 2, y + h / 2]; });
  const rect0 = canvas.getBoundingClientRect();
  const events = points.map(([x, y]) => new MouseEvent('pointermove', { clientX: rect0.left + x, clientY: rect0.top + y }));
  let hits = 0;
  const start = performance.now();
  if (withPosition) {
    // What mount.js does per pointer event: canvas position, then hit().
    for (let i = 0; i < calls; i++) {
      const ev = events[i & 1];
      const r = canvas.getBoundingClientRect();
      if (chart.hit(ev.clientX - r.left, ev.clientY - r.top) >= 0) hits++;
    }
  } else {
    for (let i = 0; i < calls; i++) {
      const [x, y] = points[i & 1];
      if (chart.hit(x, y) >= 0) hits++;
    }
  }
  return { us: ((performance.now() - start) * 1000) / calls, hits };
}

function chartjsHover({ calls }) {
  const chart = window.__chart;
  const rect = chart.canvas.getBoundingClientRect();
  const events = [0, 1].map((i) => {
    const bar = chart.getDatasetMeta(0).data[i];
    return new MouseEvent('mousemove', { clientX: rect.left + (bar.x + bar.base) / 2, clientY: rect.top + bar.y });
  });
  // Dispatched once, untimed, so that each event has the canvas as its target
  // like a real one: Chart.js then reads offsetX/offsetY, as in its own listener.
  for (const ev of events) chart.canvas.dispatchEvent(ev);
  let hits = 0;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    if (chart.getElementsAtEventForMode(events[i & 1], 'nearest', { intersect: true }, false).length) hits++;
  }
  return { us: ((performance.now() - start) * 1000) / calls, hits };
}

// Redraws at changing widths with memory read at the checkpoints (counted from
// this call). JS heap after a forced GC (Chromium runs with --expose-gc), so it
// shows what is kept, not what is garbage not yet collected.
function memoryRun({ lib, total, checkpoints, widths, height }) {
  const heap = () => { if (window.gc) window.gc(); return performance.memory ? performance.memory.usedJSHeapSize : null; };
  const wasm = () => (lib === 'ours' ? window.bench.wasmMemory() : null);
  const out = { 0: { heap: heap(), wasm: wasm() } };
  const dpr = devicePixelRatio;
  for (let i = 1; i <= total; i++) {
    const w = widths[i % widths.length];
    if (lib === 'ours') {
      const h = window.bench.chart.render(w, dpr, false);
      window.bench.canvas.style.width = `${w}px`;
      window.bench.canvas.style.height = `${h}px`;
    } else {
      window.__chart.resize(w, height);
    }
    if (checkpoints.includes(i)) out[i] = { heap: heap(), wasm: wasm() };
  }
  return out;
}

const OURS_MICRO = `bench/ours-micro.html?module=${encodeURIComponent(SHIPPED_MODULE)}`;

/** RUNS fresh pages of `lib`, each redrawing MEMORY_REDRAWS times. */
async function memoryRuns(browser, lib) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const handle = await open(browser, lib === 'ours' ? OURS_MICRO : 'bench/chartjs-embed.html');
    await handle.go();
    await waitFor(handle, lib === 'ours' ? () => window.bench !== undefined : () => window.__painted !== undefined);
    runs.push(await handle.page.evaluate(memoryRun, {
      lib, total: MEMORY_REDRAWS, checkpoints: [100, MEMORY_REDRAWS], widths: MEMORY_WIDTHS, height: CHARTJS_HEIGHT,
    }));
    handle.check();
    await handle.context.close();
  }
  const at = (i, key) => median(runs.map((r) => r[i][key]));
  const grew = (key) => runs.filter((r) => r[MEMORY_REDRAWS][key] > r[100][key]).length;
  return {
    wasm_before: at(0, 'wasm'), wasm_after_100: at(100, 'wasm'), wasm_after_10000: at(MEMORY_REDRAWS, 'wasm'),
    heap_before: at(0, 'heap'), heap_after_100: at(100, 'heap'), heap_after_10000: at(MEMORY_REDRAWS, 'heap'),
    wasm_grew_runs: lib === 'ours' ? grew('wasm') : null,
    heap_grew_runs: grew('heap'),
  };
}

// Both libraries at once, one renderer per core: memory does not depend on
// speed, and 2 × RUNS × 10,000 redraws one after the other would take minutes.
// Run last, so that no timing shares the machine with it.
async function measureMemory(browser) {
  const [ours, chartjs] = await Promise.all([memoryRuns(browser, 'ours'), memoryRuns(browser, 'chartjs')]);
  return { ours, chartjs };
}

async function measureOurs(browser) {
  const handle = await open(browser, OURS_MICRO);
  await handle.go();
  await waitFor(handle, () => window.bench !== undefined);
  const { page } = handle;
  const redraw = await repeat(() => page.evaluate(oursRedraw, { calls: REDRAW_BATCH, widths: REDRAW_WIDTHS }));
  const hover = await repeat(() => page.evaluate(oursHover, { calls: HOVER_BATCH, withPosition: false }));
  const hoverPos = await repeat(() => page.evaluate(oursHover, { calls: HOVER_BATCH, withPosition: true }));
  handle.check();
  await handle.context.close();
  if ([...hover, ...hoverPos].some((h) => h.hits !== HOVER_BATCH)) throw new Error('ours: hit() missed a bar it was pointed at');
  return {
    redraw_ms: median(redraw),
    hover_us: median(hover.map((h) => h.us)),
    hover_with_position_us: median(hoverPos.map((h) => h.us)),
  };
}

async function measureChartjs(browser) {
  const handle = await open(browser, 'bench/chartjs-embed.html');
  await handle.go();
  await waitFor(handle, () => window.__painted !== undefined);
  const { page } = handle;
  const version = await page.evaluate(() => window.Chart.version);
  const redraw = await repeat(() => page.evaluate(chartjsRedraw, { calls: REDRAW_BATCH, widths: REDRAW_WIDTHS, height: CHARTJS_HEIGHT }));
  const hover = await repeat(() => page.evaluate(chartjsHover, { calls: HOVER_BATCH }));
  handle.check();
  await handle.context.close();
  if (hover.some((h) => h.hits !== HOVER_BATCH)) throw new Error('Chart.js: getElementsAtEventForMode missed a bar it was pointed at');
  return { version, redraw_ms: median(redraw), hover_us: median(hover.map((h) => h.us)) };
}

// --- Scaling: a line chart of 10^3..10^6 points ---

function oursLine({ n, calls, width, dpr }) {
  const { pkg, canvas, ctx } = window.bench;
  let marks = 0;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    marks = pkg.bench_line(canvas, n, width, dpr);
    ctx.getImageData(0, 0, 1, 1);
  }
  return { ms: (performance.now() - start) / calls, marks };
}

function chartjsLine({ calls }) {
  const chart = window.bench.chart;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    // A full update: decimation from the original data, scales, then draw.
    chart.update('none');
    chart.ctx.getImageData(0, 0, 1, 1);
  }
  const ds = chart.data.datasets[0];
  return { ms: (performance.now() - start) / calls, points: ds._decimated ? ds._decimated.length : ds.data.length };
}

async function measureLines(browser) {
  const module = encodeURIComponent(BENCH_MODULE);
  const ours = await open(browser, `bench/ours-line.html?module=${module}`);
  await ours.go();
  await waitFor(ours, () => window.bench !== undefined);
  const chartjs = await open(browser, `bench/chartjs-line.html?module=${module}`);
  await chartjs.go();
  await waitFor(chartjs, () => window.bench !== undefined);
  const out = { ours: {}, ours_marks: {}, chartjs: {}, chartjs_points: {} };
  for (const n of LINE_SIZES) {
    // The first call makes the series (cached by the wasm); repeat() warms up on it.
    const o = await repeat(() => ours.page.evaluate(oursLine, { n, calls: LINE_BATCH, width: LINE_WIDTH, dpr: LINE_DPR }));
    out.ours[n] = median(o.map((r) => r.ms));
    out.ours_marks[n] = o[0].marks;
    await chartjs.page.evaluate((n) => { window.bench.make(n); }, n);
    const c = await repeat(() => chartjs.page.evaluate(chartjsLine, { calls: LINE_BATCH }));
    out.chartjs[n] = median(c.map((r) => r.ms));
    out.chartjs_points[n] = c[0].points;
  }
  ours.check();
  chartjs.check();
  await ours.context.close();
  await chartjs.context.close();
  return out;
}

// --- Report ---

function cpuModel() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const line = info.split('\n').find((l) => /^(model name|Hardware|Processor)\s*:/.test(l));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: fall through to what Node knows.
  }
  return os.cpus()[0]?.model || 'unknown';
}

const kib = (b) => (b == null ? '—' : `${(b / 1024).toFixed(1)} KiB`);
const mib = (b) => (b == null ? '—' : `${(b / 1048576).toFixed(2)} MiB`);
const delta = (a, b) => {
  if (a == null || b == null) return '—';
  const d = Math.abs(b - a);
  return `${b >= a ? '+' : '−'}${d < 1024 ? `${d} B` : kib(d)}`;
};
const ms = (v) => (v == null ? '—' : v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`);
const us = (v) => (v == null ? '—' : v >= 10 ? `${v.toFixed(1)} µs` : `${v.toFixed(2)} µs`);
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${(a / b).toFixed(2)}×`);

function printTable(r) {
  const o = r.ours;
  const c = r.chartjs;
  const rows = [
    ['embed: bytes transferred, raw', kib(o.embed.raw_bytes), kib(c.embed.raw_bytes), ratio(o.embed.raw_bytes, c.embed.raw_bytes)],
    ['embed: bytes transferred, gzip -9', kib(o.embed.gzip_bytes), kib(c.embed.gzip_bytes), ratio(o.embed.gzip_bytes, c.embed.gzip_bytes)],
    ['embed: navigation → last file arrived', ms(o.last_byte_ms), ms(c.last_byte_ms), ratio(o.last_byte_ms, c.last_byte_ms)],
    ['embed: navigation → chart visible (first paint with it)', ms(o.visible_ms), ms(c.visible_ms), ratio(o.visible_ms, c.visible_ms)],
    ['a blank page: navigation → first paint (the floor)', ms(r.blank_first_paint_ms), '—', ratio(r.blank_first_paint_ms, c.visible_ms)],
    ['embed: navigation → interactive', ms(o.first_ready_ms), ms(c.created_ms), ratio(o.first_ready_ms, c.created_ms)],
    ['  style sheet inline (not under our CSP): visible', ms(r.inlined.visible_ms), '—', ratio(r.inlined.visible_ms, c.visible_ms)],
    ['  style sheet inline (not under our CSP): interactive', ms(r.inlined.first_ready_ms), '—', ratio(r.inlined.first_ready_ms, c.created_ms)],
    ['embed: cumulative layout shift', o.cls.toFixed(3), c.cls.toFixed(3), '—'],
    ['dashboard: navigation → first chart ready', ms(o.dashboard_first_ready_ms), '—', '—'],
    ['dashboard: navigation → every chart ready (all in view)', ms(o.dashboard_all_ready_ms), '—', '—'],
    ['redraw after a width change, per call', ms(o.redraw_ms), ms(c.redraw_ms), ratio(o.redraw_ms, c.redraw_ms)],
    ['hover: hit-test, per call', us(o.hover_us), us(c.hover_us), ratio(o.hover_us, c.hover_us)],
    ['hover: from a pointer event, per call', us(o.hover_with_position_us), us(c.hover_us), ratio(o.hover_with_position_us, c.hover_us)],
    ['wasm memory after 100 redraws', mib(o.wasm_memory_after_100), '—', '—'],
    ['wasm memory after 10,000 redraws', mib(o.wasm_memory_after_10000), '—', '—'],
    ['wasm memory growth, redraw 100 → 10,000', `${delta(o.wasm_memory_after_100, o.wasm_memory_after_10000)}, ${o.wasm_memory_grew_runs}/${r.runs} runs`, '—', '—'],
    ['JS heap after 100 redraws (after GC)', mib(o.js_heap_after_100), mib(c.js_heap_after_100), ratio(o.js_heap_after_100, c.js_heap_after_100)],
    ['JS heap after 10,000 redraws (after GC)', mib(o.js_heap_after_10000), mib(c.js_heap_after_10000), ratio(o.js_heap_after_10000, c.js_heap_after_10000)],
    // No ratio: a ratio of two growths (one may be negative) says nothing.
    ['JS heap growth, redraw 100 → 10,000', delta(o.js_heap_after_100, o.js_heap_after_10000), delta(c.js_heap_after_100, c.js_heap_after_10000), '—'],
    ...LINE_SIZES.map((n) => [`line chart, ${n.toLocaleString('en')} points, per draw`, ms(o.line_ms[n]), ms(c.line_ms[n]), ratio(o.line_ms[n], c.line_ms[n])]),
  ];
  const head = ['metric', 'ours', `Chart.js ${c.version}`, 'ours/Chart.js'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  // A Markdown table, so that it can be pasted into the README as it is.
  const line = (cells) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log('');
  console.log(`cargo xtask bench — ${r.date}, ${r.machine.arch}, ${r.machine.cpu} (${r.machine.cores} cores), Chromium ${r.chromium}`);
  console.log(`medians of ${r.runs} runs; ${CONTEXT.viewport.width}×${CONTEXT.viewport.height} viewport at devicePixelRatio ${CONTEXT.deviceScaleFactor}`);
  console.log('');
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const [who, embed] of [['ours', o.embed], ['Chart.js', c.embed]]) {
    console.log(`${who} embed files: ${embed.files.map((f) => `${f.file} ${kib(f.raw)} (${kib(f.gzip)} gz)`).join(', ')}`);
  }
  const marks = LINE_SIZES.map((n) => `${n.toLocaleString('en')}: ${o.line_marks[n]} / ${c.line_points[n]}`).join(', ');
  console.log(`line marks drawn, ours (vertices, or spans once the data outgrows the pixels) / Chart.js (points after decimation): ${marks}`);
  console.log('');
  console.log(`How: each figure is the median of ${r.runs} runs (after a discarded warm-up). Loads use a fresh browser`);
  console.log('context (cold cache) per run. "Visible": the first contentful paint that shows the chart, for both: ours');
  console.log('paints the core\'s drawing (inline SVG) with the page, before any script; Chart.js\'s page stays invisible');
  console.log('until `new Chart` has drawn, so its first contentful paint is its chart\'s. A blank page\'s first paint');
  console.log('is the floor for any page. "Interactive": ours, the figure\'s data-state turning "ready" (set right after');
  console.log('its canvas is drawn, with hover and keyboard wired); Chart.js, `new Chart` returning (drawn, listeners on).');
  console.log('"Style sheet inline": our embed page with page.css pasted in as <style>, which the strict CSP we promise');
  console.log('(style-src \'self\') forbids: not shipped, measured to show what the style sheet\'s request costs. Layout shift: the sum');
  console.log('of the page\'s layout-shift entries until then (ours is tested at 375 and 1280 px). Redraws and');
  console.log('line draws end with a 1-pixel getImageData so that rasterising is counted. Hover, Chart.js:');
  console.log('getElementsAtEventForMode(MouseEvent, "nearest", {intersect: true}), which includes locating the event');
  console.log('on the canvas; ours: hit(x, y) alone, and with getBoundingClientRect as mount.js does per pointer event.');
  console.log('Line charts: ours bench_line() (min/max per device-pixel column from all n values, every call);');
  console.log('Chart.js chart.update("none") with min-max decimation. Memory: fresh page per run, both libraries');
  console.log('measured at once. Bytes: response bodies of HTML, JS, wasm and CSS (no favicon, no headers), gzip -9.');
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      // The flags every test launches with (defined once), plus the bench's own:
      ...JSON.parse(readFileSync(new URL('../chromium-flags.json', import.meta.url), 'utf8')).args,
      // performance.memory with real numbers, and gc() to read the heap after collection.
      '--enable-precise-memory-info', '--js-flags=--expose-gc',
    ],
  });
  try {
    const started = Date.now();
    const step = async (name, fn) => {
      const t = Date.now();
      const result = await fn();
      console.log(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      return result;
    };
    const loads = await step('loads', () => measureLoads(browser));
    const ours = await step('ours: redraw, hover', () => measureOurs(browser));
    const chartjs = await step('Chart.js: redraw, hover', () => measureChartjs(browser));
    const lines = await step('line charts', () => measureLines(browser));
    const memory = await step(`memory (${RUNS} × ${MEMORY_REDRAWS.toLocaleString('en')} redraws each)`, () => measureMemory(browser));
    const om = memory.ours;
    const cm = memory.chartjs;
    const result = {
      date: new Date().toISOString(),
      machine: { arch: typeof os.machine === 'function' ? os.machine() : os.arch(), cpu: cpuModel(), cores: os.cpus().length, os: `${os.type()} ${os.release()}` },
      chromium: browser.version(),
      node: process.version,
      runs: RUNS,
      seconds: (Date.now() - started) / 1000,
      blank_first_paint_ms: loads.blank.first_paint_ms,
      inlined: loads.inlined,
      ours: {
        embed: loads.ours.embed,
        first_ready_ms: loads.ours.first_ready_ms,
        visible_ms: loads.ours.visible_ms,
        cls: loads.ours.cls,
        dashboard_first_ready_ms: loads.dashboard.first_ready_ms,
        dashboard_all_ready_ms: loads.dashboard.all_ready_ms,
        redraw_ms: ours.redraw_ms,
        hover_us: ours.hover_us,
        hover_with_position_us: ours.hover_with_position_us,
        wasm_memory_before: om.wasm_before,
        wasm_memory_after_100: om.wasm_after_100,
        wasm_memory_after_10000: om.wasm_after_10000,
        wasm_memory_grew_runs: om.wasm_grew_runs,
        memory_grew: om.wasm_after_10000 > om.wasm_after_100,
        js_heap_after_100: om.heap_after_100,
        js_heap_after_10000: om.heap_after_10000,
        js_heap_grew_runs: om.heap_grew_runs,
        last_byte_ms: loads.ours.last_byte_ms,
        line_ms: lines.ours,
        line_marks: lines.ours_marks,
      },
      chartjs: {
        version: chartjs.version,
        embed: loads.chartjs.embed,
        created_ms: loads.chartjs.created_ms,
        first_painted_ms: loads.chartjs.first_painted_ms,
        visible_ms: loads.chartjs.visible_ms,
        cls: loads.chartjs.cls,
        redraw_ms: chartjs.redraw_ms,
        hover_us: chartjs.hover_us,
        js_heap_before: cm.heap_before,
        js_heap_after_100: cm.heap_after_100,
        js_heap_after_10000: cm.heap_after_10000,
        js_heap_grew_runs: cm.heap_grew_runs,
        memory_grew: cm.heap_after_100 == null ? null : cm.heap_after_10000 > cm.heap_after_100,
        last_byte_ms: loads.chartjs.last_byte_ms,
        line_ms: lines.chartjs,
        line_points: lines.chartjs_points,
      },
    };
    printTable(result);
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`bench failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
