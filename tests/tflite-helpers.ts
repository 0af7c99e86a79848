import { strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { ByteBuffer } from 'flatbuffers';
import type { GoldenJson } from '../src/core/export/golden';
import { BuiltinOperator, Model } from '../src/core/export/tflite/schema/tflite-subset_generated';

// LiteRT.js (@litertjs/core): Google's TFLite runtime compiled to wasm, run in Node. It is made for
// browsers and workers: it loads its emscripten script with importScripts, which Node lacks, so the
// script is evaluated in this context instead; the script itself then runs in its Node mode.
const WASM_DIR = fileURLToPath(new URL('../node_modules/@litertjs/core/wasm/', import.meta.url));
let loaded: Promise<typeof import('@litertjs/core')> | null = null;

function liteRt() {
  loaded ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    g.self ??= globalThis;
    g.require ??= createRequire(import.meta.url);
    g.__dirname ??= WASM_DIR;
    g.importScripts ??= (url: string) =>
      vm.runInThisContext(readFileSync(fileURLToPath(url), 'utf8'), { filename: url });
    const lite = await import('@litertjs/core');
    await lite.loadLiteRt(new URL(`file://${WASM_DIR}`).href);
    return lite;
  })();
  return loaded;
}

/** Runs model.tflite in the TFLite runtime on each [h, w, 3] image of x ([n, h, w, 3]); returns the output rows. */
export async function runTflite(bytes: Uint8Array, x: Float32Array, shape: number[]): Promise<number[][]> {
  const { loadAndCompile, Tensor } = await liteRt();
  const model = await loadAndCompile(bytes, { accelerator: 'wasm' });
  const [n, ...image] = shape;
  const size = image.reduce((a, b) => a * b, 1);
  const rows: number[][] = [];
  try {
    for (let i = 0; i < n; i++) {
      const input = new Tensor(x.slice(i * size, (i + 1) * size), [1, ...image]);
      const outputs = await model.run(input);
      rows.push(Array.from(outputs[0].toTypedArray() as Float32Array));
      input.delete();
      for (const o of outputs) o.delete();
    }
  } finally {
    model.delete();
  }
  return rows;
}

/** Largest absolute difference between model.tflite in the TFLite runtime and golden.json's probabilities. */
export async function tfliteGoldenDifference(files: Record<string, Uint8Array>): Promise<number> {
  const golden = JSON.parse(strFromU8(files['golden.json'])) as GoldenJson;
  const { multiply, add, shape } = golden.inputs;
  const x = Float32Array.from(files[golden.inputs.file], (b) => b * multiply + add);
  const rows = await runTflite(files['model.tflite'], x, shape);
  if (rows.length !== golden.samples.length)
    throw new Error(`the TFLite runtime gave ${rows.length} rows for ${golden.samples.length} golden samples`);
  let max = 0;
  rows.forEach((row, i) => {
    if (row.length !== golden.samples[i].probabilities.length)
      throw new Error(
        `model.tflite gave ${row.length} probabilities, golden.json has ${golden.samples[i].probabilities.length}`,
      );
    row.forEach((v, j) => (max = Math.max(max, Math.abs(v - golden.samples[i].probabilities[j]))));
  });
  return max;
}

/** The operators (by name, in order), the input and the metadata entries of a .tflite file, read back with the generated schema code. */
export function tfliteOps(bytes: Uint8Array) {
  const model = Model.getRootAsModel(new ByteBuffer(bytes));
  if (!Model.bufferHasIdentifier(new ByteBuffer(bytes))) throw new Error('not a TFL3 flatbuffer');
  const sg = model.subgraphs(0)!;
  const codes = Array.from(
    { length: model.operatorCodesLength() },
    (_, i) => BuiltinOperator[model.operatorCodes(i)!.builtinCode()],
  );
  const ops = Array.from({ length: sg.operatorsLength() }, (_, i) => codes[sg.operators(i)!.opcodeIndex()]);
  const t = sg.tensors(sg.inputs(0)!)!;
  const metadata: Record<string, string> = {};
  for (let i = 0; i < model.metadataLength(); i++) {
    const m = model.metadata(i)!;
    metadata[m.name()!] = strFromU8(model.buffers(m.buffer())!.dataArray()!);
  }
  return { ops, input: { name: t.name(), shape: Array.from(t.shapeArray()!) }, metadata };
}
