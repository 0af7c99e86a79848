import * as tf from '@tensorflow/tfjs';

/** The stopper's state as plain data, for checkpoints. */
export interface EarlySnapshot {
  best: number;
  bestEpoch: number | null;
  saved: Float32Array[] | null;
}

/**
 * Early stopping on validation loss with best-weights restore (Keras' EarlyStopping with
 * restore_best_weights). The best epoch's values are kept as copies of the variables, so the
 * restore is exact; a run that never improves after epoch 1 ends with epoch 1's weights.
 */
export class EarlyStopper {
  private best = Infinity;
  private saved: tf.Tensor[] | null = null;
  bestEpoch: number | null = null;
  stoppedEarly = false;

  constructor(
    private readonly patience: number,
    private readonly variables: tf.Variable[],
  ) {}

  get enabled(): boolean {
    return this.patience > 0;
  }

  /** Records an epoch; returns true when training should stop. */
  update(epoch: number, valLoss: number): boolean {
    if (!this.enabled) return false;
    if (valLoss < this.best) {
      this.best = valLoss;
      this.bestEpoch = epoch;
      tf.dispose(this.saved ?? []);
      this.saved = this.variables.map((v) => tf.keep(v.clone()));
      return false;
    }
    if (this.bestEpoch !== null && epoch - this.bestEpoch >= this.patience) this.stoppedEarly = true;
    return this.stoppedEarly;
  }

  async snapshot(): Promise<EarlySnapshot | null> {
    if (!this.enabled) return null;
    const saved = this.saved ? ((await Promise.all(this.saved.map((t) => t.data()))) as Float32Array[]) : null;
    return { best: this.best, bestEpoch: this.bestEpoch, saved };
  }

  restore(s: EarlySnapshot): void {
    this.best = s.best;
    this.bestEpoch = s.bestEpoch;
    tf.dispose(this.saved ?? []);
    this.saved = s.saved
      ? s.saved.map((values, i) => tf.keep(tf.tensor(values, this.variables[i].shape, this.variables[i].dtype)))
      : null;
  }

  /** Writes the best epoch's values back (no-op when off or nothing was recorded) and frees the copies. */
  finish(): void {
    if (this.saved) this.variables.forEach((v, i) => v.assign(this.saved![i]));
    this.dispose();
  }

  dispose(): void {
    tf.dispose(this.saved ?? []);
    this.saved = null;
  }
}
