import { imageSetPrint } from '../core/data/image-set';
import { recordFor, type RunRecord } from './run-record';
import type { TrainSummary } from '../worker/protocol';

/**
 * How the project's images and classes differ from those the shown model was trained on. The run
 * keeps no list of its training images, only a fingerprint of them all (run-record `imageSet`), its
 * validation images by id and its counts per class: whether anything changed is exact, how much
 * is exact for the validation images and told by the counts for the rest.
 */

/** What a model was trained on, as its result and its run's record tell it. */
export interface TrainedOn {
  classes: readonly string[];
  /** images per class the run used; absent where it was not recorded (fine-tuning, a first model on part) */
  counts?: readonly number[];
  /** images the run used in all */
  total: number;
  val: readonly { id: string; label: number }[];
  /** images left out as unreadable: on neither side of the counts */
  skipped: readonly string[];
  /** run-record imageSet: every image the run was given, with its class index; absent on older records */
  print?: string;
}

export interface ClassNow {
  name: string;
  images: readonly { id: string }[];
}

export interface DataChange {
  /** images more in classes the run had, or in classes added since */
  added: number;
  /** images fewer in classes still there (a class removed is said by name, not counted here) */
  removed: number;
  /** images now in another class than the one they were trained under */
  moved: number;
  classesAdded: string[];
  classesRemoved: string[];
  classesRenamed: { from: string; to: string }[];
}

/** A first model kept before the rest of the images were read: its counts are its part's. */
const onPart = ({ partOf, images }: TrainSummary) =>
  !!partOf && (images.train < partOf.train || images.val < partOf.val);

export function trainedOn(result: TrainSummary, record: RunRecord | undefined): TrainedOn {
  const perClass = !onPart(result) ? result.imagesPerClass : undefined;
  const { train, val } = result.partOf ?? result.images;
  return {
    classes: result.classes,
    ...(perClass && { counts: perClass.train.map((n, i) => n + (perClass.val[i] ?? 0)) }),
    total: train + val,
    val: result.valPredictions,
    skipped: result.skipped.map((s) => s.id),
    ...(record?.imageSet && { print: record.imageSet }),
  };
}

const nothing = (c: DataChange) =>
  !c.added && !c.removed && !c.moved && !c.classesAdded.length && !c.classesRemoved.length && !c.classesRenamed.length;

/** How `now` differs from what the model was trained `on`; null when it is the same. */
export function dataSince(on: TrainedOn, now: readonly ClassNow[]): DataChange | null {
  const sameNames = now.length === on.classes.length && now.every((c, i) => c.name === on.classes[i]);
  const skipped = new Set(on.skipped);
  const readable = (c: ClassNow) => c.images.reduce((n, im) => n + (skipped.has(im.id) ? 0 : 1), 0);
  // other counts are other images: the fingerprint (every image's key, sorted) is not needed to
  // tell it, as it is not after each commit of a drop being added
  const printNow =
    on.print === undefined || countsDiffer(on, now, readable)
      ? undefined
      : imageSetPrint(now.flatMap((c, label) => c.images.map((im) => ({ id: im.id, label }))));
  const sameImages = printNow !== undefined && printNow === on.print;
  if (sameImages && sameNames) return null;

  const where = new Map<string, number>();
  now.forEach((c, at) => c.images.forEach((im) => where.set(im.id, at)));
  const { runOf, nowOf } = matchClasses(on, now, where, sameImages);
  const change: DataChange = {
    added: 0,
    removed: 0,
    moved: 0,
    classesAdded: now.flatMap((c, at) => (runOf[at] < 0 ? [c.name] : [])),
    classesRemoved: on.classes.filter((_, i) => nowOf[i] < 0),
    classesRenamed: on.classes.flatMap((from, i) =>
      nowOf[i] >= 0 && now[nowOf[i]].name !== from ? [{ from, to: now[nowOf[i]].name }] : [],
    ),
  };
  if (!sameImages) countImages(change, on, now, where, runOf, readable);
  // the fingerprint differs with no count to show for it: other images in the same numbers
  if (nothing(change) && on.print === undefined) return null;
  return change;
}

