import * as ort from 'onnxruntime-web';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { strFromU8 } from 'fflate';
import type { GoldenJson } from '../src/core/export/golden';

// onnxruntime-web's wasm build, in Node: the real runtime, no native install step
ort.env.wasm.numThreads = 1;

/** Runs model.onnx in onnxruntime on [n, h, w, 3] float inputs; returns the rows of its one output. */
export async function runOnnx(bytes: Uint8Array, x: Float32Array, shape: number[]): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, shape) });
    const t = out[session.outputNames[0]];
    const [n, k] = t.dims as number[];
    const data = t.data as Float32Array;
    return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * k, (i + 1) * k)));
  } finally {
    await session.release();
  }
}

/** Largest absolute difference between model.onnx in onnxruntime and golden.json's probabilities. */
export async function onnxGoldenDifference(files: Record<string, Uint8Array>): Promise<number> {
  const golden = JSON.parse(strFromU8(files['golden.json'])) as GoldenJson;
  const { multiply, add, shape } = golden.inputs;
  const x = Float32Array.from(files[golden.inputs.file], (b) => b * multiply + add);
  const rows = await runOnnx(files['model.onnx'], x, shape);
  let max = 0;
  rows.forEach((row, i) =>
    row.forEach((v, j) => (max = Math.max(max, Math.abs(v - golden.samples[i].probabilities[j])))),
  );
  expectRows(rows.length, golden.samples.length);
  return max;
}

function expectRows(got: number, want: number) {
  if (got !== want) throw new Error(`onnxruntime gave ${got} rows for ${want} golden samples`);
}

/** A python3 that has Debian's python3-onnx (the PATH one may be another Python without it). */
export function onnxPython(): string {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (py.startsWith('/') && !existsSync(py)) continue;
    try {
      execFileSync(py, ['-c', 'import onnx'], { stdio: 'ignore' });
      return py;
    } catch {
      // try the next
    }
  }
  throw new Error('no python3 with the onnx package: apt-get install python3-onnx (.ci/run does it)');
}

/** onnx.checker.check_model(full_check=True) on each file; returns what the checker printed. */
export function onnxChecker(paths: string[]): string {
  const script =
    'import sys, onnx\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\n    print("ok", p)';
  return execFileSync(onnxPython(), ['-c', script, ...paths], { encoding: 'utf8' });
}
