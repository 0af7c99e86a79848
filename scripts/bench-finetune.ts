// One fine-tuning epoch of MobileNet v1 α0.25 with the last 2 blocks unfrozen:
//  1. boundary-cached (suffix + head only) vs re-running the frozen prefix every step, on wasm
//     with the fast ops, same batch;
//  2. fast primitive ops vs the plain tfjs layers, on cpu (wasm cannot differentiate convs).
// Synthetic images (the speed does not depend on the pixels). Prints JSON. The step itself lives
// in scripts/bench/finetune.ts, shared with `npm run bench`. Usage:
//   npx tsx scripts/bench-finetune.ts [images=256] [batch=32] [cpuImages=32]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { fineTuneEpochSeconds, fineTuneInputs } from './bench/finetune';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const models = resolve(root, process.env.STUDIO_MODELS_DIR ?? '../shared/models');
const [images, batch, cpuImages] = [256, 32, 32].map((d, i) => Number(process.argv[2 + i] ?? d));
const spec = getBackboneSpec('mobilenet-v1-0.25');

async function load(): Promise<Backbone> {
  return (await loadBackbone(spec, [{ source: 'local', files: dirModelFiles(join(models, dirname(spec.localPath))) }]))
    .backbone;
}

async function main() {
  await tf.setBackend('wasm');
  let backbone = await load();
  const wasmInputs = fineTuneInputs(backbone, batch);
  const { boundary, shape } = wasmInputs;
  const wasmCached = await fineTuneEpochSeconds(backbone, images, batch, 'fast', wasmInputs.cached);
  const wasmPrefix = await fineTuneEpochSeconds(backbone, images, batch, 'fast', wasmInputs.prefixEveryStep);
  wasmInputs.dispose();
  backbone.dispose();

  await tf.setBackend('cpu');
  backbone = await load();
  const cpuInputs = fineTuneInputs(backbone, batch);
  const cpuFast = await fineTuneEpochSeconds(backbone, cpuImages, batch, 'fast', cpuInputs.cached);
  const cpuLayers = await fineTuneEpochSeconds(backbone, cpuImages, batch, 'layers', cpuInputs.cached);
  cpuInputs.dispose();
  backbone.dispose();

  const result = {
    backbone: spec.id,
    unfreeze: 2,
    boundary,
    boundaryShape: shape,
    batch,
    cachedVsPrefix: {
      backend: 'wasm',
      images,
      secondsCached: +wasmCached.toFixed(2),
      secondsPrefixEveryStep: +wasmPrefix.toFixed(2),
      ratio: +(wasmPrefix / wasmCached).toFixed(2),
    },
    fastVsLayers: {
      backend: 'cpu',
      images: cpuImages,
      secondsFastOps: +cpuFast.toFixed(2),
      secondsTfjsLayers: +cpuLayers.toFixed(2),
      ratio: +(cpuLayers / cpuFast).toFixed(2),
      // per-image epoch time of the layers path on cpu vs the fast path on wasm (what a CPU user gets)
      wasmFastVsCpuLayersPerImage: +(cpuLayers / cpuImages / (wasmCached / images)).toFixed(1),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

void main();
