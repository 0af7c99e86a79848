import { findBackboneSpec } from '../core/backbones/registry';
import type { EpochMetrics } from '../core/train/epochs';
import { augmentViewsFor, type TrainSettings } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';
import { imageSetPrint } from '../core/data/image-set';

// What a finished run leaves in the run history (kept across reloads by state/model-store.ts).

export interface BatchPoint {
  step: number;
  loss: number;
  /** a batch of the first model (plain features); the full model's batches follow it */
  first?: true;
}

export interface RunRecord {
  n: number;
  /** what set this run apart: fine-tuning or head, learning rate, views */
  label: string;
  valAccuracy: number;
  history: EpochMetrics[];
  /** validation loss of the epoch the model kept (runs from before these were recorded lack them) */
  valLoss?: number;
  /** extraction + training, in seconds */
  seconds?: number;
  /** the per-batch losses (thinned), so the batch chart comes back after a reload */
  batches?: BatchPoint[];
  /** what the run was trained with, to say what changed from the run before */
  settings?: TrainSettings;
  /** those settings as they came to (the automatic recipe's choice filled in): what changed is said of these when both runs have them */
  trainedWith?: TrainSettings;
  /** the backbone it ran on (runs from before this was recorded lack it) */
  backboneId?: string;
  /** its classes, in order */
  classes?: string[];
  /** training and validation images it used: two runs' accuracies compare only on the same validation set */
  images?: { train: number; val: number };
  /** which validation images, with their classes (core/data/image-set.ts): the same counts can hold other images */
  valSet?: string;
  /** which images the run used in all, with their classes (a relabelled training image changes it) */
  imageSet?: string;
}

/** The fingerprint of the validation images `result` was measured on (ids and class indices). */
export const valSetOf = (result: Pick<TrainSummary, 'valPredictions'>): string | undefined =>
  result.valPredictions?.length ? imageSetPrint(result.valPredictions) : undefined;

/** At most this many per-batch points are kept with a run. */
const KEPT_BATCHES = 600;
export const thin = (points: BatchPoint[]) =>
  points.length <= KEPT_BATCHES ? points : points.filter((_, i) => i % Math.ceil(points.length / KEPT_BATCHES) === 0);

/**
 * Backbone blocks a setting trains, and those kept frozen inside its trainable top. The layer map
 * keeps only blocks inside the top in `frozenBlocks` (it drops the others as the boundary passes
 * them), so this needs no block list (core/finetune/freeze.ts trainedBlocks, given one, agrees).
 */
export function tunedBlocks(s: Pick<TrainSettings, 'unfreeze' | 'frozenBlocks'>): { trained: number; kept: number } {
  if (!(s.unfreeze > 0)) return { trained: 0, kept: 0 };
  const kept = Math.min(new Set(s.frozenBlocks ?? []).size, s.unfreeze - 1);
  return { trained: s.unfreeze - kept, kept };
}

/** "the top 3 backbone blocks", or "2 of the top 3 backbone blocks (1 kept frozen)" */
export function tunedBlocksText(s: Pick<TrainSettings, 'unfreeze' | 'frozenBlocks'>): string {
  const { trained, kept } = tunedBlocks(s);
  const top = `the top ${s.unfreeze} backbone block${s.unfreeze === 1 ? '' : 's'}`;
  return kept ? `${trained} of ${top} (${kept} kept frozen)` : top;
}

export function runLabel(s: TrainSettings, views: number): string {
  const { trained, kept } = tunedBlocks(s);
  const what =
    s.unfreeze > 0
      ? `fine-tune ${trained} block${trained > 1 ? 's' : ''}${kept ? ` (${kept} kept frozen)` : ''}`
      : 'head only';
  // the automatic recipe's linear head has no hidden layer for units or dropout to describe
  const head = s.hiddenUnits > 0 ? `${s.hiddenUnits} units, dropout ${s.dropout}` : 'linear head';
  const l2 = s.weightDecay > 0 ? `, L2 ${s.weightDecay}` : '';
  return `${what}, lr ${s.learningRate}, ${head}${l2}, ${views} view${views === 1 ? '' : 's'}`;
}

