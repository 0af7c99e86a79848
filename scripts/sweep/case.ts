// One sweep case (dataset, backbone, seed) and the head a recipe trains on its training split.
import { stratifiedSplit } from '../../src/core/data/split';
import type { Backbone } from '../../src/core/backbones/backbone';
import { fitHead } from '../../src/core/train/fit';
import { buildHead } from '../../src/core/train/head';
import { applyRecipe, chooseRecipe, type RecipeShape } from '../../src/core/train/recipe';
import type { ImageRows } from '../../src/core/train/rows';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import type { BoundaryRows } from './boundary-dump';
import type { Depth, Dump } from './feature-dump';

export interface Case {
  dump: Dump;
  seed: number;
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

/** One dump's rows for images `idx`: the chosen depths concatenated, optionally L2-normalised. */
export function rowsOf(dump: Dump, idx: readonly number[], depths: readonly Depth[], l2 = false): ImageRows {
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
  /** average the probabilities of each validation image and its mirror */
  tta?: boolean;
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
  const { dump, seed } = c;
  const split = stratifiedSplit(dump.labels, DEFAULT_SETTINGS.valSplit, seed);
  const depths = opts.depths ?? ['final'];
  const train = rowsOf(dump, split.train, depths, opts.l2);
  const val = rowsOf(dump, split.val, depths, opts.l2);
  const numClasses = dump.classes.length;
  let s = { ...settings, seed };
  let chose: string | undefined;
  if (pick) s = await pick(train, numClasses);
  else if (auto) {
    const choice = await chooseRecipe({ ...train, numClasses }, s, { shapes: auto.shapes, epochs: auto.epochs });
    s = applyRecipe(s, choice.chosen);
    chose = `${JSON.stringify(choice.chosen)} cv ${choice.seconds.toFixed(1)} s`;
  }
  const fit = await fitHead({
    train,
    val: { plain: val.plain, labels: val.labels },
    numClasses,
    settings: s,
    newHead: () => buildHead(train.featureSize, numClasses, s.hiddenUnits, s.dropout, s.seed),
  });
  return { split, train, val, numClasses, fit, chose };
}
