import * as tf from '@tensorflow/tfjs';
import type { Backbone } from './backbones/backbone';
import { backboneBlocks, boundaryForUnfreeze } from './finetune/blocks';
import { buildSuffix } from './finetune/suffix';
import { CLEARLY_SLOWER, type CalibrationBar, type TimedFigure } from './calibration-bar';
import { median } from './live/fps';
import { buildHead } from './train/head';

/** What one backend does with one backbone: the figures the studio picks a backend by. */
export interface BackendTiming {
  /** first forward pass (shader compilation and weight upload on GPU backends) */
  warmupMs: number;
  forwardMsBatch1: number;
  forwardMsBatch8: number;
  /** one Adam step of a 128-unit head on a batch of 32 pooled features */
  headStepMs: number;
  /** one Adam step of the backbone's top block + head on a batch of 8 boundary activations; null when it cannot train */
  finetuneStepMs: number | null;
  finetuneError?: string;
  /** figures taken from one run, not a median: that run was over CLEARLY_SLOWER times the fastest backend measured before */
  once?: TimedFigure[];
}

async function timed(run: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const t0 = performance.now();
  const out = run();
  const list = Array.isArray(out) ? out : [out];
  // reading back is part of the cost: it is what waits for GPU work to finish
  await Promise.all(list.map((t) => t.data()));
  const ms = performance.now() - t0;
  tf.dispose(list);
  return ms;
}

/** The median of `repeats` runs, or the first run alone when it is clearly slower than `bar`'s best (noted in `once`). */
async function figure(
  key: TimedFigure,
  repeats: number,
  run: () => tf.Tensor | tf.Tensor[],
  bar: CalibrationBar,
  once: TimedFigure[],
): Promise<number> {
  const times = [await timed(run)];
  const best = bar[key];
  if (best !== undefined && times[0] > CLEARLY_SLOWER * best) {
    once.push(key);
    return times[0];
  }
  while (times.length < repeats) times.push(await timed(run));
  return median(times);
}

/**
 * A short calibration on the active backend: warm-up, forward passes at batch 1 and 8, a head
 * step and a fine-tuning step. Random inputs: speed does not depend on the pixels. Leaves no tensors.
 * `bar` holds the best figures of backends measured before: a figure clearly slower is taken once.
 */
export async function measureBackend(
  backbone: Backbone,
  repeats = 3,
  bar: CalibrationBar = {},
): Promise<BackendTiming> {
  const once: TimedFigure[] = [];
  const { inputSize, featureSize } = backbone.spec;
  const input = (n: number) => tf.randomUniform([n, inputSize, inputSize, 3], -1, 1) as tf.Tensor4D;
  const forward = (n: number) => () => tf.tidy(() => backbone.extract(input(n)));
  const warmupMs = await timed(forward(1));
  await timed(forward(8)); // batch-8 shaders compile on their first call too
  const forwardMsBatch1 = await figure('forwardMsBatch1', repeats, forward(1), bar, once);
  const forwardMsBatch8 = await figure('forwardMsBatch8', repeats, forward(8), bar, once);

  const head = buildHead(featureSize, 4, 128, 0, 1);
  const headVars = head.model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const opt = tf.train.adam(1e-3);
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32').tile([4]) as tf.Tensor1D, 4));
  const step =
    (x: () => tf.Tensor4D | tf.Tensor2D, vars: tf.Variable[], logits: (x: tf.Tensor) => tf.Tensor2D, y: tf.Tensor) =>
    () =>
      tf.tidy(() => {
        const batch = x();
        const { value, grads } = tf.variableGrads(
          () => tf.losses.softmaxCrossEntropy(y, logits(batch)) as tf.Scalar,
          vars,
        );
        opt.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] })));
        return value;
      });
  let headStepMs = 0;
  let finetuneStepMs: number | null = null;
  let finetuneError: string | undefined;
  try {
    const headStep = step(
      () => tf.randomNormal([32, featureSize]) as tf.Tensor2D,
      headVars,
      (x) => head.logits(x as tf.Tensor2D),
      labels,
    );
    await timed(headStep);
    headStepMs = await figure('headStepMs', repeats, headStep, bar, once);
    const blocks = backboneBlocks(backbone);
    if (blocks.length) {
      const boundary = boundaryForUnfreeze(blocks, 1);
      const shape = blocks[blocks.length - 2].outputShape;
      const suffix = buildSuffix(backbone, boundary);
      try {
        const y8 = labels.slice([0, 0], [8, 4]);
        const ftStep = step(
          () => tf.randomUniform([8, shape[0], shape[1], shape[2]], 0, 6) as tf.Tensor4D,
          [...headVars, ...suffix.variables],
          // a backbone that joins an earlier map takes it pooled beside the boundary (suffix.ts side)
          (x) => {
            const [h, w, c] = suffix.side ?? [];
            const side = suffix.side && (tf.randomUniform([8, h, w, c], 0, 6) as tf.Tensor4D);
            return head.logits(suffix.apply(x as tf.Tensor4D, 'fast', side || undefined).mean([1, 2]) as tf.Tensor2D);
          },
          y8,
        );
        await timed(ftStep);
        finetuneStepMs = await figure('finetuneStepMs', repeats, ftStep, bar, once);
        y8.dispose();
      } catch (err) {
        finetuneError = (err as Error).message;
      } finally {
        suffix.dispose();
      }
    } else {
      finetuneError = 'this backbone cannot be fine-tuned (graph model)';
    }
  } finally {
    opt.dispose();
    labels.dispose();
    head.dispose();
  }
  return {
    warmupMs,
    forwardMsBatch1,
    forwardMsBatch8,
    headStepMs,
    finetuneStepMs,
    ...(finetuneError ? { finetuneError } : {}),
    ...(once.length ? { once } : {}),
  };
}

