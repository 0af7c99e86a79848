#!/usr/bin/env node
// Runs the unit suite (vitest) and the e2e suite (Playwright against the production build),
// then prints one plain "N passed, N failed" line for CI. Exits non-zero if anything failed
// or a runner broke before reporting.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNHANDLED_JSON } from './unhandled-errors-reporter.mjs';

const VITEST_JSON = '.vitest-results.json';
const PLAYWRIGHT_JSON = '.playwright-results.json';
const UNHANDLED_REPORTER = './scripts/unhandled-errors-reporter.mjs';

const indent = (text) =>
  String(text)
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Runs a command to its end; its output goes to the terminal, or to `logFile` when given. Resolves to the exit code. */
function run(cmd, args, logFile) {
  return new Promise((resolve) => {
    const fd = logFile ? openSync(logFile, 'w') : null;
    const child = spawn(cmd, args, { stdio: fd === null ? 'inherit' : ['ignore', fd, fd], env: process.env });
    const done = (code) => {
      if (fd !== null) closeSync(fd);
      resolve(code ?? 1);
    };
    child.on('close', done);
    child.on('error', () => done(1));
  });
}

/** Runs a check with its output kept aside, then prints that output whole (so parallel checks do not interleave). */
async function check(what, cmd, args) {
  const started = Date.now();
  const log = join(logDir, `${what.replace(/\W+/g, '-')}.log`);
  const code = await run(cmd, args, log);
  const out = readFileSync(log, 'utf8').trim();
  console.log(`--- ${what}: ${code === 0 ? 'clean' : 'FAILED'} (${seconds(started)})${out ? `\n${out}` : ''}`);
  return code === 0;
}

const logDir = mkdtempSync(join(tmpdir(), 'studio-checks-'));

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

rmSync(VITEST_JSON, { force: true });
rmSync(PLAYWRIGHT_JSON, { force: true });
rmSync(UNHANDLED_JSON, { force: true });

let passed = 0;
let failed = 0;

// Types (the app and the benchmark in one program, tsconfig.all.json: vitest and Vite strip types
// without checking them, so a broken call would otherwise reach main unnoticed) and lint (ESLint and
// the layer rules on the import graph, scripts/lint.mjs) run beside the unit tests: each is mostly one
// thread, and the unit run leaves a core idle while its longest files finish. Each counts as one check.
const typeProjects = [['type check: app, engine, tests, e2e and benchmark', 'tsconfig.all.json']];
const staticChecks = (async () => {
  // one after another: a compiler and the linters at once beside two unit workers would only queue for the cores
  const results = [];
  for (const [what, project] of typeProjects)
    results.push({ what, ok: await check(what, 'npx', ['tsc', '-p', project, '--noEmit']) });
  results.push({ what: 'lint', ok: await check('lint', 'npm', ['run', '--silent', 'lint']) });
  return results;
})();
// The production build the e2e suite serves, made here beside the unit tests rather than after them
// on the e2e's own clock (playwright.config.ts skips its build when E2E_PREBUILT is set). Not a check
// of its own: if it fails, the e2e suite builds (and fails) by itself.
const prebuilt = staticChecks.then(() =>
  check('production build for the e2e suite', 'npx', ['vite', 'build', '--logLevel', 'warn']),
);

const unitStarted = Date.now();
const unitCode = await run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--reporter=${UNHANDLED_REPORTER}`,
  `--outputFile.json=${VITEST_JSON}`,
]);
console.log(`--- unit tests: ${seconds(unitStarted)}`);
const checks = await staticChecks;
for (const c of checks) {
  if (c.ok) passed++;
  else {
    failed++;
    console.error(`${c.what} failed`);
  }
}
const typeChecks = checks.slice(0, typeProjects.length);
const lintOk = checks[typeProjects.length].ok;
const unit = readJson(VITEST_JSON);
// a file that failed with no failed test in it (it did not load, a hook threw): one failure each. Its
// failed describe blocks (numFailedTestSuites) are not counted beside their failed tests: 4 failed
// tests in 3 files read "10 failed"
const brokenFiles = (unit?.testResults ?? []).filter(
  (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
const unitFailed = unit ? unit.numFailedTests + brokenFiles : 0;
if (unit) {
  passed += unit.numPassedTests;
  failed += unitFailed;
} else failed += 1;
// Why a run failed with no failed test: said again on the last lines, which a CI log's tail keeps
// when it cuts the runner's own account of it.
const runnerFaults = [];
if (unitCode !== 0 && unit && unitFailed === 0) {
  failed += 1;
  const unhandled = readJson(UNHANDLED_JSON)?.errors ?? [];
  runnerFaults.push(
    `unit: vitest exited ${unitCode} with every test passed` +
      (unhandled.length ? `; ${unhandled.length} error(s) thrown outside a test:` : ' (no unhandled error recorded)'),
    ...unhandled.map(
      (e) =>
        `  ${e.name}: ${e.message}${e.file ? `\n    while ${e.file}${e.test ? ` › ${e.test}` : ''} ran` : ''}\n${indent(e.stack)}`,
    ),
  );
}

// The export e2e runs @teachablemachine/image on its own tfjs 1.3.1, kept out of the app's dependencies.
if (!existsSync('e2e/tm-fixture/node_modules'))
  await run('npm', ['ci', '--prefix', 'e2e/tm-fixture', '--no-audit', '--no-fund']);
if (await prebuilt) process.env.E2E_PREBUILT = '1';
const e2eStarted = Date.now();
const e2eCode = await run('npx', ['playwright', 'test']);
console.log(`--- e2e: ${seconds(e2eStarted)}`);
const e2e = readJson(PLAYWRIGHT_JSON);
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
} else failed += 1;
if (e2eCode !== 0 && e2e && e2e.stats.unexpected === 0) {
  failed += 1;
  const errors = e2e.errors ?? [];
  runnerFaults.push(
    `e2e: Playwright exited ${e2eCode} with no test failed` +
      (errors.length ? `; ${errors.length} error(s) outside a test:` : ` (its report: ${JSON.stringify(e2e.stats)})`),
    ...errors.map((e) =>
      indent(
        String(e.message ?? e.stack ?? JSON.stringify(e))
          .split('\n')
          .slice(0, 8)
          .join('\n'),
      ),
    ),
  );
}

/** the e2e tests that failed and then passed on their retry, as "file › describe › title" */
function flakyTests(report) {
  const names = [];
  const walk = (suite, path) => {
    const here = [...path, suite.title];
    for (const spec of suite.specs ?? [])
      if ((spec.tests ?? []).some((t) => t.status === 'flaky')) names.push([...here, spec.title].join(' › '));
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return names;
}
const flaky = flakyTests(e2e);
if (flaky.length) console.log(`flaky (passed on their retry; fix them):\n${flaky.map((n) => `  ${n}`).join('\n')}`);

console.log(
  `types: ${typeChecks.filter((t) => t.ok).length} of ${typeChecks.length} clean; lint: ${lintOk ? 'clean' : 'failed'}; unit: ${unit ? `${unit.numPassedTests} passed, ${unitFailed} failed` : 'no report'}; e2e: ${e2e ? `${e2e.stats.expected + (e2e.stats.flaky ?? 0)} passed (${e2e.stats.flaky ?? 0} flaky), ${e2e.stats.unexpected} failed` : 'no report'}`,
);
if (runnerFaults.length) console.log(runnerFaults.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
rmSync(logDir, { recursive: true, force: true });
process.exit(failed === 0 && passed > 0 ? 0 : 1);
