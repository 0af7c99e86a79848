import { wilsonInterval } from './interval';
import type { RecipeChoice } from './recipe';
import type { TrainSettings } from './settings';
import type { LabelledImage } from '../data/train-val';
import type { EarlyStopPlan } from '../data/split';
import type { Head } from './head';
import { confusionMatrix, perClassMetrics, type ClassMetrics, type ConfusionMatrix } from './metrics';
import type { ValPrediction } from './top-losses';
import type { TrainLoopResult } from './epochs';

/** A finished run: the training loop's report (history, Stop, early stopping) and its evaluation. */
export interface TrainOutcome extends TrainLoopResult {
  head: Head;
  classes: string[];
  images: { train: number; val: number };
  valAccuracy: number;
  /**
   * the delivered model's loss on the validation images its accuracy counts (a first model kept by
   * Stop was judged again on every one; its history's epochs saw only its part). Absent: results
   * kept before it was recorded.
   */
  valLoss?: number;
  /** 95% Wilson score interval of valAccuracy */
  valAccuracyInterval: [number, number];
  /** the settings the delivered model was trained with (the automatic recipe's choice filled in) */
  settings?: TrainSettings;
  /** the automatic recipe: what cross-validation on the training images chose, and its table */
  recipe?: RecipeChoice | null;
  /** training images early stopping held out as its inner split (0 when off) */
  heldForEarlyStop?: number;
  /** early stopping was asked for but a class had too few training images to hold some out */
  earlyStopSkipped?: EarlyStopPlan['skipped'];
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
  /** validation images with their prediction and class probabilities, for galleries, top losses and relabelling */
  valPredictions: ValPrediction[];
  skipped: { id: string; reason: string }[];
  seconds: { extract: number; train: number };
  /** prefix passes this run (images and augmented views; 0 when everything came from the cache) */
  extracted: number;
  /** freeze boundary the run trained above (POOLED_BOUNDARY for head-only training) */
  boundary?: string;
  /** boundary rows computed from a lower boundary's cached rows (the boundary moved up) */
  lifted?: number;
  /** a two-phase run's model: the first (plain features) or the full one (augmented views) */
  phase?: 'first' | 'final';
  /** a first model on part of the images: the run's training and validation images in all (`images` is its part) */
  partOf?: { train: number; val: number };
  /**
   * training and validation images per class that this model used (a first model on part of the
   * images: its part). Absent: fine-tuning runs, and results kept before it was recorded.
   */
  imagesPerClass?: { train: number[]; val: number[] };
  /** the full model of a run whose first model saw part of the images: that first model's accuracy on every validation image */
  firstOnAllVal?: number;
  /** where features were extracted and where the head trained (they differ when a head backend was given) */
  backends?: { extraction: string; training: string };
}

/** The outcome of a finished run from its validation predictions (shared by head-only and fine-tuning runs). */
export function runOutcome(
  r: TrainLoopResult &
    Pick<TrainOutcome, 'head' | 'classes' | 'skipped' | 'seconds' | 'extracted' | 'lifted'> & {
      trainCount: number;
      /** validation images in the order of evaluation.predictions */
      val: LabelledImage[];
      evaluation: { accuracy: number; loss: number; predictions: number[]; probabilities: number[][] };
      boundary: string;
    },
): TrainOutcome {
  const { evaluation, val, classes } = r;
  const confusion = confusionMatrix(
    val.map((v) => v.label),
    evaluation.predictions,
    classes.length,
  );
  return {
    head: r.head,
    classes,
    history: r.history,
    stopped: r.stopped,
    bestEpoch: r.bestEpoch,
    stoppedEarly: r.stoppedEarly,
    images: { train: r.trainCount, val: val.length },
    valAccuracy: evaluation.accuracy,
    valLoss: evaluation.loss,
    valAccuracyInterval: wilsonInterval(Math.round(evaluation.accuracy * val.length), val.length),
    perClass: perClassMetrics(confusion),
    confusion,
    valPredictions: val.map((v, i) => ({
      id: v.id,
      label: v.label,
      predicted: evaluation.predictions[i],
      probabilities: evaluation.probabilities[i],
    })),
    skipped: r.skipped,
    seconds: r.seconds,
    extracted: r.extracted,
    boundary: r.boundary,
    lifted: r.lifted ?? 0,
  };
}