export interface CalibrationRow extends Partial<BackendTiming> {
  name: string;
  ok: boolean;
  error?: string;
}

/** The fastest backend per job from calibration rows (null where no backend measured it). */
export function fastest(rows: readonly CalibrationRow[]): {
  extraction: string | null;
  headTraining: string | null;
  fineTuning: string | null;
} {
  const best = (key: 'forwardMsBatch8' | 'headStepMs' | 'finetuneStepMs') => {
    const ok = rows.filter((r) => r.ok && typeof r[key] === 'number' && r[key]! > 0);
    ok.sort((a, b) => a[key]! - b[key]!);
    return ok[0]?.name ?? null;
  };
  return { extraction: best('forwardMsBatch8'), headTraining: best('headStepMs'), fineTuning: best('finetuneStepMs') };
}

/**
 * GPU backends compile a shader the first time each op runs at each shape, which can take
 * seconds (about 4 s for WebGPU here). Running the extraction batch and one training step on
 * throw-away data first keeps that out of the first epoch's time and shows as its own step.
 * Returns the milliseconds it took. CPU backends have nothing to compile: callers skip it there.
 */
export async function warmUpShaders(
  backbone: Backbone,
  batchSize: number,
  hiddenUnits: number,
  onStep?: (done: number, total: number) => void,
): Promise<number> {
  const t0 = performance.now();
  const { inputSize, featureSize } = backbone.spec;
  onStep?.(0, 2);
  const features = tf.tidy(() =>
    backbone.extract(tf.zeros([Math.min(16, batchSize), inputSize, inputSize, 3]) as tf.Tensor4D),
  );
  await features.data();
  features.dispose();
  onStep?.(1, 2);
  await warmUpHead(featureSize, batchSize, hiddenUnits);
  onStep?.(2, 2);
  return performance.now() - t0;
}

/** One throw-away head training step on the active backend: its shaders compile here, not in epoch 1. */
export async function warmUpHead(featureSize: number, batchSize: number, hiddenUnits: number): Promise<void> {
  const head = buildHead(featureSize, 2, hiddenUnits, 0, 1);
  const opt = tf.train.adam(1e-3);
  try {
    const loss = tf.tidy(() => {
      const x = tf.zeros([batchSize, featureSize]) as tf.Tensor2D;
      const y = tf.oneHot(tf.zeros([batchSize], 'int32') as tf.Tensor1D, 2);
      return opt.minimize(() => tf.losses.softmaxCrossEntropy(y, head.logits(x)) as tf.Scalar, true)!;
    });
    await loss.data();
    loss.dispose();
  } finally {
    opt.dispose();
    head.dispose();
  }
}
