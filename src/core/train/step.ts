import * as tf from '@tensorflow/tfjs';
import type { Head } from './head';
import type { TrainSettings } from './settings';
import { useFastWasmMatMul } from './wasm-matmul';

/*
 * The one training step that head training, fine-tuning and the learning-rate range test share:
 * seeded dropout masks, the weighted loss with L2 on the head's kernels, gradients applied per
 * parameter group, and the loss read back so a diverged run stops at once.
 */

export class NonFiniteLossError extends Error {
  override name = 'NonFiniteLossError';
}

/** Inverse-frequency weights, mean 1 over the training images. */
export function classWeights(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c ? labels.length / (present * c) : 0));
}

/** The class-weight tensor a loop trains with (null when the settings leave the classes unweighted); the caller disposes it. */
export function classWeightTensor(
  settings: TrainSettings,
  labels: ArrayLike<number>,
  numClasses: number,
): tf.Tensor1D | null {
  return settings.classWeights ? tf.tensor1d(classWeights(labels, numClasses)) : null;
}

export function weightedCrossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  numClasses: number,
  weights: tf.Tensor1D | null,
) {
  const perSample = tf.oneHot(labels, numClasses).mul(tf.logSoftmax(logits)).sum(1).neg();
  if (!weights) return perSample.mean();
  const w = weights.gather(labels);
  return perSample.mul(w).sum().div(w.sum());
}

export type DropoutMask = (shape: number[]) => tf.Tensor;

/** Dropout masks seeded from the loop's own stream, so a run repeats exactly with its seed. */
export function dropoutMask(rng: () => number, rate: number): DropoutMask {
  return (shape) =>
    tf
      .randomUniform(shape, 0, 1, 'float32', Math.floor(rng() * 2 ** 31))
      .greaterEqual(rate)
      .toFloat()
      .div(1 - rate);
}

/** tfjs optimizers keep their rate in a plain field the typings do not expose; schedules change it per epoch or step. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}

/** Variables and the optimizer that updates them (fine-tuning trains the backbone at its own rate). */
export interface ParamGroup {
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
}

/** What every step of one loop shares: the head (its kernels take the L2), class weights, the dropout stream. */
export interface StepSetup {
  head: Head;
  numClasses: number;
  /** class weights (null: unweighted); the loop disposes them when it ends */
  weights: tf.Tensor1D | null;
  weightDecay: number;
  mask: DropoutMask;
}

export function stepSetup(
  head: Head,
  settings: TrainSettings,
  labels: ArrayLike<number>,
  numClasses: number,
  rng: () => number,
): StepSetup {
  return {
    head,
    numClasses,
    weights: classWeightTensor(settings, labels, numClasses),
    weightDecay: settings.weightDecay,
    mask: dropoutMask(rng, settings.dropout),
  };
}

/** What one step reports. */
export interface StepResult {
  /**
   * the batch's cross-entropy alone (class-weighted as trained), without the L2 penalty: what the
   * charts call train loss, so that it reads on the same scale as the validation loss. With the
   * penalty in it (an L2 of 1 on a fresh head added about 10) a train loss above the validation
   * loss hid a 20-point gap in accuracy
   */
  loss: number;
  /** what the step minimised: the loss plus the L2 penalty (possibly non-finite: the loop decides) */
  objective: number;
  correct: number;
}

/**
 * One optimisation step on one batch: `logits` is its forward pass, dropout through the mask it is
 * given. Returns its losses and how many it got right.
 */
export async function trainStep(
  setup: StepSetup,
  groups: ParamGroup[],
  logits: (mask: DropoutMask) => tf.Tensor2D,
  labels: number[],
): Promise<StepResult> {
  const { head, numClasses, weights, weightDecay, mask } = setup;
  // every step's gradient multiplies by transposed operands: keep wasm on its fast product
  useFastWasmMatMul();
  const [objectiveT, lossT, correctT] = tf.tidy(() => {
    const yb = tf.tensor1d(labels, 'int32');
    let correct: tf.Tensor | null = null;
    let data: tf.Tensor | null = null;
    const { value, grads } = tf.variableGrads(
      () => {
        const out = logits(mask);
        correct = tf.keep(out.argMax(1).equal(yb).sum());
        let l = weightedCrossEntropy(out, yb, numClasses, weights);
        data = tf.keep(l);
        if (weightDecay > 0) {
          for (const k of head.kernels()) l = l.add(k.read().square().sum().mul(weightDecay));
        }
        return l as tf.Scalar;
      },
      groups.flatMap((g) => g.variables),
    );
    for (const g of groups) {
      if (g.variables.length)
        g.optimizer.applyGradients(g.variables.map((v) => ({ name: v.name, tensor: grads[v.name] })));
    }
    return [value, data!, correct!];
  });
  const [objectiveV, lossV, correctV] = await Promise.all([objectiveT.data(), lossT.data(), correctT.data()]);
  tf.dispose([objectiveT, lossT, correctT]);
  return { loss: lossV[0], objective: objectiveV[0], correct: correctV[0] };
}

/** A training loop's answer to a non-finite loss: stop the run, saying what to change. */
export function checkFinite(loss: number, epoch: number, what: string, advice: string): void {
  if (!Number.isFinite(loss))
    throw new NonFiniteLossError(`The loss became ${loss} in epoch ${epoch}: ${what} diverged. ${advice}`);
}
