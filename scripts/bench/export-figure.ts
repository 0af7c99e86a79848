// export.onnxMs / export.onnxBytes (and export.tfliteMs / export.tfliteBytes): converting the studio's
// standalone model (backbone + pooling + the default head) to model.onnx (model.tflite), the studio's own code in Node (the browser runs the same code in
// its worker). The default backbone gives the figure; the other built-in layers backbone rides along.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { loadBackbone } from '../../src/core/backbones/load';
import { dirModelFiles } from '../../src/core/backbones/node-files';
import { DEFAULT_BACKBONE_ID, getBackboneSpec } from '../../src/core/backbones/registry';
import { exportFilesReport } from '../../src/core/export/export-files';
import { buildHead } from '../../src/core/train/head';
import { DEFAULT_SETTINGS } from '../../src/core/train/settings';
import { median, round } from './stats';

async function onnxFigure(modelsDir: string, id: string, runs: number) {
  const spec = getBackboneSpec(id);
  const { backbone } = await loadBackbone(spec, [
    { source: 'local', files: dirModelFiles(join(modelsDir, dirname(spec.localPath))) },
  ]);
  const head = buildHead(spec.featureSize, 10, DEFAULT_SETTINGS.hiddenUnits, DEFAULT_SETTINGS.dropout, 1);
  const ms: number[] = [];
  const liteMs: number[] = [];
  let bytes = 0;
  let liteBytes = 0;
  try {
    // run 0 warms up (first-call costs of the code paths); the rest are timed
    for (let r = 0; r <= runs; r++) {
      const { onnx, tflite } = await exportFilesReport({
        backbone,
        head,
        classes: Array.from({ length: 10 }, (_, i) => `class_${i}`),
        settings: DEFAULT_SETTINGS,
      });
      if (!onnx || 'refused' in onnx)
        throw new Error(`no model.onnx for ${id}: ${onnx ? onnx.refused : 'no standalone model'}`);
      if (!tflite || 'refused' in tflite)
        throw new Error(`no model.tflite for ${id}: ${tflite ? tflite.refused : 'no standalone model'}`);
      if (r > 0) ms.push(onnx.ms);
      if (r > 0) liteMs.push(tflite.ms);
      bytes = onnx.bytes;
      liteBytes = tflite.bytes;
    }
  } finally {
    head.dispose();
    backbone.dispose();
  }
  return { onnxMs: round(median(ms), 1), onnxBytes: bytes, tfliteMs: round(median(liteMs), 1), tfliteBytes: liteBytes };
}

export async function exportFigure(modelsDir: string, runs: number) {
  await tf.setBackend('wasm');
  await tf.ready();
  const main = await onnxFigure(modelsDir, DEFAULT_BACKBONE_ID, runs);
  const v2 = await onnxFigure(modelsDir, 'mobilenet-v2-0.35', runs);
  return {
    ...main,
    backbone: DEFAULT_BACKBONE_ID,
    head: `${DEFAULT_SETTINGS.hiddenUnits} hidden units, 10 classes`,
    runs,
    engine: `node ${process.version}`,
    'mobilenet-v2-0.35': v2,
  };
}
