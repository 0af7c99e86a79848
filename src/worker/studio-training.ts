import { BackendLostError } from '../core/backend-fault';
import { batchedEvents } from './batched-events';
import { checkpointWriter } from '../core/storage/checkpoint-writer';
import { findLearningRate } from '../core/find-learning-rate';
import type { HeadStart } from '../core/model-import/head-start';
import { trainModel } from '../core/train-model';
import { SPLIT_VERSION } from '../core/data/train-val';
import { guardBackend, loseGpu } from './backend-guard';
import type { BackendState } from './backend-state';
import { withFallback } from './fallback';
import type { ImageBlobs } from './image-blobs';
import type { StudioWorkerApi } from './protocol';
import type { StudioBackbone } from './studio-backbone';
import type { StudioModel } from './studio-model';

/** What a run in the worker is handed: the worker's backends, backbone, images and model in use. */
export interface StudioTrainingContext {
  backends: BackendState;
  backbone: StudioBackbone;
  images: ImageBlobs;
  model: StudioModel;
  /** the imported head a run on this backbone starts from (worker/custom-models-api.ts) */
  headStartFor(backboneId: string): HeadStart | null;
  /** features were extracted: stored for the next visit where they are the pretrained backbone's */
  saveFeatures(): void;
}

const CHECKPOINT_EVERY_MS = 1000;

type Guard = ReturnType<typeof guardBackend>;

/** `guard`, telling `failed` how its backend failed when it does (the caller goes on elsewhere) */
const noticingLoss =
  (guard: Guard, failed: (why: string) => void): Guard =>
  async (work) => {
    try {
      return await guard(work);
    } catch (err) {
      if (err instanceof BackendLostError) failed(err.reason);
      throw err;
    }
  };

/**
 * Training and the learning-rate finder as the worker runs them: the core use cases
 * (core/train-model.ts, core/find-learning-rate.ts) given the worker's context, the GPU fallback,
 * checkpoints stored at most once a second (a reload resumes from them), Stop, and the test hook that loses the GPU.
 */
export function studioTraining(ctx: StudioTrainingContext) {
  let stopRequested = false;
  /** runs and finder sweeps going (the page runs one at a time; counted so a refused second does not end the first) */
  let active = 0;
  /** test hook: lose the GPU after this epoch (the page passes ?fault=gpu-lost-after-epoch-N) */
  let testFault: number | null = null;
  const shouldStop = () => stopRequested;

  const api: Pick<StudioWorkerApi, 'train' | 'findLearningRate' | 'stop' | 'setTestFault'> = {
    async train(classes, images, settings, sendEvent, resume) {
      active++;
      try {
        return await runTraining(classes, images, settings, sendEvent, resume);
      } finally {
        active--;
        // not while another run still holds the backbone (the page runs one at a time; the worker does not rely on it)
        if (active === 0) ctx.model.settle();
      }
    },

    async findLearningRate(classes, images, settings, onEvent) {
      active++;
      try {
        return await runFinder(classes, images, settings, onEvent);
      } finally {
        active--;
      }
    },

    stop() {
      stopRequested = true;
    },

    setTestFault(afterEpoch) {
      testFault = afterEpoch;
    },
  };

  const runTraining: StudioWorkerApi['train'] = async (classes, images, settings, sendEvent, resume) => {
    const batched = batchedEvents(sendEvent);
    const onEvent = batched.onEvent;
    // the page says beside the run that a reload now would have nothing to resume
    const checkpoints = checkpointWriter((refused) => onEvent({ type: 'checkpoint', refused }));
    ctx.backbone.require();
    stopRequested = false;
    await ctx.images.remember(images);
    const info = await ctx.backends.ready();
    const trainedModel = await trainModel(
      {
        backbone: ctx.backbone.require,
        cache: ctx.images.cache,
        decode: ctx.images.decode,
        headBackend: info.head?.name ?? null,
        guard: guardBackend,
        fallback: (run, start, side) =>
          withFallback(
            run,
            info.probes.filter((p) => p.ok).map((p) => p.name),
            ctx.backbone.switchKeepingCache,
            (f) => {
              // a backend that fell over does not train the next runs' heads either; the page shows the state as it is now
              void (f.from === side ? ctx.backends.dropHead(f.reason) : ctx.backends.ready()).then((backend) =>
                onEvent({ type: 'fallback', ...f, backend }),
              );
            },
            start,
          ),
        checkpoints: {
          // kept for a reload to resume the run: the page's check (resumeProblem) reads what it was trained on
          sink: (checkpoint) =>
            checkpoints.keep({
              checkpoint,
              settings,
              classes,
              images: images.map(({ id, label }) => ({ id, label })),
              backboneId: ctx.backbone.require().spec.id,
              savedAt: new Date().toISOString(),
              split: SPLIT_VERSION,
              features: ctx.backbone.require().spec.featureSize,
            }),
          everyMs: CHECKPOINT_EVERY_MS,
        },
        afterEpoch: (c) => {
          if (c.epoch !== testFault) return;
          testFault = null;
          console.warn(`test fault: ${loseGpu()} after epoch ${c.epoch}`);
        },
        onFeaturesExtracted: ctx.saveFeatures,
      },
      {
        classes,
        images: ctx.images.pipelineImages(images).images,
        settings,
        onEvent,
        shouldStop,
        resume,
        headStart: ctx.headStartFor(ctx.backbone.require().spec.id),
        onFirstModel: (first) => onEvent({ type: 'first-model', result: ctx.model.keep(first, settings, resume) }),
      },
      // every event has reached the page before the answer, however the run ends (a failed run's skipped images
      // say why), and the last checkpoint is written before it (the page forgets a finished run's checkpoint after it)
    ).finally(() => Promise.all([batched.end(), checkpoints.settled()]));
    return ctx.model.keep(trainedModel, settings, resume);
  };

  const runFinder: StudioWorkerApi['findLearningRate'] = async (classes, images, settings, onEvent) => {
    const backbone = ctx.backbone.require();
    stopRequested = false;
    await ctx.images.remember(images);
    const { head } = await ctx.backends.ready();
    /** the head's backend and how it failed under the sweep (which went on here), if it did */
    let failed: { from: string; why: string } | null = null;
    // as a run's fallback does: left as the head's backend, the next run lent it again (a lost WebGL
    // context's warm-up readback never settles); dropped once it is no longer active, and the page
    // told the state after it, which it shows and whose hand-picked head it forgets (state/backbone.ts)
    const dropFailedHead = async () =>
      failed ? { from: failed.from, backend: await ctx.backends.dropHead(failed.why) } : undefined;
    let found;
    try {
      found = await findLearningRate({
        // the sweep trains a head: where heads train (find-learning-rate.ts leaves it here when that is the active backend)
        headBackend: head
          ? {
              name: head.name,
              guard: noticingLoss(guardBackend(head.name), (why) => (failed = { from: head.name, why })),
            }
          : undefined,
        backbone,
        classes,
        ...ctx.images.pipelineImages(images),
        settings,
        onEvent,
        shouldStop,
      });
    } catch (err) {
      await dropFailedHead();
      throw err;
    }
    const { extracted: _e, ...result } = found;
    ctx.saveFeatures();
    const headLost = await dropFailedHead();
    return headLost ? { ...result, headLost } : result;
  };
  return { api, running: () => active > 0 };
}
