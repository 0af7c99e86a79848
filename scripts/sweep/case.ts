// One sweep case (dataset, backbone, seed) and the head a recipe trains on its training split.
import { stratifiedSplit } from '../../src/core/data/split';
import type { Backbone } from '../../src/core/backbones/backbone';
import { fitHead } from '../../src/core/train/fit';
import { buildHead } from '../../src/core/train/head';
import { applyRecipe, chooseRecipe, type RecipeShape } from '../../src/core/train/recipe';
import type { ImageRows } from '../../src/core/train/rows';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import type { BoundaryRows } from './boundary-dump';
import { DEPTHS, POOL_WIDTH, type Depth, type Dump, type ExtraPool } from './feature-dump';

export interface Case {
  dump: Dump;
  seed: number;
  /** the same dataset's features at another input resolution (extracted on first use) */
  dumpAt?: (size: number, upsample?: boolean) => Promise<Dump>;
  /** fine-tuning rows only: the backbone and the boundary activations, loaded (or extracted) on first use */
  fineTune?: { backbone(): Promise<Backbone>; boundary(unfreeze: number): Promise<BoundaryRows> };
}

export interface CaseResult {
  accuracy: number;
  /**
   * accuracy of the same head on each validation image's pooled features averaged with its
   * mirror's (test-time augmentation as a model graph would do it: one head, averaged features)
   */
  tta?: number;
  /** what an automatic recipe chose, for the report */
  chose?: string;
}

export interface SweepRecipe {
  /** row label; also the result cache key together with `spec` */
  name: string;
  /** what defines the recipe (changing it invalidates cached results) */
  spec: unknown;
  run(c: Case): Promise<CaseResult>;
  /** a row read off another row's cells (its `tta` figure): trains nothing of its own */
  ttaOf?: number;
}

/**
 * One dump's rows for images `idx`: the chosen depths concatenated, optionally each value's
 * signed square root first (`power`), optionally L2-normalised.
 */
export function rowsOf(
  dump: Dump,
  idx: readonly number[],
  depths: readonly Depth[],
  l2 = false,
  power = false,
): ImageRows {
  const size = depths.reduce((n, d) => n + dump.sizes[d], 0);
  const view = (v: number) => {
    const out = new Float32Array(idx.length * size);
    idx.forEach((i, j) => {
      let at = j * size;
      for (const d of depths) {
        const k = ['final', 'mid1', 'mid2'].indexOf(d);
        const s = dump.sizes[d];
        out.set(dump.rows[v][k].subarray(i * s, (i + 1) * s), at);
        at += s;
      }
      if (power) {
        const row = out.subarray(j * size, (j + 1) * size);
        row.forEach((x, m) => (row[m] = Math.sign(x) * Math.sqrt(Math.abs(x))));
      }
      if (l2) {
        const row = out.subarray(j * size, (j + 1) * size);
        const norm = Math.hypot(...row) || 1;
        row.forEach((x, m) => (row[m] = x / norm));
      }
    });
    return out;
  };
  return {
    plain: view(0),
    views: [view(1), view(2)],
    labels: Int32Array.from(idx, (i) => dump.labels[i]),
    featureSize: size,
  };
}

export interface Options {
  depths?: readonly Depth[];
  l2?: boolean;
  /** signed square root of every pooled value before standardisation (power normalisation) */
  power?: boolean;
  /** average the probabilities of each validation image and its mirror */
  tta?: boolean;
  /**
   * input resolutions whose features are concatenated (224 is the cached default dump);
   * e.g. [320] for the FixRes trial, [224, 320] for multi-scale; '320u': the 224 input resized
   * up to 320 (what an in-graph resize layer in front of the backbone would give)
   */
  sizes?: readonly (number | `${number}u`)[];
  /**
   * standardise every feature with the training rows' statistics here, then scale each pooled
   * block (one depth at one resolution) so that every block carries the same total variance
   * (recipes then train on these rows with `standardise: false`)
   */
  equalBlocks?: boolean;
  /**
   * how each depth is pooled (absent: the global average alone): e.g. { final: ['avg', 'grid'] }
   * adds the 2×2 grid of quadrant averages beside the final layer's global average (a spatial
   * pyramid); 'max' and 'gem' the global max and generalised mean (p = 3). At every resolution.
   */
  pools?: Partial<Record<Depth, readonly Pool[]>>;
}

export type Pool = 'avg' | ExtraPool;

/** The dump with each depth's row made of the poolings `pools` lists, side by side per image. */
export function withPools(dump: Dump, pools: NonNullable<Options['pools']>): Dump {
  const list = (d: Depth) => pools[d] ?? ['avg'];
  const width = (p: Pool) => (p === 'avg' ? 1 : POOL_WIDTH[p]);
  const sizes = Object.fromEntries(
    DEPTHS.map((d) => [d, list(d).reduce((a, p) => a + width(p) * dump.sizes[d], 0)]),
  ) as Dump['sizes'];
  const n = dump.ids.length;
  const rows = dump.rows.map((depths, v) =>
    depths.map((avg, k) => {
      const d = DEPTHS[k];
      if (list(d).length === 1 && list(d)[0] === 'avg') return avg;
      const out = new Float32Array(n * sizes[d]);
      for (let i = 0; i < n; i++) {
        let at = i * sizes[d];
        for (const p of list(d)) {
          const src = p === 'avg' ? avg : dump.extra?.[p]?.[v][k];
          if (!src) throw new Error(`${dump.backbone} ${dump.dataset}: no ${p} pooling in this dump (re-extract it)`);
          const w = width(p) * dump.sizes[d];
          out.set(src.subarray(i * w, (i + 1) * w), at);
          at += w;
        }
      }
      return out;
    }),
  );
  return { ...dump, sizes, rows, extra: undefined };
}

