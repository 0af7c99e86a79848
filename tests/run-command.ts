import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A TypeScript script of the repository run as a person runs it (tsx), with its exit code and output. */
export function runTsx(
  script: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  return new Promise((done, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [resolve(ROOT, script), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The CLI (`npx tsx src/cli/train.ts …`), without a models folder the test's environment names. */
export function runCli(args: string[]): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.STUDIO_MODELS_DIR;
  return runTsx('src/cli/train.ts', args, { env });
}