/**
 * The validation loss of the model `result` delivered: its own evaluation's, on the images its
 * accuracy counts (a first model kept by Stop: every validation image, where its history's epochs
 * saw a part); results kept before that was recorded fall back to the kept epoch's.
 */
export function shownValLoss(result: TrainSummary): number | undefined {
  if (result.valLoss !== undefined) return result.valLoss;
  // with early stopping the model holds the best epoch's weights, not the last epoch's
  return (result.bestEpoch ? result.history[result.bestEpoch - 1] : result.history.at(-1))?.valLoss;
}

// a first model kept by Stop before the other images were read: its figures rest on its part, and
// recorded on the run's counts it passed for a finished run on all of them (Evaluate then took its
// interval on every validation image, and the table said "same data")
export const onPart = ({ partOf, images }: { partOf?: { val: number }; images: { val: number } }): boolean =>
  !!partOf && images.val < partOf.val;

/**
 * The images `result` is recorded and compared on: those its figures were measured on. A first
 * model judged on every validation image is on the run's images (its label says it trained on
 * part); one measured on its part only is on that part, whose fingerprint its predictions give.
 */
export function measuredOn(result: TrainSummary): Pick<RunRecord, 'images' | 'valSet'> {
  const valSet = valSetOf(result);
  return {
    images: onPart(result) ? result.images : (result.partOf ?? result.images),
    ...(valSet && { valSet }),
  };
}

/** What a finished run (`result`, the `n`th of the session, on `backboneId`) leaves in the history. */
export function recordRun(
  result: TrainSummary,
  n: number,
  batches: BatchPoint[],
  backboneId: string | undefined,
  imageSet?: string,
): RunRecord {
  const settings = runLabel(
    result.trainedWith ?? result.settings,
    augmentViewsFor(result.trainedWith ?? result.settings),
  );
  return {
    n,
    // what the model was trained with: under the automatic recipe the form's fields were not (a
    // linear head at its own rate read "512 units, dropout 0.5, lr 0.001")
    label: result.phase === 'first' ? `${firstModelLabel(result)}, ${settings}` : settings,
    valAccuracy: result.valAccuracy,
    history: result.history,
    valLoss: shownValLoss(result),
    seconds: result.seconds.extract + result.seconds.train,
    batches: thin(batches),
    settings: result.settings,
    ...(result.trainedWith && { trainedWith: result.trainedWith }),
    ...(backboneId && { backboneId }),
    classes: result.classes,
    ...measuredOn(result),
    ...(imageSet && { imageSet }),
  };
}

/** "first model kept by Stop (trained on 16 of 40 training images, validated on 4 of 10)" */
function firstModelLabel(result: TrainSummary): string {
  const { stopped, images, partOf } = result;
  const part = [
    ...(partOf && images.train < partOf.train ? [`trained on ${images.train} of ${partOf.train} training images`] : []),
    ...(partOf && onPart(result) ? [`validated on ${images.val} of ${partOf.val}`] : []),
  ];
  return `first model${stopped ? ' kept by Stop' : ''}${part.length ? ` (${part.join(', ')})` : ''}`;
}

const seconds = (result: TrainSummary) => result.seconds.extract + result.seconds.train;

/** whether `run` is the record `result` left (a result read back after a reload carries no run number) */
const recordOf = (run: RunRecord, result: TrainSummary) =>
  run.valAccuracy === result.valAccuracy &&
  // a history stored by an older version may lack its fields: it is not the record
  run.history?.length === result.history?.length &&
  (run.seconds === undefined || run.seconds === seconds(result));

/** The record the run `result` came from left, if it left one (the latest such). */
export function recordFor(result: TrainSummary, runs: readonly RunRecord[]): RunRecord | undefined {
  for (let i = runs.length - 1; i >= 0; i--) if (recordOf(runs[i], result)) return runs[i];
  return undefined;
}

