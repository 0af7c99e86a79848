// The recipes the sweep compares. Each takes one (dataset, backbone, seed) case, trains on its
// training split only and returns the validation accuracy of the head it would deliver.
import * as tf from '@tensorflow/tfjs';
import { RECIPE_EPOCHS, RECIPE_SHAPES, type RecipeShape } from '../../src/core/train/recipe';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import { argmaxRows } from '../../src/core/train/metrics';
import type { Depth } from './feature-dump';
import { caseHead, type Case, type CaseResult, type Options, type SweepRecipe } from './case';
import { GRID_TO_01 } from './grids';
import { fineTune } from './finetune';
import { hiddenCv } from './hidden-cv';
import { depthCv, depthEnsemble, scalesAsViews, type FeatureSet } from './variants';

async function fitCase(
  c: Case,
  settings: TrainSettings,
  opts: Options,
  auto?: { shapes?: readonly RecipeShape[]; epochs?: readonly number[] },
): Promise<CaseResult> {
  const { train, val, numClasses, fit, chose } = await caseHead(c, settings, opts, auto);
  let accuracy = fit.evaluation.accuracy;
  const predict = async (probs: tf.Tensor) => {
    const pred = argmaxRows((await probs.data()) as Float32Array, numClasses);
    probs.dispose();
    return pred.filter((p, i) => p === val.labels[i]).length / val.labels.length;
  };
  const rowsTensor = (rows: Float32Array) => tf.tensor2d(rows, [val.labels.length, train.featureSize]);
  if (opts.tta) {
    accuracy = await predict(
      tf.tidy(() => {
        const p = (rows: Float32Array) => tf.softmax(fit.head.logits(rowsTensor(rows)));
        return p(val.plain).add(p(val.views[0]));
      }),
    );
  }
  const tta = await predict(
    tf.tidy(() => fit.head.logits(rowsTensor(val.plain).add(rowsTensor(val.views[0])).div(2) as tf.Tensor2D)),
  );
  fit.head.dispose();
  return { accuracy, tta, chose };
}

const manual = (name: string, over: Partial<TrainSettings>, opts: Options = {}): SweepRecipe => {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'manual', ...over };
  return { name, spec: { settings, opts }, run: (c) => fitCase(c, settings, opts) };
};
const auto = (
  name: string,
  opts: Options = {},
  shapes?: readonly RecipeShape[],
  epochs?: readonly number[],
): SweepRecipe => {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto' };
  return {
    name,
    spec: { settings, opts, shapes: shapes ?? GRID_TO_01, epochs: epochs ?? RECIPE_EPOCHS },
    run: (c) => fitCase(c, settings, opts, { shapes: shapes ?? GRID_TO_01, epochs }),
  };
};
/** Linear standardised candidates with these L2 strengths, augmented views on or off. */
const linear = (l2: number[], views = true, standardise = true): RecipeShape[] =>
  l2.map((weightDecay) => ({ hiddenUnits: 0, dropout: 0, weightDecay, standardise, views }));
const WIDE = linear([1e-3, 1e-2, 3e-2, 0.1, 0.3, 1]);

const plain = { augmentViews: 0, earlyStopPatience: 0, weightDecay: 0, dropout: 0, featureNorm: 'none' } as const;

/** The row `row`'s heads on mirror-averaged validation features (CaseResult.tta). */
const ttaOf = (row: number, what = "TTA: features averaged with the mirror's"): SweepRecipe => ({
  name: `${RECIPES[row].name}, ${what}`,
  spec: null,
  ttaOf: row,
  run: () => Promise.reject(new Error('a TTA row is read off its base row')),
});

