// Command line and the two sizes of a run. The full plan is sized to finish in about 10 minutes
// on a 2-core machine with software WebGL/WebGPU; --quick only proves that everything runs and
// the JSON has its keys (its figures are too noisy to quote).
import { resolve } from 'node:path';

import { BACKENDS, FULL, QUICK, type Plan } from './plan';

export { BACKENDS, type Plan };

export const PHASES = ['machine', 'extraction', 'depths', 'backends', 'ui', 'throttled', 'webcam', 'node'] as const;

export interface Options {
  json: string | null;
  /** only these phases (a partial run; the JSON keeps every key, the skipped ones empty) */
  only: string[] | null;
  /** CPU-bound processes to run beside the benchmark, each in its own session (busy.ts); 0: none */
  busy: number;
  plan: Plan;
  root: string;
  modelsDir: string;
  datasetsDir: string;
  chromium: string;
  outDir: string;
}

export const USAGE = `npm run bench -- [--json <file>] [--quick] [--backends webgpu,webgl,wasm,cpu] [--only phases] [--busy n]
  --json <file>  also write the figures as JSON
  --quick        tiny inputs, one run each (checks that the benchmark works; figures not quotable)
  --backends     which browser backends get per-backend figures (default: all; --quick: wasm,cpu)
  --only         a partial run of these phases: ${PHASES.join(',')} (for work on one figure)
  --busy <n>     n CPU-bound processes beside the benchmark, each in its own session, as n other
                 applications would load the machine (figures for a busy machine, on demand)
env: CHROMIUM_PATH (default /usr/bin/chromium), STUDIO_MODELS_DIR, STUDIO_DATASETS_DIR, BENCH_OUT_DIR (default dist-bench)`;

export function parseOptions(argv: string[], root: string): Options {
  let json: string | null = null;
  let quick = false;
  let backends: string[] | null = null;
  let only: string[] | null = null;
  let busy = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = argv[++i] ?? fail('--json needs a file name');
    else if (a === '--quick') quick = true;
    else if (a === '--backends') backends = (argv[++i] ?? fail('--backends needs a list')).split(',').filter(Boolean);
    else if (a === '--only') only = (argv[++i] ?? fail('--only needs a list')).split(',').filter(Boolean);
    else if (a === '--busy') busy = count(argv[++i]);
    else if (a === '--help' || a === '-h') fail('');
    else fail(`unknown argument "${a}"`);
  }
  for (const p of only ?? []) if (!(PHASES as readonly string[]).includes(p)) fail(`unknown phase "${p}"`);
  for (const b of backends ?? []) if (!(BACKENDS as readonly string[]).includes(b)) fail(`unknown backend "${b}"`);
  const base = quick ? QUICK : FULL;
  const plan: Plan = {
    quick,
    ...base,
    perBackend: { ...base.perBackend, backends: backends ?? base.perBackend.backends },
  };
  return {
    json: json && resolve(json),
    only,
    busy,
    plan,
    root,
    modelsDir: resolve(root, process.env.STUDIO_MODELS_DIR ?? '../shared/models'),
    datasetsDir: resolve(root, process.env.STUDIO_DATASETS_DIR ?? '../shared/datasets'),
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    outDir: process.env.BENCH_OUT_DIR ?? 'dist-bench',
  };
}

function count(text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) fail('--busy needs a number of processes from 1 to 64');
  return n;
}

function fail(message: string): never {
  process.stderr.write(`${message ? `${message}\n` : ''}${USAGE}\n`);
  process.exit(message ? 2 : 0);
}
