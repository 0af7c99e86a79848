import type { CropMode } from '../data/preprocess';

/** Everything a training run depends on; the studio and the CLI share these defaults. */
export interface TrainSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** units of the hidden dense layer; 0 trains a linear head */
  hiddenUnits: number;
  dropout: number;
  /** L2 penalty on head kernels */
  weightDecay: number;
  valSplit: number;
  seed: number;
  cropMode: CropMode;
  /** weight the loss by inverse class frequency so small classes count as much as big ones */
  classWeights: boolean;
  /** top backbone blocks to train (fine-tuning); 0 trains the head only */
  unfreeze: number;
}

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  epochs: 60,
  batchSize: 32,
  learningRate: 0.001,
  hiddenUnits: 128,
  dropout: 0.3,
  weightDecay: 0.0001,
  valSplit: 0.2,
  seed: 1,
  cropMode: 'center',
  classWeights: true,
  unfreeze: 0,
});

/** Checks user-entered settings and says exactly what is wrong. */
export function validateSettings(s: TrainSettings): string[] {
  const problems: string[] = [];
  const int = (v: number, name: string, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) problems.push(`${name} must be a whole number from ${min} to ${max}`);
  };
  int(s.epochs, 'Epochs', 1, 1000);
  int(s.batchSize, 'Batch size', 1, 1024);
  int(s.hiddenUnits, 'Hidden units', 0, 4096);
  int(s.seed, 'Seed', 0, 2 ** 31 - 1);
  if (s.unfreeze !== 0) problems.push('Fine-tuning backbone blocks (unfreeze above 0) is not available yet; use 0');
  if (!(s.learningRate > 0 && s.learningRate <= 1)) problems.push('Learning rate must be above 0 and at most 1');
  if (!(s.dropout >= 0 && s.dropout < 1)) problems.push('Dropout must be from 0 to below 1');
  if (!(s.weightDecay >= 0 && s.weightDecay <= 1)) problems.push('Weight decay must be from 0 to 1');
  if (!(s.valSplit > 0 && s.valSplit < 1)) problems.push('Validation split must be above 0 and below 1');
  return problems;
}
