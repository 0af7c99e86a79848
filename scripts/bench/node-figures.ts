// The figures that are Node's: the fine-tune epoch (scripts/bench-finetune.ts's measurement,
// repeated for a median) and the tensor-leak check over full train/evaluate/export cycles.
// Both run on tfjs' wasm backend in this process, with the real backbone from ../shared/models.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import type { Backbone } from '../../src/core/backbones/backbone';
import { loadBackbone } from '../../src/core/backbones/load';
import { dirModelFiles } from '../../src/core/backbones/node-files';
import { getBackboneSpec } from '../../src/core/backbones/registry';
import { readDatasetDir } from '../../src/core/data/dataset-dir';
import { decodeImageFile } from '../../src/core/data/decode-node';
import { cardFacts } from '../../src/core/export/model-card';
import { exportFiles } from '../../src/core/export/export-files';
import { FeatureCache } from '../../src/core/features/cache';
import { trainPipeline } from '../../src/core/pipeline';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import { fineTuneEpochSeconds, fineTuneInputs } from './finetune';
import type { Plan } from './options';
import { median, round } from './stats';

async function nodeBackbone(modelsDir: string, backend: 'wasm' | 'cpu'): Promise<Backbone> {
  await tf.setBackend(backend);
  await tf.ready();
  const spec = getBackboneSpec('mobilenet-v1-0.25');
  return (
    await loadBackbone(spec, [{ source: 'local', files: dirModelFiles(join(modelsDir, dirname(spec.localPath))) }])
  ).backbone;
}

export async function finetuneFigure(modelsDir: string, plan: Plan['finetune']) {
  const backbone = await nodeBackbone(modelsDir, 'wasm');
  const inputs = fineTuneInputs(backbone, plan.batch);
  try {
    const cached: number[] = [];
    const naive: number[] = [];
    // alternate the two so machine noise (other people's jobs) hits both alike
    for (let r = 0; r < plan.runs; r++) {
      cached.push(await fineTuneEpochSeconds(backbone, plan.images, plan.batch, 'fast', inputs.cached));
      naive.push(await fineTuneEpochSeconds(backbone, plan.images, plan.batch, 'fast', inputs.prefixEveryStep));
    }
    const c = median(cached);
    const n = median(naive);
    return {
      backend: 'wasm',
      engine: `node ${process.version}`,
      backbone: backbone.spec.id,
      unfrozenBlocks: 2,
      boundary: inputs.boundary,
      boundaryShape: inputs.shape,
      images: plan.images,
      batch: plan.batch,
      runs: plan.runs,
      warmup: 'one untimed step per epoch',
      cachedEpochSeconds: round(c, 3),
      naiveEpochSeconds: round(n, 3),
      speedup: round(n / c),
    };
  } finally {
    inputs.dispose();
    backbone.dispose();
  }
}

/** tf.memory().numTensors before and after full train → evaluate → export cycles, as the worker runs them. */
export async function leakFigure(modelsDir: string, datasetDir: string, plan: Plan['leak']) {
  const backbone = await nodeBackbone(modelsDir, 'wasm');
  const dataset = await readDatasetDir(datasetDir);
  const classes = dataset.classes.slice(0, plan.classes);
  const files = classes.flatMap((_, label) => dataset.files.filter((f) => f.label === label).slice(0, plan.perClass));
  const byPath = new Map(files.map((f) => [f.path, f.path]));
  const images = files.map((f) => ({ id: f.path, label: f.label }));
  const cycles: { unfreeze: number; numTensors: number; valAccuracy: number }[] = [];
  try {
    const tensorsBefore = tf.memory().numTensors;
    for (const unfreeze of plan.cycles) {
      const settings: TrainSettings = {
        ...DEFAULT_SETTINGS,
        epochs: plan.epochs,
        unfreeze,
        ...(unfreeze ? { augmentViews: 1, warmupEpochs: 1 } : {}),
      };
      const outcome = await trainPipeline({
        backbone,
        classes,
        images,
        decode: (id) => decodeImageFile(byPath.get(id)!),
        cache: new FeatureCache(),
        settings,
      });
      const card = cardFacts(
        backbone,
        outcome,
        settings,
        images.map((i) => i.label),
        tf.getBackend(),
      );
      await exportFiles({ backbone, head: outcome.head, classes, settings, card });
      // the worker keeps the last head until the next run replaces it; it is the caller's to free
      outcome.head.dispose();
      cycles.push({ unfreeze, numTensors: tf.memory().numTensors, valAccuracy: round(outcome.valAccuracy, 3) });
    }
    return {
      backend: 'wasm',
      engine: `node ${process.version}`,
      dataset: `${datasetDir.split('/').pop()} (${classes.length} classes × ${plan.perClass} images)`,
      epochs: plan.epochs,
      tensorsBefore,
      tensorsAfter: tf.memory().numTensors,
      leakedPerCycle: round((tf.memory().numTensors - tensorsBefore) / cycles.length, 1),
      cycles,
    };
  } finally {
    backbone.dispose();
  }
}
