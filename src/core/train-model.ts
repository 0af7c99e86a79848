import * as tf from '@tensorflow/tfjs';
import type { Backbone } from './backbones/backbone';
import { warmUpHead, warmUpShaders } from './backend-timing';
import { cardFacts, type CardFacts } from './export/model-card';
import type { FeatureCache } from './features/cache';
import type { Decoder } from './features/extract';
import { startCheckpoint, type HeadStart } from './model-import/head-start';
import { trainPipeline, type LabelledImage, type PipelineEvent, type TrainOutcome } from './pipeline';
import type { Checkpoint } from './train/epochs';
import type { Head } from './train/head';
import { runOnHeadBackend, type HeadBackend } from './train/head-backend';
import { resolveSettings, type TrainSettings } from './train/settings';

/**
 * Runs `run` and, when its backend falls over, runs it again on the next one from the last
 * checkpoint it reported (the studio's worker: worker/fallback.ts). `failed` lists the backends
 * given up on; `headSide` is the backend a head-only run trains its head on, if not the active one.
 * Once `abandoned()`, an attempt's result is nobody's: the run disposes what it hands over or returns.
 */
export type FallbackRunner = <T>(
  run: (
    resume: Checkpoint | undefined,
    onCheckpoint: (c: Checkpoint) => void,
    abandoned: () => boolean,
    failed: readonly string[],
  ) => Promise<T>,
  start: Checkpoint | undefined,
  headSide: string | null,
) => Promise<T>;

/** What a run needs from where it runs: the studio's worker and the CLI each give their own. */
export interface TrainContext {
  /** the backbone now (a fallback loads it onto the next backend) */
  backbone: () => Backbone;
  cache: FeatureCache;
  decode: Decoder;
  /** where head-only runs train their head (null, or the active backend: where the backbone lives) */
  headBackend?: string | null;
  /** races head work on another backend against that backend being lost */
  guard?: (backend: string) => HeadBackend['guard'];
  /** backend fallback; without it a run whose backend fails, fails */
  fallback?: FallbackRunner;
  /** where checkpoints go (the page stores them, so a reload can resume), at most one per `everyMs` */
  checkpoints?: { sink: (c: Checkpoint) => void; everyMs: number };
  /** fault injection: sees every epoch's checkpoint (the studio's test hook loses the GPU there) */
  afterEpoch?: (c: Checkpoint) => void;
  /** a phase's features are all extracted (the studio stores pooled rows for the next visit) */
  onFeaturesExtracted?: () => void;
}

export interface TrainRequest {
  classes: string[];
  images: LabelledImage[];
  settings: TrainSettings;
  onEvent?: (e: PipelineEvent) => void;
  shouldStop?: () => boolean;
  /** continue a run a reload cut short, after its last checkpoint */
  resume?: Checkpoint;
  /** an imported classifier whose head the run starts from (not when resuming) */
  headStart?: HeadStart | null;
  /** a two-phase run's first model, ready before the full one (the caller owns its head) */
  onFirstModel?: (model: TrainedModel) => void;
}

/** A trained model with the facts its exports and its summary report. */
export interface TrainedModel {
  outcome: TrainOutcome;
  card: CardFacts;
  /** the backend the head trained on */
  trainedOn: string;
  /** the imported model whose head the run started from (null: a fresh head) */
  startedFrom: string | null;
  /** the settings the model was trained with (the automatic recipe's choice filled in) */
  settings: TrainSettings;
}

const isGpu = (name: string) => name === 'webgl' || name === 'webgpu';

/** GPU shaders compile on throw-away data first, so the first epoch's time is training; a failure here fails again in the run, where the fallback takes over. */
async function warmUp(
  backbone: Backbone,
  settings: TrainSettings,
  side: HeadBackend | null,
  onEvent: TrainRequest['onEvent'],
) {
  if (isGpu(tf.getBackend())) {
    await warmUpShaders(backbone, settings.batchSize, settings.hiddenUnits, (done, total) =>
      onEvent?.({ type: 'warmup', done, total }),
    ).catch(() => onEvent?.({ type: 'warmup', done: 2, total: 2 }));
  }
  if (side && isGpu(side.name)) {
    onEvent?.({ type: 'warmup', done: 0, total: 1 });
    // inside the backend's guard, as the head's training is: a WebGL context lost before the run
    // began (nothing noticed it yet) never answers the warm-up's read, and the run hung there
    await runOnHeadBackend(side, () =>
      warmUpHead(backbone.spec.featureSize, settings.batchSize, settings.hiddenUnits),
    ).catch(() => undefined);
    onEvent?.({ type: 'warmup', done: 1, total: 1 });
  }
}

/** Checkpoint reading is paid every epoch anyway (the fallback needs it); passing one on is throttled so tiny fast epochs do not flood the sink. */
function throttled(checkpoints: TrainContext['checkpoints']): (c: Checkpoint) => void {
  if (!checkpoints) return () => undefined;
  let sentAt = -Infinity;
  return (c) => {
    if (performance.now() - sentAt < checkpoints.everyMs) return;
    sentAt = performance.now();
    checkpoints.sink(c);
  };
}

