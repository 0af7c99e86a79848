import { expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onnxPython } from '../tests/onnx-helpers';

/** onnxruntime and LiteRT's stand-ins (Debian packages neither): python-shims/studio_shim.py */
const SHIMS = resolve(import.meta.dirname, 'python-shims');
const EXIT_FED = 3;

/** what the code fed the model: the file it opened, the input's name, the array */
export interface Fed {
  model: string;
  input: string;
  shape: number[];
  dtype: string;
  x: Float32Array;
}

/**
 * Runs Python code copied from Export in `dir` (the model's files beside it) on `photo`, saved as
 * its photo.jpg: once to learn what it feeds the model, then, with `run`'s answer to that (the real
 * runtime, in Node), to the end. Returns what it fed and what it printed.
 */
export async function runCopiedPython(
  code: string,
  dir: string,
  photo: string,
  run: (x: Float32Array, shape: number[]) => Promise<number[][]>,
): Promise<{ fed: Fed; printed: string }> {
  writeFileSync(join(dir, 'code.py'), code);
  copyFileSync(photo, join(dir, 'photo.jpg'));
  rmSync(join(dir, 'probabilities.json'), { force: true });
  // /usr/bin/python3: Debian's numpy and Pillow (python3-onnx, python3-pil; .ci/run installs them)
  const python = () =>
    spawnSync(onnxPython(), ['code.py'], {
      cwd: dir,
      // (no __pycache__ left in the repository's python-shims)
      env: { ...process.env, PYTHONPATH: SHIMS, STUDIO_SHIM_DIR: dir, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
    });
  const first = python();
  expect(first.status, first.stderr).toBe(EXIT_FED);
  const fed = JSON.parse(readFileSync(join(dir, 'fed.json'), 'utf8')) as Omit<Fed, 'x'>;
  const x = new Float32Array(Uint8Array.from(readFileSync(join(dir, 'x.bin'))).buffer);
  writeFileSync(join(dir, 'probabilities.json'), JSON.stringify(await run(x, fed.shape)));
  const second = python();
  expect(second.status, second.stderr).toBe(0);
  return { fed: { ...fed, x }, printed: second.stdout.trim() };
}
