// Sweep rows that fine-tune the top block(s) with the studio's own fine-tuning code: the head
// the automatic recipe delivers (row "automatic recipe (3-fold CV)", trained on the pooled
// features), then the top `unfreeze` blocks and that head train together on the cached boundary
// activations of the plain, mirror and crop views (trainFineTune), with early stopping on an
// inner split of the training images as the studio does. The validation split is only scored.
import * as tf from '@tensorflow/tfjs';
import { earlyStopPlan } from '../../src/core/data/split';
import { backboneBlocks, boundaryForUnfreeze } from '../../src/core/finetune/blocks';
import { buildSuffix } from '../../src/core/finetune/suffix';
import { evaluateFineTuned, trainFineTune, type FineTuneData } from '../../src/core/finetune/train';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import { VIEWS } from './feature-dump';
import { caseHead, type Case, type CaseResult, type SweepRecipe } from './case';

export interface FineTuneRecipe {
  unfreeze: number;
  /** head learning rate; the blocks train at lr × backboneLrScale (Adam, cosine decay) */
  lr: number;
  backboneLrScale: number;
  epochs: number;
  /** early stopping on the inner split (0 = train every epoch) */
  patience: number;
  /**
   * L2 on the head's kernel during fine-tuning. 0 in the rows: the delivered head has the
   * standardisation folded in, so its kernel lives on raw features where the automatic recipe's
   * L2 (chosen on standardised ones) means nothing; on mobilenet-v2-0.35, whose pooled features
   * include near-constant ones, even 1e-4 made the penalty ~12 against a loss of ~0.1 and the
   * inner-split loss rose from the first epoch. The small rates and early stopping regularise.
   */
  weightDecay: number;
}

async function fineTuneCase(c: Case, r: FineTuneRecipe): Promise<CaseResult> {
  await c.fineTune?.backbone(); // loaded once per process: its weights are no leak
  const before = tf.memory().numTensors;
  const result = await fineTuneCell(c, r);
  // a sweep runs hundreds of cells in one process: a leak per cell would show here first
  if (tf.memory().numTensors !== before) throw new Error(`${tf.memory().numTensors - before} tensors leaked`);
  return result;
}

async function fineTuneCell(c: Case, r: FineTuneRecipe): Promise<CaseResult> {
  if (!c.fineTune) throw new Error('a fine-tuning row needs the backbone and the boundary cache');
  // the automatic recipe's head, exactly as row "automatic recipe (3-fold CV)" trains it
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto' };
  const { split, numClasses, fit, chose } = await caseHead(c, settings, {}, {});
  const backbone = await c.fineTune.backbone();
  const cached = await c.fineTune.boundary(r.unfreeze);
  const boundary = boundaryForUnfreeze(backboneBlocks(backbone), r.unfreeze);
  if (boundary !== cached.boundary) throw new Error(`boundary cache holds ${cached.boundary}, not ${boundary}`);
  if (cached.ids.join('\n') !== c.dump.ids.join('\n'))
    throw new Error('boundary cache and feature dump list other images');
  const size = cached.shape.reduce((a, b) => a * b, 1);
  const row = (view: number, image: number) => cached.rows[view].subarray(image * size, (image + 1) * size);
  const labels = c.dump.labels;
  const trainLabels = split.train.map((i) => labels[i]);
  const s: TrainSettings = {
    ...DEFAULT_SETTINGS,
    seed: c.seed,
    unfreeze: r.unfreeze,
    hiddenUnits: 0,
    dropout: 0,
    weightDecay: r.weightDecay,
    learningRate: r.lr,
    backboneLrScale: r.backboneLrScale,
    // the head is trained already: no head-only warm-up
    warmupEpochs: 0,
    epochs: r.epochs,
    earlyStopPatience: r.patience,
    lrSchedule: 'cosine',
    recipe: 'manual',
  };
  const { inner } = earlyStopPlan(trainLabels, r.patience, c.seed);
  const fitIdx = inner ? inner.train : [...trainLabels.keys()];
  const data: FineTuneData = {
    train: fitIdx.map((j) => Array.from({ length: VIEWS }, (_, v) => row(v, split.train[j]))),
    labels: Int32Array.from(fitIdx, (j) => trainLabels[j]),
    // scored once at the end, not every epoch
    val: [],
    valLabels: new Int32Array(0),
    stop: inner
      ? {
          rows: inner.val.map((j) => row(0, split.train[j])),
          labels: Int32Array.from(inner.val, (j) => trainLabels[j]),
        }
      : undefined,
    shape: cached.shape,
    numClasses,
  };
  const head = fit.head;
  // up to the feature layer alone: these rows fine-tune on the last layer's features, as their
  // boundary dumps and heads were made (the studio joins an earlier map beside it since)
  const suffix = buildSuffix(backbone, boundary, undefined, backbone.spec.featureLayer);
  try {
    const loop = await trainFineTune(suffix, head, data, s, {
      // SWEEP_VERBOSE=1: one line per epoch (a cell takes minutes on a loaded machine)
      onEvent: (e) =>
        process.env.SWEEP_VERBOSE && e.type === 'epoch'
          ? process.stderr.write(
              `  epoch ${e.metrics.epoch}: loss ${e.metrics.loss.toFixed(4)} inner ${e.metrics.stopLoss?.toFixed(4)} (${e.metrics.seconds.toFixed(1)} s)\n`,
            )
          : undefined,
    });
    const valRows = split.val.map((i) => row(0, i));
    const ev = await evaluateFineTuned(
      suffix,
      head,
      valRows,
      Int32Array.from(split.val, (i) => labels[i]),
      cached.shape,
      numClasses,
    );
    const epochs = loop.bestEpoch ?? loop.history.length;
    return {
      accuracy: ev.accuracy,
      chose: `${chose}; head only ${fit.evaluation.accuracy.toFixed(4)}; fine-tuned epoch ${epochs} of ${loop.history.length}`,
    };
  } finally {
    suffix.dispose();
    head.dispose();
  }
}

const describe = (r: FineTuneRecipe) =>
  `fine-tune top ${r.unfreeze === 1 ? 'block' : `${r.unfreeze} blocks`} from the automatic head ` +
  `(Adam ${r.lr} head, ×${r.backboneLrScale} blocks, cosine, ${r.epochs} epochs` +
  `${r.patience ? `, ES ${r.patience} on the inner split` : ''}, head L2 ${r.weightDecay})`;

export const fineTune = (r: FineTuneRecipe): SweepRecipe => ({
  name: describe(r),
  spec: { fineTune: r },
  run: (c) => fineTuneCase(c, r),
});
