#!/usr/bin/env node
// `npm run lint`: ESLint (code, and direct imports across layers), dependency-cruiser (the layer
// rules through other modules, and import cycles: .dependency-cruiser.cjs) and Prettier's check
// (one format, so diffs show changes rather than restyling), side by side since none waits for
// the others. Both cache their work under node_modules/.cache. Exits non-zero if
// either finds anything.
import { spawn } from 'node:child_process';

const run = (what, cmd, args) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: 'inherit', env: process.env });
    child.on('close', (code) => {
      console.log(
        `${what}: ${code === 0 ? 'clean' : 'problems found'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
      resolve(code === 0);
    });
    child.on('error', () => resolve(false));
  });

const results = await Promise.all([
  run('eslint', 'npx', [
    'eslint',
    '.',
    '--max-warnings=0',
    '--cache',
    '--cache-location',
    'node_modules/.cache/eslint/',
  ]),
  run('dependency-cruiser', 'npx', [
    'depcruise',
    'src',
    'scripts',
    '--cache',
    'node_modules/.cache/dependency-cruiser',
    '--output-type',
    'err',
  ]),
  run('prettier', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']),
]);
process.exit(results.every(Boolean) ? 0 : 1);
