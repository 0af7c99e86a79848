// One fine-tuning epoch of MobileNet v1 α0.25 with the last 2 blocks unfrozen:
//  1. boundary-cached (suffix + head only) vs re-running the frozen prefix every step, on wasm
//     with the fast ops, same batch;
//  2. fast primitive ops vs the plain tfjs layers, on cpu (wasm cannot differentiate convs).
// Synthetic images (the speed does not depend on the pixels). Prints JSON. Usage:
//   npx tsx scripts/bench-finetune.ts [images=256] [batch=32] [cpuImages=32]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { backboneBlocks, boundaryForUnfreeze } from '../src/core/finetune/blocks';
import { buildSuffix, prefixModel, type SuffixImpl } from '../src/core/finetune/suffix';
import { buildHead } from '../src/core/train/head';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const models = resolve(root, process.env.STUDIO_MODELS_DIR ?? '../shared/models');
const [images, batch, cpuImages] = [256, 32, 32].map((d, i) => Number(process.argv[2 + i] ?? d));
const spec = getBackboneSpec('mobilenet-v1-0.25');

async function load(): Promise<Backbone> {
  return (await loadBackbone(spec, [{ source: 'local', files: dirModelFiles(join(models, dirname(spec.localPath))) }])).backbone;
}

/** Seconds for one epoch over `n` images; `input(b, from)` gives a batch's boundary activations. */
async function epoch(backbone: Backbone, n: number, impl: SuffixImpl, input: (size: number) => tf.Tensor4D): Promise<number> {
  const boundary = boundaryForUnfreeze(backboneBlocks(backbone), 2);
  const suffix = buildSuffix(backbone, boundary);
  const head = buildHead(spec.featureSize, 10, 128, 0, 1);
  const headVars = head.model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const vars = [...headVars, ...(impl === 'fast' ? suffix.variables : suffix.layerVariables)];
  const opt = tf.train.adam(1e-4);
  const step = async (size: number) => {
    const loss = tf.tidy(() => {
      const x = input(size);
      const y = tf.oneHot(tf.zeros([size], 'int32') as tf.Tensor1D, 10);
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, head.logits(suffix.apply(x, impl).mean([1, 2]) as tf.Tensor2D)) as tf.Scalar,
        vars,
      );
      opt.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] })));
      return value;
    });
    await loss.data();
    loss.dispose();
  };
  await step(Math.min(batch, n)); // warm-up: first-call allocations
  const t = performance.now();
  for (let done = 0; done < n; done += batch) await step(Math.min(batch, n - done));
  const seconds = (performance.now() - t) / 1000;
  opt.dispose();
  head.dispose();
  suffix.dispose();
  return seconds;
}

async function main() {
  await tf.setBackend('wasm');
  let backbone = await load();
  const boundary = boundaryForUnfreeze(backboneBlocks(backbone), 2);
  const prefix = prefixModel(backbone, boundary)!;
  const shape = prefix.outputs[0].shape.slice(1) as number[];
  const cached = tf.randomUniform([batch, ...shape], 0, 6) as tf.Tensor4D;
  const image = tf.randomUniform([batch, spec.inputSize, spec.inputSize, 3], -1, 1) as tf.Tensor4D;
  const wasmCached = await epoch(backbone, images, 'fast', (size) => cached.slice(0, size));
  const wasmPrefix = await epoch(backbone, images, 'fast', (size) => prefix.predict(image.slice(0, size)) as tf.Tensor4D);
  tf.dispose([cached, image]);
  backbone.dispose();

  await tf.setBackend('cpu');
  backbone = await load();
  const cpuCachedInput = tf.randomUniform([batch, ...shape], 0, 6) as tf.Tensor4D;
  const cpuFast = await epoch(backbone, cpuImages, 'fast', (size) => cpuCachedInput.slice(0, size));
  const cpuLayers = await epoch(backbone, cpuImages, 'layers', (size) => cpuCachedInput.slice(0, size));
  cpuCachedInput.dispose();
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
      wasmFastVsCpuLayersPerImage: +((cpuLayers / cpuImages) / (wasmCached / images)).toFixed(1),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

void main();
