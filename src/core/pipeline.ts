import * as tf from '@tensorflow/tfjs';
import { POOLED_BOUNDARY } from './backbones/backbone';
import { trainingSplit, type LabelledImage } from './data/train-val';
import { firstPart, restOfImages } from './pipeline-first';
import { FeatureCache } from './features/cache';
import { imageRows } from './features/matrix';
import { fineTunePipeline } from './finetune/run';
import { restorePretrained } from './finetune/weights';
import { extractFeatures, StoppedError } from './features/extract';
import { buildHead } from './train/head';
import { augmentViewsFor, beforeRecipe, resolveSettings, type TrainSettings } from './train/settings';
import { extractViews } from './features/views';
import { stoppedBeforeAnEpoch, type Checkpoint } from './train/epochs';
import { recipeOf, withPlan } from './train/interrupted';
import { separateHeadBackend, moveHeadToActiveBackend, runOnHeadBackend } from './train/head-backend';
import { runOutcome, type TrainOutcome } from './train/outcome';
import { stopKeepsFirst } from './train/stop-keeps';
import { fitHead } from './train/fit';
import { evaluateHead } from './train/trainer';
import { applyRecipe, chooseRecipe, type RecipeChoice } from './train/recipe';
import type { PipelineArgs, PipelineEvent } from './run-args';

export type { LabelledImage, PipelineArgs, PipelineEvent, TrainOutcome };

/** What trainPipeline takes: the run's arguments, and what an earlier attempt of the same run handed over. */
export type RunArgs = PipelineArgs & {
  /**
   * The first model an attempt of this run handed over before its backend fell over and the run
   * resumed from a checkpoint (the caller owns its head, on a backend still working): a resumed
   * attempt trains no first model, yet Stop still keeps the better of the two, as without the fallback.
   */
  handedOver?: TrainOutcome;
};

/** images per class (index = class) */
const perClass = (images: readonly LabelledImage[], numClasses: number) => {
  const counts = new Array<number>(numClasses).fill(0);
  for (const i of images) counts[i.label]++;
  return counts;
};

/** Epochs of the first, plain-features head: about a second of dense steps for 500 images on wasm. */
export const FIRST_MODEL_EPOCHS = 12;
/** A first model on part of the images gets more epochs, up to this many (see firstModelEpochs). */
export const FIRST_MODEL_MAX_EPOCHS = 30;

/**
 * The first head's epochs: FIRST_MODEL_EPOCHS of 400 training images at batch 32 are about 150
 * steps; a first model on part of the images keeps about as many steps (54 images: 2 batches an
 * epoch, 24 steps in 12 epochs left it undertrained), within FIRST_MODEL_MAX_EPOCHS and the run's own.
 */
export function firstModelEpochs(trainImages: number, batchSize: number, runEpochs: number): number {
  const steps = FIRST_MODEL_EPOCHS * Math.ceil(400 / 32);
  const perEpoch = Math.max(1, Math.ceil(trainImages / batchSize));
  return Math.min(
    runEpochs,
    Math.max(FIRST_MODEL_EPOCHS, Math.min(FIRST_MODEL_MAX_EPOCHS, Math.ceil(steps / perEpoch))),
  );
}

/**
 * Pooled features of every image through the shared cache (head-only training and the LR finder):
 * progress and unreadable images reported as events, a dataset that cannot train refused.
 */
export async function pooledFeatures(
  args: Pick<PipelineArgs, 'backbone' | 'classes' | 'images' | 'decode' | 'cache' | 'settings' | 'shouldStop'> & {
    onEvent?: (e: Extract<PipelineEvent, { type: 'extract' | 'skipped' }>) => void;
  },
) {
  const { backbone, classes, images, decode, cache, settings, onEvent, shouldStop } = args;
  const table = cache.table(FeatureCache.key(backbone.spec.id, POOLED_BOUNDARY, settings.cropMode));
  const extraction = await extractFeatures(
    backbone,
    images.map((i) => i.id),
    decode,
    table,
    {
      cropMode: settings.cropMode,
      onProgress: (done, total) => onEvent?.({ type: 'extract', done, total }),
      shouldStop,
    },
  );
  extraction.failed.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
  return { table, ...trainingSplit(classes, images, table, settings), extraction };
}

