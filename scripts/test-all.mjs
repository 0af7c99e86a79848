#!/usr/bin/env node
// Runs the unit suite (vitest) and the e2e suite (Playwright against the production build),
// then prints one plain "N passed, N failed" line for CI. Exits non-zero if anything failed
// or a runner broke before reporting.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const VITEST_JSON = '.vitest-results.json';
const PLAYWRIGHT_JSON = '.playwright-results.json';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

rmSync(VITEST_JSON, { force: true });
rmSync(PLAYWRIGHT_JSON, { force: true });

let passed = 0;
let failed = 0;

// Types first (the app and the benchmark, which has its own tsconfig): vitest and Vite strip types
// without checking them, so a broken call would otherwise reach main unnoticed. Each counts as one check.
const typeChecks = [
  ['app, engine, tests and e2e', 'tsconfig.json'],
  ['benchmark', 'scripts/bench/tsconfig.json'],
].map(([what, project]) => ({ what, ok: run('npx', ['tsc', '-p', project, '--noEmit']) === 0 }));
for (const t of typeChecks) {
  if (t.ok) passed++;
  else {
    failed++;
    console.error(`type check failed: ${t.what}`);
  }
}

// Lint (ESLint and the layer rules on the import graph, scripts/lint.mjs) counts as one check.
const lintOk = run('npm', ['run', '--silent', 'lint']) === 0;
if (lintOk) passed++;
else {
  failed++;
  console.error('lint failed');
}

const unitCode = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_JSON}`]);
const unit = readJson(VITEST_JSON);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numFailedTestSuites ?? 0);
} else failed += 1;
if (unitCode !== 0 && unit && unit.numFailedTests + (unit.numFailedTestSuites ?? 0) === 0) failed += 1;

// The export e2e runs @teachablemachine/image on its own tfjs 1.3.1, kept out of the app's dependencies.
if (!existsSync('e2e/tm-fixture/node_modules')) run('npm', ['ci', '--prefix', 'e2e/tm-fixture', '--no-audit', '--no-fund']);
const e2eCode = run('npx', ['playwright', 'test']);
const e2e = readJson(PLAYWRIGHT_JSON);
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
} else failed += 1;
if (e2eCode !== 0 && e2e && e2e.stats.unexpected === 0) failed += 1;

console.log(`types: ${typeChecks.filter((t) => t.ok).length} of ${typeChecks.length} clean; lint: ${lintOk ? 'clean' : 'failed'}; unit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'no report'}; e2e: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed` : 'no report'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