/** The images the run used per class are not those readable now: they differ. */
function countsDiffer(on: TrainedOn, now: readonly ClassNow[], readable: (c: ClassNow) => number): boolean {
  const { counts } = on;
  if (!counts) return false;
  const per = now.map(readable);
  if (counts.length === now.length) return per.some((n, i) => n !== counts[i]);
  return per.reduce((a, b) => a + b, 0) !== counts.reduce((a, b) => a + b, 0);
}

/**
 * Each class now to the run's class it is (-1: added since), and back. By name; a run class whose
 * name is gone was renamed when most of its validation images are in one class the run did not
 * have. The same images under the same indices: the classes are the run's, in its order.
 */
function matchClasses(on: TrainedOn, now: readonly ClassNow[], where: Map<string, number>, sameImages: boolean) {
  const runOf = now.map(() => -1);
  const nowOf = on.classes.map(() => -1);
  const pair = (at: number, i: number) => ((runOf[at] = i), (nowOf[i] = at));
  if (sameImages && now.length === on.classes.length) {
    now.forEach((_, i) => pair(i, i));
    return { runOf, nowOf };
  }
  const byName = new Map(on.classes.map((name, i) => [name, i]));
  now.forEach((c, at) => {
    const i = byName.get(c.name);
    if (i !== undefined && nowOf[i] < 0) pair(at, i);
  });
  on.classes.forEach((_, i) => {
    if (nowOf[i] >= 0) return;
    const homes = new Map<number, number>();
    let kept = 0;
    for (const v of on.val) {
      const at = v.label === i ? where.get(v.id) : undefined;
      if (at === undefined) continue;
      kept++;
      homes.set(at, (homes.get(at) ?? 0) + 1);
    }
    for (const [at, n] of homes) if (n * 2 > kept && runOf[at] < 0) pair(at, i);
  });
  return { runOf, nowOf };
}

function countImages(
  change: DataChange,
  on: TrainedOn,
  now: readonly ClassNow[],
  where: Map<string, number>,
  runOf: number[],
  count: (c: ClassNow) => number,
): void {
  // the validation images are known by id: each one gone or in another class is certain
  const movedIn = now.map(() => 0);
  const movedOut = on.classes.map(() => 0);
  for (const v of on.val) {
    const at = where.get(v.id);
    if (at === undefined || runOf[at] === v.label) continue;
    change.moved++;
    movedIn[at]++;
    movedOut[v.label]++;
  }
  const counts = on.counts;
  if (!counts || counts.length !== on.classes.length) {
    // only the total is known (a class removed is part of it)
    const delta = now.reduce((n, c) => n + count(c), 0) - on.total;
    if (delta > 0) change.added = delta;
    else change.removed = -delta;
    return;
  }
  // the other images by their counts: what a class gained or lost besides the moves above
  now.forEach((c, at) => {
    const i = runOf[at];
    const rest = count(c) - movedIn[at] - (i < 0 ? 0 : counts[i] - movedOut[i]);
    if (rest > 0) change.added += rest;
    else change.removed -= rest;
  });
  // a training image relabelled shows as one class's loss and another's gain: with no class added
  // or removed and the total unchanged, that is what it was
  if (change.added === change.removed && !change.classesAdded.length && !change.classesRemoved.length) {
    change.moved += change.added;
    change.added = change.removed = 0;
  }
}

// one summary per (classes, result, record): the step bar, the Train and Evaluate steps and Try it
// all ask for it, and the fingerprint sorts every image's key (10,000 in a large project)
const memo = new WeakMap<object, WeakMap<TrainSummary, { record?: RunRecord; change: DataChange | null }>>();

/** What changed in `classes` since `result`'s model was trained (null: nothing), memoised. */
export function changeSince(
  result: TrainSummary,
  runs: readonly RunRecord[],
  classes: readonly ClassNow[],
): DataChange | null {
  const record = recordFor(result, runs);
  let byResult = memo.get(classes);
  if (!byResult) memo.set(classes, (byResult = new WeakMap()));
  const hit = byResult.get(result);
  if (hit && hit.record === record) return hit.change;
  const change = dataSince(trainedOn(result, record), classes);
  byResult.set(result, { record, change });
  return change;
}