export const RECIPES: SweepRecipe[] = [
  manual('linear probe (softmax, Adam 1e-3, 100 epochs, batch 32)', { ...plain, hiddenUnits: 0, epochs: 100 }),
  manual('Teachable Machine (Dense 100 ReLU, Adam 1e-3, 50 epochs, batch 16)', {
    ...plain,
    hiddenUnits: 100,
    epochs: 50,
    batchSize: 16,
    classWeights: false,
  }),
  manual('previous default (512, dropout 0.5, L2 1e-4, 2 views, 60 epochs, ES inner split)', {
    hiddenUnits: 512,
    dropout: 0.5,
    weightDecay: 1e-4,
    augmentViews: 2,
    epochs: 60,
    earlyStopPatience: 10,
  }),
  auto('automatic recipe (3-fold CV)'),
  auto('automatic recipe + TTA (mirror)', { tta: true }),
  auto('automatic recipe, final + mid1 depths', { depths: ['final', 'mid1'] }),
  auto('automatic recipe, L2-normalised rows', { l2: true }),
  manual('linear, standardised, L2 1e-4, 2 views, 40 epochs', {
    ...plain,
    hiddenUnits: 0,
    weightDecay: 1e-4,
    augmentViews: 2,
    epochs: 40,
    featureNorm: 'standardise',
  }),
  auto('automatic recipe, L2 grid 1e-3 to 1', {}, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths', { depths: ['final', 'mid1'] }, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, final + mid2 depths', { depths: ['final', 'mid2'] }, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, no augmented views', {}, linear([1e-3, 1e-2, 3e-2, 0.1, 0.3, 1], false)),
  auto('automatic recipe, L2 grid 1e-3 to 1, epochs 25-200', {}, WIDE, [25, 50, 100, 200]),
];
// each reads the row it names (by index) for its TTA figures
RECIPES.splice(11, 0, ...[8, 9, 10].map((row) => ttaOf(row)));
const FT = { lr: 1e-3, backboneLrScale: 0.5, epochs: 10, patience: 3, weightDecay: 0 };
RECIPES.push(
  fineTune({ ...FT, unfreeze: 1 }),
  fineTune({ ...FT, unfreeze: 2 }),
  hiddenCv('automatic recipe + hidden-layer candidates (100 ReLU; 256 ReLU, dropout 0.5) in the CV'),
  fineTune({ ...FT, unfreeze: 1, lr: 2e-4 }),
);
// this session (acc7): head-only variants on the cached features, all on the wider L2 grid
const ALL: Depth[] = ['final', 'mid1', 'mid2'];
const SETS: Depth[][] = [['final'], ['final', 'mid1'], ALL];
RECIPES.push(
  auto('automatic recipe, L2 grid 1e-3 to 1, all three depths (final + mid1 + mid2)', { depths: ALL }, WIDE),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, power-normalised',
    { depths: ['final', 'mid1'], power: true },
    WIDE,
  ),
  auto('automatic recipe, L2 grid 1e-3 to 1, power-normalised', { power: true }, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, all three depths, power-normalised', { depths: ALL, power: true }, WIDE),
  depthCv('automatic recipe, L2 grid 1e-3 to 1, CV also chooses final / final + mid1 / all three depths', SETS, WIDE),
  depthEnsemble(
    'probabilities averaged: automatic heads on final, final + mid1, final + mid2 (L2 grid 1e-3 to 1)',
    [['final'], ['final', 'mid1'], ['final', 'mid2']],
    WIDE,
  ),
);
RECIPES.push({
  name: 'probabilities averaged: automatic heads on final, final + mid1, final + mid2, each on the image and its mirror',
  spec: null,
  ttaOf: RECIPES.length - 1,
  run: () => Promise.reject(new Error('read off the row above (its tta figure)')),
});
// FixRes trial: the same frozen backbone fed larger images (features extracted at that size)
RECIPES.push(
  auto('automatic recipe (3-fold CV), images at 288 px', { sizes: [288] }),
  auto('automatic recipe (3-fold CV), images at 320 px', { sizes: [320] }),
  auto('automatic recipe (3-fold CV), 224 + 320 px features concatenated', { sizes: [224, 320] }),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, images at 320 px',
    { depths: ['final', 'mid1'], sizes: [320] },
    WIDE,
  ),
);
RECIPES.push(
  auto('automatic recipe (3-fold CV), the 224-px input resized up to 320 px (as an in-graph resize would)', {
    sizes: ['320u'],
  }),
);
// this session (acc8): the gains measured one by one, combined (two depths × two resolutions),
// and the feature set chosen per case by the same CV on the training split
const F1: Depth[] = ['final', 'mid1'];
const BOTH = [224, 320] as const;
RECIPES.push(
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 px concatenated',
    { depths: F1, sizes: BOTH },
    WIDE,
  ),
);
RECIPES.push(ttaOf(RECIPES.length - 1));
const FEATURE_SETS: FeatureSet[] = [
  { depths: ['final'] },
  { depths: F1 },
  { depths: F1, sizes: [320] },
  { depths: ['final'], sizes: BOTH },
  { depths: F1, sizes: BOTH },
];
const FEATURE_CV =
  'automatic recipe, L2 grid 1e-3 to 1, CV also chooses the features: 224 px final / 224 final + mid1 / 320 final + mid1 / 224 + 320 final / 224 + 320 final + mid1';