export async function trainPipeline(given: RunArgs): Promise<TrainOutcome> {
  // every unset knob gets its mode's default here, for the studio and the CLI alike
  const args = { ...given, settings: resolveSettings(given.settings) };
  // unfreeze > 0 trains the top backbone blocks too (src/core/finetune).
  if (args.settings.unfreeze > 0) return { ...(await fineTunePipeline(args)), settings: args.settings };
  const { backbone, classes, images, decode, cache, settings, onEvent, shouldStop } = args;
  // A previous fine-tuning run left its weights in the backbone; head-only runs start from the pretrained ones.
  restorePretrained(backbone, cache);
  const t0 = performance.now();
  const views = augmentViewsFor(settings);
  // a resumed run (or one continuing an imported head) goes straight on with the full model
  const twoPhase = views > 0 && !args.resume && !!args.onFirstModel;
  const table = cache.table(FeatureCache.key(backbone.spec.id, POOLED_BOUNDARY, settings.cropMode));
  const viewTable = (k: number) =>
    cache.table(FeatureCache.viewKey(backbone.spec.id, POOLED_BOUNDARY, settings.cropMode, k));
  // a two-phase run extracts a stratified part first and trains its first model on that (pipeline-first.ts)
  const part = twoPhase ? await firstPart(args, table, t0) : null;
  let extraction: Awaited<ReturnType<typeof pooledFeatures>>['extraction'];
  try {
    extraction = part?.extraction ?? (await pooledFeatures(args)).extraction;
  } catch (err) {
    // a resumed attempt stopped while reading its plain features: the first model handed over stays the run's
    if (args.handedOver && err instanceof StoppedError) return { ...args.handedOver, stopped: true };
    throw err;
  }
  const failed = [...extraction.failed];
  // An image that failed is out even when its plain row is cached: the views' decode can fail after
  // the plain one worked (or the plain row came from an earlier run), and training needs every row.
  const splitNow = () => {
    const out = new Set(failed.map((f) => f.id));
    return trainingSplit(classes, images, { has: (id) => table.has(id) && !out.has(id) }, settings);
  };
  // after a partial first pass the split waits for every image to know which ones drop out
  let split = part && !part.complete ? null : splitNow();

  const { featureSize } = backbone.spec;
  // Features are plain arrays, so the head can train on another backend than the one that
  // extracted them; it comes home afterwards, where predictions and exports use the backbone.
  const extractedOn = tf.getBackend();
  const away = separateHeadBackend(args.headBackend);
  // a resumed run goes on under the recipe its checkpoint was trained with (chosen again when it has none)
  let recipe: RecipeChoice | null = recipeOf(args.resume);
  /** `auto`: choose the recipe by cross-validation on the training rows (the full model only) */
  const fit = async (
    on: { train: LabelledImage[]; val: LabelledImage[] },
    viewCount: number,
    s: TrainSettings,
    auto: boolean,
    hooks: { resume?: Checkpoint; onCheckpoint?: (c: Checkpoint) => void; announce?: boolean },
  ) => {
    const trainRows = imageRows(
      Array.from({ length: viewCount + 1 }, (_, k) => viewTable(k)),
      on.train,
      featureSize,
    );
    const valRows = imageRows([table], on.val, featureSize);
    let used = s;
    const trainAndEvaluate = async () => {
      if (auto) {
        recipe ??= await chooseRecipe({ ...trainRows, numClasses: classes.length }, s, {
          shouldStop,
          onProgress: (done, total) => onEvent?.({ type: 'recipe', done, total }),
        });
        used = applyRecipe(s, recipe.chosen);
      }
      const { announce, onCheckpoint, resume } = hooks;
      if (announce) onEvent?.({ type: 'plan', epochs: used.epochs });
      return fitHead({
        train: trainRows,
        val: { plain: valRows.plain, labels: valRows.labels },
        numClasses: classes.length,
        settings: used,
        newHead: () => buildHead(featureSize, classes.length, used.hiddenUnits, used.dropout, used.seed),
        temperature: auto ? recipe?.chosen.temperature : undefined,
        hooks: {
          onEvent,
          shouldStop,
          resume,
          // a reload's offer to resume says "after epoch N of" these, not the settings' field
          onCheckpoint: onCheckpoint && ((c) => onCheckpoint(withPlan(c, used.epochs, auto ? recipe : null))),
        },
      });
    };
    const done = away ? await runOnHeadBackend(away, trainAndEvaluate) : await trainAndEvaluate();
    const newHead = () => buildHead(featureSize, classes.length, used.hiddenUnits, used.dropout, used.seed);
    return { ...done, head: away ? await moveHeadToActiveBackend(done.head, newHead) : done.head, used, on, auto };
  };
  type Fitted = Awaited<ReturnType<typeof fit>>;
  const outcome = (r: Fitted, seconds: TrainOutcome['seconds'], extracted: number): TrainOutcome => ({
    ...runOutcome({
      head: r.head,
      classes,
      ...r.loop,
      trainCount: r.on.train.length,
      val: r.on.val,
      evaluation: r.evaluation,
      skipped: [...failed],
      seconds,
      extracted,
      boundary: POOLED_BOUNDARY,
    }),
    backends: { extraction: extractedOn, training: away?.name ?? extractedOn },
    settings: r.used,
    // a first model on a sample: its card counts the images it used, not the run's
    imagesPerClass: { train: perClass(r.on.train, classes.length), val: perClass(r.on.val, classes.length) },
    // only a head the recipe shaped carries its choice (a first model kept by Stop trained the fields as set)
    recipe: r.auto ? recipe : null,
    heldForEarlyStop: r.held,
    earlyStopSkipped: r.earlyStopSkipped,
  });

  /** the first model's head on every validation image (Stop compares it with the full model there) */
  const onEveryValImage = async (f: TrainOutcome, val: LabelledImage[]) => {
    const rows = imageRows([table], val, featureSize);
    const x = tf.tensor2d(rows.plain, [val.length, featureSize]);
    return evaluateHead(f.head, x, rows.labels, classes.length).finally(() => x.dispose());
  };
  /** a first model on part of the images, kept by Stop: its figures are every validation image's */
  const keptFirst = (
    f: TrainOutcome,
    val: LabelledImage[],
    evaluation: Awaited<ReturnType<typeof onEveryValImage>>,
    ofTrain: number,
  ): TrainOutcome => ({
    ...f,
    ...runOutcome({
      ...f,
      stopped: true,
      trainCount: f.images.train,
      val,
      evaluation,
      skipped: [...failed],
      boundary: POOLED_BOUNDARY,
    }),
    phase: 'first',
    partOf: { train: ofTrain, val: val.length },
    ...(f.imagesPerClass && { imagesPerClass: { train: f.imagesPerClass.train, val: perClass(val, classes.length) } }),
  });

  const auto = settings.recipe !== 'manual';
  // this attempt's first model, or the one an earlier attempt handed over (a resumed run trains none)
  let first: TrainOutcome | null = part ? null : (args.handedOver ?? null);
  if (part) {
    const t = performance.now();
    // the first model trains on plain features for a few epochs, the recipe choice waiting for the
    // views: the fields as set under the manual recipe, the defaults under the automatic one
    const on = split ?? part.sample;
    const base = auto ? beforeRecipe(settings) : settings;
    const quick = {
      ...base,
      // plain features only: its record says so (it read "2 views")
      augmentViews: 0,
      epochs: split
        ? Math.min(base.epochs, FIRST_MODEL_EPOCHS)
        : firstModelEpochs(on.train.length, base.batchSize, base.epochs),
    };
    onEvent?.({ type: 'phase', phase: 'first', epochs: quick.epochs, images: part.settled });
    const firstFit = await fit(on, 0, quick, false, {});
    // handed over, a first model of a few steps took the place of the model that answered before
    if (stoppedBeforeAnEpoch(firstFit.loop)) {
      firstFit.head.dispose();
      throw new StoppedError();
    }
    const partOf = split ? undefined : { train: part.provisional.train.length, val: part.provisional.val.length };
    first = {
      ...outcome(firstFit, { extract: (t - t0) / 1000, train: (performance.now() - t) / 1000 }, extraction.computed),
      phase: 'first',
      ...(partOf && { partOf }),
      // under the automatic recipe the defaults asked for early stopping, not the user: no "add images to turn it on"
      ...(auto && { earlyStopSkipped: null }),
    };
    args.onFirstModel!(first);
    if (first.stopped) return first;
    onEvent?.({ type: 'phase', phase: 'final', epochs: settings.epochs });
  }
  const t1 = performance.now();
  try {
    let computed = extraction.computed;
    const partial = !split;
    if (!split) {
      const rest = await restOfImages(args, table, viewTable, views, part!);
      computed += rest.computed;
      failed.push(...rest.failed);
      split = splitNow();
    }
    const total = part ? split.train.length * views : images.length + split.train.length * views;
    const before = part ? 0 : images.length;
    // (after a partial first pass these are cached already)
    for (let pass = 0; ; pass++) {
      let lost: { id: string; reason: string }[] = [];
      computed += await extractViews(
        backbone,
        split.train.map((i) => i.id),
        decode,
        viewTable,
        views,
        {
          cropMode: settings.cropMode,
          shouldStop,
          onPasses:
            partial || pass > 0 ? undefined : (passes) => onEvent?.({ type: 'extract', done: before + passes, total }),
          onFailed: (f) => (lost = f),
        },
      );
      if (!lost.length) break;
      // left out of training; an image the split moves across in its place (keepBothSides) needs its views
      failed.push(...lost);
      lost.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
      split = splitNow();
    }
    const trainImages = split.train;
    const t2 = performance.now();
    const r = await fit(split, views, settings, auto, {
      resume: args.resume,
      onCheckpoint: args.onCheckpoint,
      announce: true,
    });
    // no epoch finished: nothing to deliver (a first model is kept instead, below)
    const empty = stoppedBeforeAnEpoch(r.loop);
    if (empty && !first) {
      r.head.dispose();
      throw new StoppedError();
    }
    // the views' extraction counts as extraction; a first model's time is part of neither
    const final: TrainOutcome = {
      ...outcome(
        r,
        {
          extract: (first ? first.seconds.extract : 0) + (t2 - (part ? t1 : t0)) / 1000,
          train: (performance.now() - t2) / 1000,
        },
        computed,
      ),
      phase: first ? 'final' : undefined,
    };
    if (!first) return final;
    // a first model on part of the images saw only some validation images: judged on all of them too,
    // so the two can be compared, and Stop keeps the best model so far (a full model stopped short
    // may still trail the first one)
    let onAll: Awaited<ReturnType<typeof onEveryValImage>> | null = null;
    if (first.partOf) {
      // a head that cannot answer (disposed: its attempt was given up on) is no model to keep: the full model stays
      onAll = await onEveryValImage(first, split.val).catch(() => null);
      if (!onAll) return final;
      final.firstOnAllVal = onAll.accuracy;
    }
    const firstOnVal = onAll ?? { accuracy: first.valAccuracy, loss: first.valLoss };
    if (!final.stopped || (!empty && !stopKeepsFirst(firstOnVal, { accuracy: final.valAccuracy, loss: final.valLoss })))
      return final;
    final.head.dispose();
    return onAll ? keptFirst(first, split.val, onAll, trainImages.length) : { ...first, stopped: true };
  } catch (err) {
    if (first && err instanceof StoppedError) return { ...first, stopped: true };
    throw err;
  }
}
