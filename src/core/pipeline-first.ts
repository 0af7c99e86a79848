import { trainValSplit, type LabelledImage } from './data/train-val';
import { extractFeatures, extractInto } from './features/extract';
import type { Row } from './features/float16';
import { viewTargets } from './features/views';
import type { FirstModelBudget, PipelineArgs } from './run-args';

export type { FirstModelBudget };

/** The first model's wait; FirstModelBudget (run-args.ts) says why these numbers. */
export const FIRST_MODEL_BUDGET: Readonly<FirstModelBudget> = Object.freeze({
  seconds: 3,
  minTrainPerClass: 4,
  minValPerClass: 1,
  finishWithinSeconds: 1,
});

/** `list` spread evenly over `n` slots: item i takes position (i + 0.5) · n / length. */
const spread = <T>(list: readonly T[], n: number) =>
  list.map((item, i) => ({ item, at: ((i + 0.5) * n) / list.length }));

/**
 * The order a two-phase run extracts its plain features in, so that any prefix of it is a
 * stratified sample: round robin over the classes (one image of each in turn, a class that has
 * run out is skipped), and within a class its training and validation images interleaved in
 * proportion (40 training and 10 validation images: four training images, then one validation
 * image, and so on). `train` and `val` are the run's split; each keeps its own order.
 */
export function firstModelOrder<T extends LabelledImage>(train: readonly T[], val: readonly T[]): T[] {
  const classes = [...new Set([...train, ...val].map((i) => i.label))].sort((a, b) => a - b);
  const perClass = classes.map((c) => {
    const t = train.filter((i) => i.label === c);
    const v = val.filter((i) => i.label === c);
    const n = t.length + v.length;
    // ties go to the training image: the first item of a class is one to train on
    return [...spread(t, n), ...spread(v, n).map((x) => ({ ...x, at: x.at + 1e-9 }))]
      .sort((a, b) => a.at - b.at)
      .map((x) => x.item);
  });
  const order: T[] = [];
  for (let round = 0; order.length < train.length + val.length; round++)
    for (const list of perClass) if (round < list.length) order.push(list[round]);
  return order;
}

/**
 * Tracks a first extraction pass over `order` (firstModelOrder's) and says when the first model
 * may be trained on what is extracted: `settle(image, ok)` for each image in order, then `enough`.
 */
export function firstModelPart<T extends LabelledImage>(
  order: readonly T[],
  valIds: ReadonlySet<string>,
  numClasses: number,
  budget: FirstModelBudget = FIRST_MODEL_BUDGET,
) {
  const train = new Array<number>(numClasses).fill(0);
  const val = new Array<number>(numClasses).fill(0);
  // a class with fewer images than the minimum needs all it has
  const needTrain = new Array<number>(numClasses).fill(0);
  const needVal = new Array<number>(numClasses).fill(0);
  for (const i of order) (valIds.has(i.id) ? needVal : needTrain)[i.label]++;
  needTrain.forEach((n, c) => (needTrain[c] = Math.min(n, budget.minTrainPerClass)));
  needVal.forEach((n, c) => (needVal[c] = Math.min(n, budget.minValPerClass)));
  let settled = 0;
  return {
    /** one more image of `order` (in order) was extracted (`ok`) or could not be read */
    settle(image: T, ok: boolean): void {
      settled++;
      if (ok) (valIds.has(image.id) ? val : train)[image.label]++;
    },
    get settled() {
      return settled;
    },
    /** every class has its minimum of training and validation images */
    covered(): boolean {
      return train.every((n, c) => n >= needTrain[c]) && val.every((n, c) => n >= needVal[c]);
    },
    /** the first model may stop waiting after `seconds` of extraction (never before every class is covered) */
    enough(seconds: number): boolean {
      if (settled >= order.length) return true;
      if (seconds < budget.seconds || !this.covered()) return false;
      const rest = ((order.length - settled) * seconds) / Math.max(1, settled);
      return rest >= budget.finishWithinSeconds;
    },
  };
}

/** A two-phase run's first pass: the first model's part of the plain features, in firstModelOrder. */
export async function firstPart(args: PipelineArgs, table: Map<string, Row>, t0: number) {
  const { backbone, classes, images, decode, settings, onEvent, shouldStop } = args;
  // the run's split before any image is read: an unreadable one only drops out of it (trainValSplit)
  const provisional = trainValSplit(images, { has: () => true }, settings);
  const order = firstModelOrder(provisional.train, provisional.val);
  const byId = new Map(order.map((i) => [i.id, i]));
  const part = firstModelPart(order, new Set(provisional.val.map((i) => i.id)), classes.length, args.firstModelBudget);
  const extraction = await extractFeatures(
    backbone,
    order.map((i) => i.id),
    decode,
    table,
    {
      cropMode: settings.cropMode,
      shouldStop,
      onProgress: (done, total) => onEvent?.({ type: 'extract', done, total }),
      onSettled: (id, ok) => part.settle(byId.get(id)!, ok),
      until: () => part.enough((performance.now() - t0) / 1000),
    },
  );
  extraction.failed.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
  const has = (i: LabelledImage) => table.has(i.id);
  return {
    extraction,
    /** every image settled: the first model trains on the run's own split, as a one-phase run would */
    complete: part.settled >= order.length,
    settled: part.settled,
    provisional,
    /** what the first model trains and validates on when it is not complete */
    sample: { train: provisional.train.filter(has), val: provisional.val.filter(has) },
  };
}

/**
 * The plain features the first part left, and every training image's augmented views, from one
 * decode per training image. Progress counts the backbone passes of this pass.
 */
export async function restOfImages(
  args: PipelineArgs,
  table: Map<string, Row>,
  viewTable: (k: number) => Map<string, Row>,
  views: number,
  part: Awaited<ReturnType<typeof firstPart>>,
) {
  const { backbone, decode, settings, onEvent, shouldStop } = args;
  const unreadable = new Set(part.extraction.failed.map((f) => f.id));
  const val = part.provisional.val.filter((i) => !unreadable.has(i.id) && !table.has(i.id)).map((i) => i.id);
  const train = part.provisional.train.filter((i) => !unreadable.has(i.id)).map((i) => i.id);
  const total = val.length + train.length * (views + 1);
  let offset = 0;
  const onProgress = (done: number) => onEvent?.({ type: 'extract', done: offset + done, total });
  const common = { cropMode: settings.cropMode, shouldStop, onProgress };
  const a = await extractFeatures(backbone, val, decode, table, common);
  offset = val.length;
  const targets = [{ table }, ...viewTargets(backbone, viewTable, 1, settings.cropMode, views)];
  const b = await extractInto(backbone, train, decode, targets, common);
  const failed = [...a.failed, ...b.failed];
  failed.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
  return { computed: a.computed + b.computed, failed };
}