/**
 * Standardises `train` and `val` with the training rows' statistics (plain and views, as fitHead
 * does) and scales block b of width w_b by √(D / (blocks · w_b)): each block's total variance is
 * then D / blocks, the same for all, and the rows' total variance stays D.
 */
export function equaliseBlocks(train: ImageRows, val: ImageRows, widths: readonly number[]): void {
  const d = train.featureSize;
  if (widths.reduce((a, b) => a + b, 0) !== d) throw new Error('block widths do not add up to the feature size');
  const fitRows = [train.plain, ...train.views];
  const n = fitRows.reduce((a, r) => a + r.length / d, 0);
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const r of fitRows)
    for (let i = 0; i < r.length; i++) {
      mean[i % d] += r[i] / n;
      sq[i % d] += (r[i] * r[i]) / n;
    }
  const scale = new Float64Array(d);
  let at = 0;
  for (const w of widths) {
    const k = Math.sqrt(d / (widths.length * w));
    for (let j = at; j < at + w; j++) {
      const v = sq[j] - mean[j] * mean[j];
      scale[j] = k / (v > 1e-12 ? Math.sqrt(v) : 1);
    }
    at += w;
  }
  for (const r of [...fitRows, val.plain, ...val.views])
    for (let i = 0; i < r.length; i++) r[i] = (r[i] - mean[i % d]) * scale[i % d];
}

/** One dump whose every depth row is the rows of `dumps` (same images, same order) side by side. */
export function concatDumps(dumps: readonly Dump[]): Dump {
  if (dumps.length === 1) return dumps[0];
  const [first] = dumps;
  const n = first.ids.length;
  if (dumps.some((d) => d.ids.join() !== first.ids.join())) throw new Error('dumps of different images');
  const sizes = Object.fromEntries(
    (['final', 'mid1', 'mid2'] as const).map((d) => [d, dumps.reduce((a, x) => a + x.sizes[d], 0)]),
  ) as Dump['sizes'];
  const rows = first.rows.map((depths, v) =>
    depths.map((_, k) => {
      const d = (['final', 'mid1', 'mid2'] as const)[k];
      const out = new Float32Array(n * sizes[d]);
      for (let i = 0; i < n; i++) {
        let at = i * sizes[d];
        for (const x of dumps) {
          const s = x.sizes[d];
          out.set(x.rows[v][k].subarray(i * s, (i + 1) * s), at);
          at += s;
        }
      }
      return out;
    }),
  );
  return { ...first, sizes, rows };
}

/** The case's features at another input size; a joined backbone has none (a row needing them says so). */
export function dumpAtSize(c: Case, size: number, upsample = false): Promise<Dump> {
  if (!c.dumpAt)
    throw new Error(
      'this row reads features at another input size: a joined backbone has none (run it on one backbone)',
    );
  return c.dumpAt(size, upsample);
}

/** The case's features at the resolutions `opts.sizes` asks for, concatenated. */
export async function caseDump(c: Case, opts: Options): Promise<Dump> {
  const pooled = (d: Dump) => (opts.pools ? withPools(d, opts.pools) : d);
  if (!opts.sizes) return pooled(c.dump);
  const dumps = await Promise.all(
    opts.sizes.map((s) => (s === 224 ? c.dump : dumpAtSize(c, parseInt(String(s), 10), String(s).endsWith('u')))),
  );
  return concatDumps(dumps.map(pooled));
}

/** Trains the head a recipe delivers on the case's training split (chosen by CV when `auto`). */
export async function caseHead(
  c: Case,
  settings: TrainSettings,
  opts: Options,
  auto?: { shapes?: readonly RecipeShape[]; epochs?: readonly number[] },
  /** chooses the settings from the training rows itself (instead of `auto`) */
  pick?: (train: ImageRows, numClasses: number) => Promise<TrainSettings>,
) {
  const { seed } = c;
  const dump = await caseDump(c, opts);
  const split = stratifiedSplit(dump.labels, DEFAULT_SETTINGS.valSplit, seed);
  const depths = opts.depths ?? ['final'];
  const train = rowsOf(dump, split.train, depths, opts.l2, opts.power);
  const val = rowsOf(dump, split.val, depths, opts.l2, opts.power);
  const numClasses = dump.classes.length;
  if (opts.equalBlocks)
    equaliseBlocks(
      train,
      val,
      depths.flatMap((d) => (opts.sizes ?? [224]).map(() => c.dump.sizes[d])),
    );
  let s = { ...settings, seed };
  let chose: string | undefined;
  if (pick) s = await pick(train, numClasses);
  else if (auto) {
    const choice = await chooseRecipe({ ...train, numClasses }, s, { shapes: auto.shapes, epochs: auto.epochs });
    s = applyRecipe(s, choice.chosen);
    chose = `${JSON.stringify(choice.chosen)} cv ${choice.seconds.toFixed(1)} s`;
  }
  const fit = await fitOn(train, val, numClasses, s);
  return { split, train, val, numClasses, fit, chose };
}

/** The head `settings` train on `train`, scored on `val`'s plain rows. */
export const fitOn = (train: ImageRows, val: ImageRows, numClasses: number, settings: TrainSettings) =>
  fitHead({
    train,
    val: { plain: val.plain, labels: val.labels },
    numClasses,
    settings,
    newHead: () => buildHead(train.featureSize, numClasses, settings.hiddenUnits, settings.dropout, settings.seed),
  });
