// Regenerates src/core/export/onnx/onnx-pb.js from onnx.proto beside it (copied verbatim from
// Debian's python3-onnx 1.12, Apache-2.0) with protobufjs-cli's static code generator. Static code,
// not protobufjs' reflection: reflection builds its encoders with new Function, which the studio's
// Content-Security-Policy (no 'unsafe-eval') forbids. tests/onnx-export.test.ts fails when they drift.
import { pbjs } from 'protobufjs-cli';
import { fileURLToPath } from 'node:url';

export const ONNX_DIR = fileURLToPath(new URL('../src/core/export/onnx/', import.meta.url));
export const PBJS_ARGS = [
  '-t',
  'static-module',
  '-w',
  'es6',
  '--es6',
  '--keep-case',
  '--force-number',
  '--no-comments',
  '--no-create',
  '--no-convert',
  '--no-delimited',
  '--no-typeurl',
  '--no-service',
  '--no-beautify',
];

/** Writes the generated module to `out`. */
export function generate(out: string): Promise<void> {
  return new Promise((done, fail) =>
    pbjs.main([...PBJS_ARGS, '-o', out, `${ONNX_DIR}onnx.proto`], (err) => (err ? fail(err) : done())),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generate(`${ONNX_DIR}onnx-pb.js`);