/**
 * Whether a model read back is the newest run's: an older one chosen again ("Use that model
 * instead") and then a reload read "Last run chose:" of it. No runs recorded: nothing says otherwise.
 */
export const newestRunShown = (result: TrainSummary, runs: readonly RunRecord[]): boolean =>
  !runs.length || recordFor(result, runs) === runs.at(-1);

/** The per-batch losses of the run `result` came from, when it left a record (undefined: none). */
export function batchesOf(result: TrainSummary, runs: readonly RunRecord[]): BatchPoint[] | undefined {
  const run = recordFor(result, runs);
  return run && (run.batches ?? []);
}

/**
 * The run to compare the shown result with: the one recorded before its own record, or the latest
 * when it has none (a first model while its run goes on; a run stopped before its first epoch).
 * A model chosen again ("Use that model instead", then a reload) is compared with the run before
 * it, not with itself; `latest` false: the shown result is not known to be the latest run's.
 */
export function runBefore(result: TrainSummary, runs: readonly RunRecord[], latest = true): RunRecord | null {
  let own = -1;
  for (let i = runs.length - 1; i >= 0 && own < 0; i--) if (recordOf(runs[i], result)) own = i;
  // a model chosen again that left no record: which run came before it is not known
  if (own < 0 && !latest) return null;
  return (own < 0 ? runs.at(-1) : runs[own - 1]) ?? null;
}

/** a backbone's name as the picker shows it (a brought backbone's id is a long string of its choices) */
const backboneName = (id: string) => findBackboneSpec(id)?.name ?? id;

/**
 * How the data of two runs differ (backbone, classes, which images), in words; empty when it is the
 * same. A class renamed between them is not other data (classRenames says it).
 */
export function dataChanges(run: RunRecord, before: RunRecord): string[] {
  const out: string[] = [];
  if (run.backboneId && before.backboneId && run.backboneId !== before.backboneId)
    out.push(`backbone ${backboneName(before.backboneId)} → ${backboneName(run.backboneId)}`);
  if (
    run.classes &&
    before.classes &&
    run.classes.join('\n') !== before.classes.join('\n') &&
    !renamedOnly(run, before)
  ) {
    const added = run.classes.filter((c) => !before.classes!.includes(c));
    const gone = before.classes.filter((c) => !run.classes!.includes(c));
    if (added.length) out.push(`class${added.length > 1 ? 'es' : ''} added: ${added.join(', ')}`);
    if (gone.length) out.push(`class${gone.length > 1 ? 'es' : ''} removed: ${gone.join(', ')}`);
    if (!added.length && !gone.length) out.push('classes reordered');
  }
  if (run.images && before.images && (run.images.train !== before.images.train || run.images.val !== before.images.val))
    out.push(
      `images ${before.images.train} + ${before.images.val} → ${run.images.train} + ${run.images.val} (training + validation)`,
    );
  // the same counts of other images: a relabelled image, one deleted and another added
  else if (differ(run.valSet, before.valSet)) out.push('other validation images (the same counts)');
  else if (differ(run.imageSet, before.imageSet)) out.push('other training images (the same counts)');
  return out;
}

const differ = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a !== b;

/**
 * The same images under the same class indices, with other class names: renamed. Which images is
 * told by all of them where both runs say, else by the validation images (all Evaluate compares);
 * runs recorded before the fingerprints say nothing of their images, and are not taken for renamed.
 */
function renamedOnly(run: RunRecord, before: RunRecord): boolean {
  if (run.classes!.length !== before.classes!.length || run.valSet === undefined || run.valSet !== before.valSet)
    return false;
  return run.imageSet === undefined || before.imageSet === undefined || run.imageSet === before.imageSet;
}

/** "class renamed: dgo → dog" for each class a rename between the two runs changed, else none. */
export function classRenames(run: RunRecord, before: RunRecord): string[] {
  if (!run.classes || !before.classes || !renamedOnly(run, before)) return [];
  return run.classes.flatMap((name, i) =>
    name === before.classes![i] ? [] : [`class renamed: ${before.classes![i]} → ${name}`],
  );
}
