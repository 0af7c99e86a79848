import * as tf from '@tensorflow/tfjs';
import { EarlyStopper, type EarlySnapshot } from './early-stop';
import type { TrainSettings } from './settings';

export interface EpochMetrics {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  seconds: number;
  /** learning rate of this epoch (the head's, when fine-tuning) */
  lr?: number;
  /**
   * the L2 penalty the epoch's steps added to `loss` while training (its mean; absent without weight
   * decay, and in histories kept before it was recorded, whose `loss` still held it)
   */
  penalty?: number;
  /** loss on the inner split carved from the training images: what early stopping watches */
  stopLoss?: number;
}

/** What a training loop reports besides its history. */
export interface TrainLoopResult {
  history: EpochMetrics[];
  stopped: boolean;
  /** epoch whose weights the model ends with (early stopping on), else null */
  bestEpoch: number | null;
  /** early stopping ended the run before the planned epochs */
  stoppedEarly: boolean;
}

/**
 * Stopped before any epoch finished (and none resumed): the weights are a few steps from their
 * start, no model to hand over. Trainers deliver nothing then, as a stop during extraction does.
 */
export const stoppedBeforeAnEpoch = (r: TrainLoopResult) => r.stopped && r.history.length === 0;

export type TrainEvent =
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number }
  | { type: 'epoch'; metrics: EpochMetrics };

/**
 * Everything needed to continue a run after its last completed epoch, on any backend: the
 * trained values as plain arrays (a lost GPU takes its tensors with it), the history and the
 * early-stopping state. Optimizer moments are not kept: Adam restarts them after a resume.
 */
export interface Checkpoint {
  epoch: number;
  history: EpochMetrics[];
  values: Float32Array[];
  early: EarlySnapshot | null;
}

export interface EpochHooks {
  onEvent?: (e: TrainEvent) => void;
  shouldStop?: () => boolean;
  /** after every completed epoch; reading the values back costs one readback of the trained variables */
  onCheckpoint?: (c: Checkpoint) => void;
  /** continue from this checkpoint instead of epoch 1 */
  resume?: Checkpoint;
}

/**
 * The epoch loop both trainers share: resume, early stopping with best-weights restore, epoch
 * events and checkpoints. `runEpoch` trains one epoch and returns its metrics, or null when the
 * user stopped mid-epoch. `variables` are what a checkpoint and early stopping keep.
 */
export async function runEpochs(
  settings: TrainSettings,
  variables: tf.Variable[],
  runEpoch: (epoch: number) => Promise<EpochMetrics | null>,
  hooks: EpochHooks,
): Promise<TrainLoopResult> {
  const early = new EarlyStopper(settings.earlyStopPatience ?? 0, variables);
  const history: EpochMetrics[] = [];
  let first = 1;
  if (hooks.resume) {
    const { values, epoch, early: snap } = hooks.resume;
    if (values.length !== variables.length)
      throw new Error(`The checkpoint holds ${values.length} arrays for ${variables.length} variables`);
    tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape, v.dtype))));
    history.push(...hooks.resume.history);
    if (snap) early.restore(snap);
    first = epoch + 1;
  }
  let stopped = false;
  try {
    for (let epoch = first; epoch <= settings.epochs; epoch++) {
      const metrics = await runEpoch(epoch);
      if (!metrics) {
        stopped = true;
        break;
      }
      history.push(metrics);
      hooks.onEvent?.({ type: 'epoch', metrics });
      // only the inner split carved from the training images may choose the epoch
      const stop = metrics.stopLoss !== undefined && early.update(epoch, metrics.stopLoss);
      if (hooks.onCheckpoint) {
        const values = (await Promise.all(variables.map((v) => v.data()))) as Float32Array[];
        hooks.onCheckpoint({ epoch, history: [...history], values, early: await early.snapshot() });
      }
      if (stop) break;
    }
    early.finish();
  } finally {
    early.dispose();
  }
  return { history, stopped, bestEpoch: early.bestEpoch, stoppedEarly: early.stoppedEarly };
}
