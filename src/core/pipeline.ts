import * as tf from '@tensorflow/tfjs';
import { POOLED_BOUNDARY } from './backbones/backbone';
import { trainingSplit, type LabelledImage } from './data/train-val';
import { FeatureCache } from './features/cache';
import { imageRows } from './features/matrix';
import { fineTunePipeline } from './finetune/run';
import { restorePretrained } from './finetune/weights';
import { extractFeatures, StoppedError } from './features/extract';
import { buildHead } from './train/head';
import { augmentViewsFor, resolveSettings, type TrainSettings } from './train/settings';
import { extractViews } from './features/views';
import type { Checkpoint } from './train/epochs';
import { separateHeadBackend, moveHeadToActiveBackend, runOnHeadBackend } from './train/head-backend';
import { runOutcome, type TrainOutcome } from './train/outcome';
import { fitHead } from './train/fit';
import { applyRecipe, chooseRecipe, type RecipeChoice } from './train/recipe';
import type { PipelineArgs, PipelineEvent } from './run-args';

export type { LabelledImage, PipelineArgs, PipelineEvent, TrainOutcome };

/** Epochs of the first, plain-features head: about a second of dense steps for 500 images on wasm. */
export const FIRST_MODEL_EPOCHS = 12;

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

export async function trainPipeline(given: PipelineArgs): Promise<TrainOutcome> {
  // every unset knob gets its mode's default here, for the studio and the CLI alike
  const args = { ...given, settings: resolveSettings(given.settings) };
  // unfreeze > 0 trains the top backbone blocks too (src/core/finetune).
  if (args.settings.unfreeze > 0) return { ...(await fineTunePipeline(args)), settings: args.settings };
  const { backbone, classes, images, decode, cache, settings, onEvent, shouldStop } = args;
  // A previous fine-tuning run left its weights in the backbone; head-only runs start from the pretrained ones.
  restorePretrained(backbone, cache);
  const t0 = performance.now();
  const { table, train: trainImages, val: valImages, extraction } = await pooledFeatures(args);
  const views = augmentViewsFor(settings);
  const viewTable = (k: number) =>
    cache.table(FeatureCache.viewKey(backbone.spec.id, POOLED_BOUNDARY, settings.cropMode, k));
  // a resumed run (or one continuing an imported head) goes straight on with the full model
  const twoPhase = views > 0 && !args.resume && !!args.onFirstModel;

  const { featureSize } = backbone.spec;
  const valRows = imageRows([table], valImages, featureSize);
  // Features are plain arrays, so the head can train on another backend than the one that
  // extracted them; it comes home afterwards, where predictions and exports use the backbone.
  const extractedOn = tf.getBackend();
  const away = separateHeadBackend(args.headBackend);
  let recipe: RecipeChoice | null = null;
  /** `auto`: choose the recipe by cross-validation on the training rows (the full model only) */
  const fit = async (
    viewCount: number,
    s: TrainSettings,
    auto: boolean,
    hooks: { resume?: Checkpoint; onCheckpoint?: (c: Checkpoint) => void },
  ) => {
    const trainRows = imageRows(
      Array.from({ length: viewCount + 1 }, (_, k) => viewTable(k)),
      trainImages,
      featureSize,
    );
    let used = s;
    const trainAndEvaluate = async () => {
      if (auto) {
        recipe ??= await chooseRecipe({ ...trainRows, numClasses: classes.length }, s, {
          shouldStop,
          onProgress: (done, total) => onEvent?.({ type: 'recipe', done, total }),
        });
        used = applyRecipe(s, recipe.chosen);
      }
      return fitHead({
        train: trainRows,
        val: { plain: valRows.plain, labels: valRows.labels },
        numClasses: classes.length,
        settings: used,
        newHead: () => buildHead(featureSize, classes.length, used.hiddenUnits, used.dropout, used.seed),
        hooks: { onEvent, shouldStop, ...hooks },
      });
    };
    const done = away ? await runOnHeadBackend(away, trainAndEvaluate) : await trainAndEvaluate();
    const newHead = () => buildHead(featureSize, classes.length, used.hiddenUnits, used.dropout, used.seed);
    return { ...done, head: away ? await moveHeadToActiveBackend(done.head, newHead) : done.head, used };
  };
  const outcome = (
    r: Awaited<ReturnType<typeof fit>>,
    seconds: TrainOutcome['seconds'],
    extracted: number,
  ): TrainOutcome => ({
    ...runOutcome({
      head: r.head,
      classes,
      ...r.loop,
      trainCount: trainImages.length,
      val: valImages,
      evaluation: r.evaluation,
      skipped: extraction.failed,
      seconds,
      extracted,
      boundary: POOLED_BOUNDARY,
    }),
    backends: { extraction: extractedOn, training: away?.name ?? extractedOn },
    settings: r.used,
    recipe: r.used === settings ? null : recipe,
    heldForEarlyStop: r.held,
    earlyStopSkipped: r.earlyStopSkipped,
  });

  const auto = settings.recipe !== 'manual';
  let first: TrainOutcome | null = null;
  if (twoPhase) {
    const t = performance.now();
    // the first model trains the fields as set, on plain features, for a few epochs; the recipe choice waits for the views
    const quick = { ...settings, epochs: Math.min(settings.epochs, FIRST_MODEL_EPOCHS) };
    onEvent?.({ type: 'phase', phase: 'first', epochs: quick.epochs });
    first = {
      ...outcome(
        await fit(0, quick, false, {}),
        { extract: (t - t0) / 1000, train: (performance.now() - t) / 1000 },
        extraction.computed,
      ),
      phase: 'first',
    };
    args.onFirstModel!(first);
    if (first.stopped) return first;
    onEvent?.({ type: 'phase', phase: 'final', epochs: settings.epochs });
  }
  const t1 = performance.now();
  const total = twoPhase ? trainImages.length * views : images.length + trainImages.length * views;
  const before = twoPhase ? 0 : images.length;
  try {
    const viewPasses = await extractViews(
      backbone,
      trainImages.map((i) => i.id),
      decode,
      viewTable,
      views,
      {
        cropMode: settings.cropMode,
        shouldStop,
        onPasses: (passes) => onEvent?.({ type: 'extract', done: before + passes, total }),
      },
    );
    const t2 = performance.now();
    const r = await fit(views, settings, auto, { resume: args.resume, onCheckpoint: args.onCheckpoint });
    // the views' extraction counts as extraction; a first model's time is part of neither
    const final: TrainOutcome = {
      ...outcome(
        r,
        {
          extract: (first ? first.seconds.extract : 0) + (t2 - (first ? t1 : t0)) / 1000,
          train: (performance.now() - t2) / 1000,
        },
        extraction.computed + viewPasses,
      ),
      phase: first ? 'final' : undefined,
    };
    // Stop keeps the best model so far: a full model stopped short may still trail the first one
    if (first && final.stopped && final.valAccuracy < first.valAccuracy) {
      final.head.dispose();
      return { ...first, stopped: true };
    }
    return final;
  } catch (err) {
    if (first && err instanceof StoppedError) return { ...first, stopped: true };
    throw err;
  }
}
