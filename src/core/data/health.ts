/**
 * Dataset checks that go beyond "can we train at all" (problems.ts): they look at the bytes and
 * at the backbone's features, so they run before training, when fixing the data is cheapest.
 * Each issue names the images involved and, where one exists, the fix the studio can apply.
 */
import { nextTask } from '../yield';
import { frozenFrames } from './duplicates';
import { oneHold } from './frame-name';
import { leakMessage, straddlesSplit } from './health-leak';

/** files a finding names of one group (the fix and the review still take them all) */
const NAMED = 3;

export interface HealthImage {
  id: string;
  /** class index */
  label: number;
  /** file name, for messages */
  name: string;
}

export type HealthKind =
  'unreadable' | 'few-images' | 'one-hold' | 'imbalance' | 'exact-duplicate' | 'near-duplicate' | 'split-leak';

export interface HealthIssue {
  kind: HealthKind;
  message: string;
  /** images involved (first = the one a fix keeps) */
  ids: string[];
  /** images the offered fix removes; absent when the fix is up to the person (add images, …) */
  remove?: string[];
  fixLabel?: string;
  /**
   * imbalance: the smallest class, which the advice on class weights names. That advice is worded
   * as the finding is shown (findingWords): the setting changes no finding, and a report that said
   * it as checked went stale when the box it advised was ticked.
   */
  smallClass?: string;
}

export interface HealthInput {
  classes: readonly string[];
  images: readonly HealthImage[];
  /** SHA-256 (or any content hash) per image id */
  hashes: ReadonlyMap<string, string>;
  /** pooled feature per readable image id */
  features: ReadonlyMap<string, ArrayLike<number>>;
  unreadable: readonly { id: string; reason: string }[];
  /** ids that the seeded split puts in validation */
  validation: ReadonlySet<string>;
  minPerClass?: number;
  /** largest/smallest class size above which the classes count as imbalanced */
  maxImbalance?: number;
  nearThreshold?: number;
}

/** Groups of ids with equal hashes (each group in input order, groups by first member). */
export function exactDuplicates(ids: readonly string[], hashes: ReadonlyMap<string, string>): string[][] {
  const byHash = new Map<string, string[]>();
  for (const id of ids) {
    const h = hashes.get(id);
    if (h === undefined) continue;
    const g = byHash.get(h);
    if (g) g.push(id);
    else byHash.set(h, [id]);
  }
  return [...byHash.values()].filter((g) => g.length > 1);
}

/** How far the pairwise comparison of near duplicates is: pairs compared of all pairs. */
export interface Compared {
  done: number;
  total: number;
}

/**
 * Groups of images whose features point the same way (cosine similarity above `threshold`), each
 * around the image a fix keeps: an image joins the group of the first earlier kept image it is
 * similar to, or keeps its own. Not joined transitively: in a chain of similar images (frames of a
 * recording, each close to the next) the ends are far apart, and a fix that kept one and removed
 * the rest took pictures unlike the one kept. Pairs for which `sameGroup` holds are not linked.
 */
export function nearDuplicates(
  ids: readonly string[],
  features: ReadonlyMap<string, ArrayLike<number>>,
  threshold = 0.98,
  sameGroup: (a: string, b: string) => boolean = () => false,
): string[][] {
  return toEnd(nearDuplicateSteps(ids, features, threshold, sameGroup));
}

