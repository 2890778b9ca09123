// Size budget on the built bytes (deterministic, so a test, not a benchmark):
// the wasm and its JS glue that one embedded chart downloads, gzipped at -9
// as a static host pre-compresses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.env.PK_DIST;
// Issue 6 set 60,000 B. The default wasm carries the dataset's numbers,
// labels and chart declarations but not its quotes, notes or addresses, which
// the build writes into each chart's HTML (build.rs `prose`).
// Raised to 65,000 B with Urdu (issue 14): the locale, mirrored layout, word
// lookups and digit forms cost ~8.3 KB gzipped (measured 64,757 B). It carries
// no Urdu words: pages hand each chart its own (data-words). Issue 10's 45 KB
// target is not met; see README "Sizes and speeds".
const BUDGET = 65_000; // bytes, wasm + glue, gzipped

function pkgFile(re) {
  const dir = join(dist, 'pkg');
  const name = readdirSync(dir).find((f) => re.test(f));
  assert.ok(name, `no file matching ${re} in ${dir}`);
  return readFileSync(join(dir, name));
}

test('wasm + JS glue for one chart is within the gzipped budget', () => {
  assert.ok(dist, 'PK_DIST must name the built site (cargo xtask test sets it)');
  const wasm = gzipSync(pkgFile(/^pk_charts_bg(\.[0-9a-f]+)?\.wasm$/), { level: 9 }).length;
  const glue = gzipSync(pkgFile(/^pk_charts(\.[0-9a-f]+)?\.js$/), { level: 9 }).length;
  console.log(`wasm ${wasm} B + glue ${glue} B = ${wasm + glue} B gzipped (budget ${BUDGET} B)`);
  assert.ok(wasm > 10_000, 'the wasm is suspiciously small: is it the real build?');
  assert.ok(wasm + glue <= BUDGET, `${wasm + glue} B gzipped exceeds the ${BUDGET} B budget`);
});

// A newsroom's own data needs the loaders (CSV, JSON), the validator and the
// HTML writer: a second wasm that only pages with user data download.
// Raised to 186,000 B with Urdu (issue 14: UI translations and locale code,
// measured 184,300 B).
const USER_BUDGET = 186_000;

test('the user-data wasm + glue is within its own budget, and the default one does not carry its loaders', () => {
  const wasm = gzipSync(pkgFile(/^pk_charts_user_bg(\.[0-9a-f]+)?\.wasm$/), { level: 9 }).length;
  const glue = gzipSync(pkgFile(/^pk_charts_user(\.[0-9a-f]+)?\.js$/), { level: 9 }).length;
  console.log(`user-data wasm ${wasm} B + glue ${glue} B = ${wasm + glue} B gzipped (budget ${USER_BUDGET} B)`);
  assert.ok(wasm + glue <= USER_BUDGET, `${wasm + glue} B gzipped exceeds the ${USER_BUDGET} B budget`);
  const main = pkgFile(/^pk_charts_bg(\.[0-9a-f]+)?\.wasm$/).toString('latin1');
  assert.ok(!main.includes('from_csv') && !main.includes('the required column'), 'the default wasm carries no CSV loader');
});