/**
 * Train (head only or fine-tuning): the studio's worker and the CLI both call this. It decides
 * where the head trains, warms GPU shaders up, starts from an imported head or a checkpoint,
 * wires fallback and checkpoints, and returns the model with its card facts.
 */
export async function trainModel(ctx: TrainContext, req: TrainRequest): Promise<TrainedModel> {
  const { classes, images, onEvent } = req;
  // every unset knob gets its mode's default, the same for the studio and the CLI
  const settings = resolveSettings(req.settings);
  const backbone = ctx.backbone();
  // fine-tuning trains backbone blocks, which live on the active backend: only head-only runs move
  const side =
    settings.unfreeze === 0 && ctx.headBackend && ctx.headBackend !== tf.getBackend() ? ctx.headBackend : null;
  await warmUp(backbone, settings, side ? { name: side, guard: ctx.guard?.(side) } : null, onEvent);
  const continuing = req.resume ? null : (req.headStart ?? null);
  if (continuing && settings.unfreeze > 0) {
    throw new Error(
      `Continuing ${continuing.modelName} trains its head only: freeze the whole backbone (head only), or start from scratch to fine-tune.`,
    );
  }
  // the automatic recipe picks its own head shape on standardised features: not the imported head's
  if (continuing && settings.recipe === 'auto') {
    throw new Error(
      `Continuing ${continuing.modelName} trains the head it brings: set Head recipe to manual, or start from scratch for the automatic recipe.`,
    );
  }
  const start = continuing
    ? startCheckpoint(continuing, classes, settings.hiddenUnits, backbone.spec.featureSize)
    : undefined;
  const trained = (outcome: TrainOutcome): TrainedModel => {
    const trainedOn = outcome.backends?.training ?? tf.getBackend();
    const used = outcome.settings ?? settings;
    // every usable image, unless the outcome counts what it used (a first model on part of them)
    const usable = images.filter((i) => !outcome.skipped.some((s) => s.id === i.id));
    const card = cardFacts(
      ctx.backbone(),
      outcome,
      used,
      usable.map((i) => i.label),
      trainedOn,
    );
    return { outcome, card, trainedOn, startedFrom: continuing?.modelName ?? null, settings: used };
  };
  const share = throttled(ctx.checkpoints);
  const wantsCheckpoints = !!(ctx.fallback || ctx.checkpoints || ctx.afterEpoch);
  let featuresKept = false;
  /** the first model handed over last (its head is the caller's): a resumed attempt compares with it */
  let handed: TrainOutcome | null = null;
  /** heads that are not the run's to dispose: handed to the caller, or disposed already */
  const notOurs = new WeakSet<Head>();
  const discard = (head: Head) => {
    if (notOurs.has(head)) return;
    notOurs.add(head);
    try {
      head.dispose();
    } catch {
      // it lived on a backend that is gone
    }
  };
  /** what attempts not given up on returned: only the one the fallback returns is kept */
  const returned: TrainOutcome[] = [];
  const run = (
    from: Checkpoint | undefined,
    onCheckpoint: (c: Checkpoint) => void,
    abandoned: () => boolean,
    failed: readonly string[],
  ) =>
    trainPipeline({
      backbone: ctx.backbone(),
      headBackend: side && !failed.includes(side) ? { name: side, guard: ctx.guard?.(side) } : undefined,
      classes,
      images,
      decode: ctx.decode,
      cache: ctx.cache,
      settings,
      onEvent: (e) => {
        // an attempt given up on reports nothing more: the page follows the one that goes on
        if (abandoned()) return;
        // extraction is over once a phase's training steps begin: keep what it computed
        if (e.type === 'phase') featuresKept = false;
        if (e.type === 'batch' && !featuresKept) {
          featuresKept = true;
          ctx.onFeaturesExtracted?.();
        }
        onEvent?.(e);
      },
      onFirstModel:
        req.onFirstModel &&
        ((first) => {
          // shown, served by Try it, or kept by a Stop, it would stand for a run that went on elsewhere
          if (abandoned()) return discard(first.head);
          handed = first;
          notOurs.add(first.head);
          req.onFirstModel!(trained(first));
        }),
      // only where its head still lives: a lost backend took it along
      handedOver: from && handed && !failed.includes(handed.backends?.extraction ?? '') ? handed : undefined,
      shouldStop: () => !!req.shouldStop?.() || abandoned(),
      resume: from,
      // reading a checkpoint back costs a readback of every trained variable: only when someone wants it
      onCheckpoint: wantsCheckpoints
        ? (c) => {
            onCheckpoint(c);
            share(c);
            ctx.afterEpoch?.(c);
          }
        : undefined,
    }).then((outcome) => {
      if (abandoned()) discard(outcome.head);
      else returned.push(outcome);
      return outcome;
    });
  const startAt = req.resume ?? start;
  // an attempt that finished just as the fallback gave up on it: nobody uses what it returned
  const dropOthers = (kept: TrainOutcome | null) => {
    for (const r of returned) if (r !== kept) discard(r.head);
  };
  const outcome = await (
    ctx.fallback
      ? ctx.fallback(run, startAt, side)
      : run(
          startAt,
          () => undefined,
          () => false,
          [],
        )
  ).catch((err: unknown) => {
    dropOthers(null);
    throw err;
  });
  dropOthers(outcome);
  return trained(outcome);
}