/** nearDuplicates a row of pairs at a time: it yields after each image compared with those after it. */
function* nearDuplicateSteps(
  ids: readonly string[],
  features: ReadonlyMap<string, ArrayLike<number>>,
  threshold: number,
  sameGroup: (a: string, b: string) => boolean,
): Generator<Compared, string[][]> {
  const present = ids.filter((id) => features.has(id));
  const unit = present.map((id) => {
    const f = features.get(id)!;
    let norm = 0;
    for (let j = 0; j < f.length; j++) norm += f[j] * f[j];
    norm = Math.sqrt(norm) || 1;
    return Float64Array.from({ length: f.length }, (_, j) => f[j] / norm);
  });
  // index of the kept image whose group an image joined; -1 while it keeps its own
  const keptBy = new Int32Array(unit.length).fill(-1);
  const total = (unit.length * (unit.length - 1)) / 2;
  let done = 0;
  // a kept image gathers the later images not yet taken; taken ones gather none, so the work is at
  // most the all-pairs comparison and less the more duplicates there are
  for (let a = 0; a < unit.length; a++) {
    if (keptBy[a] < 0) {
      const ua = unit[a];
      for (let b = a + 1; b < unit.length; b++) {
        if (keptBy[b] >= 0 || sameGroup(present[a], present[b])) continue;
        let s = 0;
        const ub = unit[b];
        for (let j = 0; j < ua.length; j++) s += ua[j] * ub[j];
        if (s > threshold) keptBy[b] = a;
      }
    }
    done += unit.length - a - 1;
    yield { done, total };
  }
  const groups = new Map<number, string[]>();
  present.forEach((id, i) => {
    const k = keptBy[i] < 0 ? i : keptBy[i];
    const g = groups.get(k);
    if (g) g.push(id);
    else groups.set(k, [id]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

function toEnd<T>(steps: Generator<Compared, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface SliceOptions {
  /** how far the comparison is, at each pause and at its end */
  onProgress?: (done: number, total: number) => void;
  /** work between pauses, ms */
  sliceMs?: number;
  /** the pause itself (a task boundary unless told) */
  pause?: () => Promise<void>;
}

/**
 * datasetHealth in slices of about `sliceMs` with a pause between them. In the studio worker the
 * comparison of every pair of images took seconds on thousands of images (18 s at 5,000), and
 * Try it, Train and the feature map waited behind it with the progress bar full. The same
 * findings as datasetHealth, in the same order.
 */
export async function datasetHealthSliced(
  input: HealthInput,
  { onProgress, sliceMs = 50, pause = nextTask }: SliceOptions = {},
): Promise<HealthIssue[]> {
  const steps = healthSteps(input);
  let since = performance.now();
  let last: Compared | null = null;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      // the end is said too: a comparison shorter than a slice says nothing before it
      if (last) onProgress?.(last.done, last.total);
      return step.value;
    }
    last = step.value;
    if (performance.now() - since >= sliceMs) {
      onProgress?.(last.done, last.total);
      await pause();
      since = performance.now();
    }
  }
}

export function datasetHealth(input: HealthInput): HealthIssue[] {
  return toEnd(healthSteps(input));
}

function* healthSteps(input: HealthInput): Generator<Compared, HealthIssue[]> {
  const {
    classes,
    images,
    hashes,
    features,
    unreadable,
    validation,
    minPerClass = 10,
    maxImbalance = 3,
    nearThreshold = 0.98,
  } = input;
  const byId = new Map(images.map((i) => [i.id, i]));
  const describe = (id: string) => {
    const img = byId.get(id);
    return img ? `${img.name} (${classes[img.label]})` : id;
  };
  // a group of 21 identical webcam frames named one by one made a 10-line finding: 3 named, then a count
  const list = (ids: readonly string[]) =>
    ids.length > NAMED
      ? `${ids.slice(0, NAMED).map(describe).join(', ')} and ${ids.length - NAMED} more`
      : ids.map(describe).join(', ');
  const classOf = (id: string) => {
    const img = byId.get(id);
    return img ? classes[img.label] : undefined;
  };
  // A fix keeps the first of its group and removes the rest. Across classes that choice labels the
  // image (the copy in the later class goes), and a plain "Remove duplicate" made it without a word:
  // there the button says where the image stays and where copies go.
  const removalLabel = (
    g: readonly string[],
    plain: string,
    outcome: (gone: string, keep: string, keepClass: string) => string,
  ) => {
    const where = g.map(classOf);
    if (new Set(where).size < 2 || where.some((c) => c === undefined)) return plain;
    const from = [...new Set(where.slice(1))] as string[];
    const gone = from.length > 3 ? `${from.length} classes` : from.join(', ').replace(/, ([^,]*)$/, ' and $1');
    const keep = `${where.filter((c) => c === where[0]).length > 1 ? 'one' : 'the one'} in ${where[0]}`;
    return outcome(gone, keep, where[0]!);
  };
  const removing = (n: number, what: string) => (n > 1 ? `Remove ${n} ${what}s` : `Remove ${what}`);
  const issues: HealthIssue[] = [];

  if (unreadable.length) {
    const ids = unreadable.map((u) => u.id);
    issues.push({
      kind: 'unreadable',
      message: `${ids.length} file${ids.length > 1 ? 's' : ''} could not be read: ${unreadable.map((u) => `${describe(u.id)}: ${u.reason}`).join('; ')}.`,
      ids,
      remove: ids,
      fixLabel: ids.length > 1 ? 'Remove unreadable files' : 'Remove unreadable file',
    });
  }

  const unreadableIds = new Set(unreadable.map((u) => u.id));
  const counts = classes.map((_, c) => images.filter((i) => i.label === c && !unreadableIds.has(i.id)).length);
  // one finding for every small class: three alike lines (a new project's classes are all small) said
  // the same thing three times, each with no button
  const small = classes.flatMap((name, c) => (counts[c] < minPerClass ? [{ name, c, n: counts[c] }] : []));
  if (small.length) {
    const images1 = (n: number) => `${n} readable image${n === 1 ? '' : 's'}`;
    issues.push({
      kind: 'few-images',
      message:
        small.length === 1
          ? `Class "${small[0].name}" has only ${images1(small[0].n)}; aim for at least ${minPerClass} so training and validation both see enough of it.`
          : `${small.length} classes have fewer than ${minPerClass} readable images: ${small.map((x) => `"${x.name}" (${x.n})`).join(', ')}; aim for at least ${minPerClass} each so training and validation both see enough of them.`,
      ids: images.filter((i) => small.some((x) => x.c === i.label)).map((i) => i.id),
    });
  }
  // the split keeps a hold whole (grouped-split.ts), so a class that is one hold validates on that
  // hold's last frames: close copies of the frames it trains on, and its accuracy reads too high
  classes.forEach((name, c) => {
    const mine = images.filter((i) => i.label === c && !unreadableIds.has(i.id));
    if (oneHold(mine.map((i) => i.name)))
      issues.push({
        kind: 'one-hold',
        message: `All ${mine.length} images of "${name}" were recorded in one webcam hold, so it is validated on the last frames of the same recording it trains on, and its accuracy will look better than it is. Record it again in a second hold: another angle, place or light.`,
        ids: mine.map((i) => i.id),
      });
  });
  const nonEmpty = counts.filter((n) => n > 0);
  if (nonEmpty.length >= 2) {
    const most = Math.max(...nonEmpty);
    const least = Math.min(...nonEmpty);
    if (most / least > maxImbalance) {
      const big = classes[counts.indexOf(most)];
      const small = classes[counts.indexOf(least)];
      issues.push({
        kind: 'imbalance',
        message: `Classes are imbalanced: "${big}" has ${most} images, "${small}" ${least} (${(most / least).toFixed(1)}×).`,
        ids: [],
        smallClass: small,
      });
    }
  }

  const ids = images.map((i) => i.id).filter((id) => !unreadableIds.has(id));
  const exact = exactDuplicates(ids, hashes);
  // Identical files have identical features: left in, each copy joined the near-duplicate groups of
  // the others, so a pair of copies came back as "nearly identical" and as a second split leak. One
  // copy stands for its group here, and the rest join the near group it lands in as identical copies.
  const copiesOf = new Map(exact.map((g) => [g[0], g.slice(1)]));
  const copies = new Set(exact.flatMap((g) => g.slice(1)));
  const near = yield* nearDuplicateSteps(
    ids.filter((id) => !copies.has(id)),
    features,
    nearThreshold,
    () => false,
  );
  // copies that are all webcam frames in the duplicate warning's words (a frozen camera), not a list of
  // frame names alike to the last digit
  const frozen = (g: readonly string[]) =>
    frozenFrames(g.map((id) => ({ name: byId.get(id)?.name ?? id, className: classOf(id) ?? '' })));
  // each copy right after the file it copies: a fix that finds the first gone keeps its copy
  const merged = near.map((g) => g.flatMap((id) => [id, ...(copiesOf.get(id) ?? [])]));
  // one leak per set of copies, however they were found: identical files within a near group are part of its leak
  const inNear = new Set(merged.flat());
  const leaking = [...exact.filter((e) => !inNear.has(e[0])), ...merged].filter((g) => straddlesSplit(g, validation));
  // a group on both sides of the split is said by its leak alone (health-leak.ts): the same pair
  // was shown twice, as copies and as a leak, each with a fix removing the same images
  const saidAsLeak = new Set(leaking.flat());
  for (const g of exact) {
    if (saidAsLeak.has(g[0])) continue;
    issues.push({
      kind: 'exact-duplicate',
      message: frozen(g) ?? `Identical files: ${list(g)}.`,
      ids: g,
      remove: g.slice(1),
      fixLabel: removalLabel(
        g,
        g.length > 2 ? 'Remove duplicates' : 'Remove duplicate',
        (gone, keep) => `${removing(g.length - 1, 'duplicate')} from ${gone}, keep ${keep}`,
      ),
    });
  }
  const identicalSaid = near.map((g) =>
    g
      .filter((id) => copiesOf.has(id))
      .map((id) => {
        const copies = copiesOf.get(id)!;
        const said = `${list(copies)} ${copies.length > 1 ? 'are identical copies' : 'is an identical copy'} of ${describe(id)}.`;
        return ` ${frozen([id, ...copies]) ?? said}`;
      })
      .join(''),
  );
  near.forEach((g, k) => {
    if (straddlesSplit(merged[k], validation)) return;
    const identical = identicalSaid[k];
    issues.push({
      kind: 'near-duplicate',
      message: `Nearly identical images (feature similarity above ${nearThreshold}): ${list(g)}.${identical}`,
      ids: merged[k],
      remove: merged[k].slice(1),
      fixLabel: removalLabel(
        merged[k],
        merged[k].length > 2 ? 'Remove near duplicates' : 'Remove near duplicate',
        (gone, keep) => `${removing(merged[k].length - 1, 'near duplicate')} from ${gone}, keep ${keep}`,
      ),
    });
  });
  for (const g of leaking) {
    // a near group's leak says which of its files are identical copies, as its near finding did
    const k = merged.indexOf(g);
    issues.push({
      kind: 'split-leak',
      message:
        leakMessage(
          g.map(classOf),
          list(g),
          g.every((id) => hashes.get(id) !== undefined && hashes.get(id) === hashes.get(g[0])),
        ) + (k < 0 ? '' : identicalSaid[k]),
      ids: g,
      remove: g.slice(1),
      fixLabel: removalLabel(
        g,
        'Keep one copy',
        (gone, _, keepClass) =>
          `Keep one copy in ${keepClass}, remove ${g.length > 2 ? g.length - 1 : 'the other'} from ${gone}`,
      ),
    });
  }
  return issues;
}

export { findingApplies, findingWords, fixRemoves } from './health-findings';
