// The fine-tuning step the studio runs (suffix above the freeze boundary + head, one Adam,
// variableGrads), isolated so one code path is timed in Node (scripts/bench-finetune.ts, the
// bench's finetune figure) and in the browser (the bench page's per-backend step). Inputs are
// synthetic: the speed does not depend on the pixels.
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../../src/core/backbones/backbone';
import { backboneBlocks, boundaryForUnfreeze } from '../../src/core/finetune/blocks';
import { buildSuffix, prefixModel, type SuffixImpl } from '../../src/core/finetune/suffix';
import { buildHead } from '../../src/core/train/head';

export type BatchInput = (size: number) => tf.Tensor4D;

export interface Stepper {
  boundary: string;
  /** one training step on `size` rows of `input`; resolves once the loss is read back */
  step(size: number): Promise<void>;
  dispose(): void;
}

export function fineTuneStepper(backbone: Backbone, impl: SuffixImpl, input: BatchInput, unfreeze = 2): Stepper {
  const boundary = boundaryForUnfreeze(backboneBlocks(backbone), unfreeze);
  const suffix = buildSuffix(backbone, boundary);
  const head = buildHead(backbone.spec.featureSize, 10, 128, 0, 1);
  const headVars = head.model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const vars = [...headVars, ...(impl === 'fast' ? suffix.variables : suffix.layerVariables)];
  const opt = tf.train.adam(1e-4);
  return {
    boundary,
    async step(size) {
      const loss = tf.tidy(() => {
        const x = input(size);
        const y = tf.oneHot(tf.zeros([size], 'int32') as tf.Tensor1D, 10);
        const { value, grads } = tf.variableGrads(
          () =>
            tf.losses.softmaxCrossEntropy(
              y,
              head.logits(suffix.apply(x, impl).mean([1, 2]) as tf.Tensor2D),
            ) as tf.Scalar,
          vars,
        );
        opt.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] })));
        return value;
      });
      await loss.data();
      loss.dispose();
    },
    dispose() {
      opt.dispose();
      head.dispose();
      suffix.dispose();
    },
  };
}

/** Seconds for one epoch over `n` images in batches of `batch`, after one untimed warm-up step. */
export async function fineTuneEpochSeconds(
  backbone: Backbone,
  n: number,
  batch: number,
  impl: SuffixImpl,
  input: BatchInput,
  unfreeze = 2,
): Promise<number> {
  const stepper = fineTuneStepper(backbone, impl, input, unfreeze);
  try {
    await stepper.step(Math.min(batch, n)); // first-call allocations and kernel setup
    const t = performance.now();
    for (let done = 0; done < n; done += batch) await stepper.step(Math.min(batch, n - done));
    return (performance.now() - t) / 1000;
  } finally {
    stepper.dispose();
  }
}

/**
 * Boundary-cached inputs (what the studio trains on) and inputs that re-run the frozen prefix
 * every step (what a plain fine-tune does), for the same backbone, boundary and batch.
 */
export function fineTuneInputs(backbone: Backbone, batch: number, unfreeze = 2) {
  const boundary = boundaryForUnfreeze(backboneBlocks(backbone), unfreeze);
  const prefix = prefixModel(backbone, boundary)!;
  const shape = prefix.outputs[0].shape.slice(1) as number[];
  const { inputSize } = backbone.spec;
  const cached = tf.randomUniform([batch, ...shape] as [number, number, number, number], 0, 6) as tf.Tensor4D;
  const image = tf.randomUniform([batch, inputSize, inputSize, 3], -1, 1) as tf.Tensor4D;
  return {
    boundary,
    shape,
    cached: ((size) => cached.slice(0, size)) as BatchInput,
    prefixEveryStep: ((size) => prefix.predict(image.slice(0, size)) as tf.Tensor4D) as BatchInput,
    dispose: () => tf.dispose([cached, image]),
  };
}