RECIPES.push(depthCv(FEATURE_CV, FEATURE_SETS, WIDE));
RECIPES.push(ttaOf(RECIPES.length - 1));
RECIPES.push(
  depthEnsemble(
    'probabilities averaged: automatic heads on 224 px final + mid1 and 320 px final + mid1 (L2 grid 1e-3 to 1)',
    [{ depths: F1 }, { depths: F1, sizes: [320] }],
    WIDE,
  ),
);
RECIPES.push(ttaOf(RECIPES.length - 1, 'each on the image and its mirror'));
// the same features standardised in the sweep and each block (depth × resolution) scaled to the
// same total variance; the CV then trains on them as they are
RECIPES.push(
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 px concatenated, blocks scaled to equal variance',
    { depths: F1, sizes: BOTH, equalBlocks: true },
    linear([1e-3, 1e-2, 3e-2, 0.1, 0.3, 1], true, false),
  ),
);
RECIPES.push(depthCv(`${FEATURE_CV}, the set with the lowest CV loss`, FEATURE_SETS, WIDE, false, 'loss'));
// scale as augmentation instead of concatenation: the 224- and 320-px views of an image train one
// head of the usual width; its probabilities on both sizes are averaged
RECIPES.push(
  scalesAsViews(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224- and 320-px views of each image as augmentations of one head, probabilities of both sizes averaged',
    F1,
    WIDE,
  ),
);
RECIPES.push(ttaOf(RECIPES.length - 1, "and over each size's mirror"));
// this session (acc9): poolings beside the global average (dumps extracted since acc9 keep them):
// a 2×2 grid of quadrant averages (a spatial pyramid with the global pool), the global max, GeM
const GRID_FINAL = { final: ['avg', 'grid'] } as const;
const GRID_BOTH = { final: ['avg', 'grid'], mid1: ['avg', 'grid'] } as const;
RECIPES.push(
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, final also pooled on a 2×2 grid',
    { depths: F1, pools: GRID_FINAL },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, both also pooled on a 2×2 grid',
    { depths: F1, pools: GRID_BOTH },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, both also max-pooled',
    { depths: F1, pools: { final: ['avg', 'max'], mid1: ['avg', 'max'] } },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, both also GeM-pooled (p = 3)',
    { depths: F1, pools: { final: ['avg', 'gem'], mid1: ['avg', 'gem'] } },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 px concatenated, final also pooled on a 2×2 grid',
    { depths: F1, sizes: BOTH, pools: GRID_FINAL },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 px concatenated, both also pooled on a 2×2 grid',
    { depths: F1, sizes: BOTH, pools: GRID_BOTH },
    WIDE,
  ),
);
RECIPES.push(
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 px concatenated, both also max-pooled',
    { depths: F1, sizes: BOTH, pools: { final: ['avg', 'max'], mid1: ['avg', 'max'] } },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 px concatenated, both also GeM-pooled (p = 3)',
    { depths: F1, sizes: BOTH, pools: { final: ['avg', 'gem'], mid1: ['avg', 'gem'] } },
    WIDE,
  ),
);
RECIPES.push(
  depthEnsemble(
    'probabilities averaged: automatic heads on final + mid1 pooled by average, by average + max, by average + 2×2 grid on final (L2 grid 1e-3 to 1)',
    [
      { depths: F1 },
      { depths: F1, pools: { final: ['avg', 'max'], mid1: ['avg', 'max'] } },
      { depths: F1, pools: GRID_FINAL },
    ],
    WIDE,
  ),
);
RECIPES.push(ttaOf(RECIPES.length - 1, 'each on the image and its mirror'));
// this session (acc10): the same pooling ensemble on the 224 + 320 px combination (row 32's features)
RECIPES.push(
  depthEnsemble(
    'probabilities averaged: automatic heads on final + mid1 at 224 + 320 px concatenated, pooled by average, by average + max, by average + 2×2 grid on final (L2 grid 1e-3 to 1)',
    [
      { depths: F1, sizes: BOTH },
      { depths: F1, sizes: BOTH, pools: { final: ['avg', 'max'], mid1: ['avg', 'max'] } },
      { depths: F1, sizes: BOTH, pools: GRID_FINAL },
    ],
    WIDE,
  ),
);
RECIPES.push(ttaOf(RECIPES.length - 1, 'each on the image and its mirror'));
// a third input size (448 px), the lead left by acc10: tf-flowers' photos are larger than 224 px,
// and 320 px gained most there
RECIPES.push(
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 448 px concatenated',
    { depths: F1, sizes: [224, 448] },
    WIDE,
  ),
  auto(
    'automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths, 224 + 320 + 448 px concatenated',
    { depths: F1, sizes: [224, 320, 448] },
    WIDE,
  ),
);
// the studio's default since the thirty-fifth session (RECIPE_SHAPES, the backbones' joined map):
// the same recipe as the "L2 grid 1e-3 to 1, final + mid1 depths" row above, by the studio's own grid
RECIPES.push(
  auto(
    'automatic recipe, the default since the thirty-fifth session: L2 grid 1e-3 to 1, final + mid1 depths',
    { depths: F1 },
    RECIPE_SHAPES,
  ),
);
// the manual recipe's fields as the form holds them by default (row 2), on the joined features
RECIPES.push(
  manual(
    'manual recipe as the form holds it (512, dropout 0.5, L2 1e-4, 2 views, 60 epochs, ES inner split), final + mid1 depths',
    { hiddenUnits: 512, dropout: 0.5, weightDecay: 1e-4, augmentViews: 2, epochs: 60, earlyStopPatience: 10 },
    { depths: F1 },
  ),
);
