import * as tf from '@tensorflow/tfjs';
import { disposeWithWeights, type Backbone } from '../core/backbones/backbone';
import type { FeatureCache } from '../core/features/cache';
import { SPLIT_VERSION } from '../core/data/train-val';
import { dropTuned, holdsTuned, keepTuned, putTuned, type TunedWeights } from '../core/finetune/weights';
import { exportRun } from '../core/export/assemble';
import { bundleExport, type ExportBundle } from '../core/export/bundle';
import type { CardFacts } from '../core/export/model-card';
import { importModelFiles, type ImportedModel, type LoadedFor } from '../core/model-import/read-model-zip';
import type { TrainOutcome } from '../core/pipeline';
import type { TrainedModel } from '../core/train-model';
import type { Checkpoint } from '../core/train/epochs';
import type { Head } from '../core/train/head';
import type { TrainSettings } from '../core/train/settings';
import type { RgbImage } from '../core/data/crop';
import { atHome } from '../core/train/backend-lease';
import { importedClassifier, trainedClassifier, type Classifier } from './classify';
import type { ImportedInfo, TrainSummary } from './protocol';

/** What the model in use needs: the loaded backbone (a trained head and a head-only import run on it). */
export interface StudioModelContext {
  backbone(): Backbone | null;
  requireBackbone(): Backbone;
  cache: FeatureCache;
  /** a run (or the learning-rate finder) is using the backbone's weights */
  runActive(): boolean;
}

/**
 * The model that answers Try it, the webcam and the downloads: the head trained here (with what
 * its export needs), or a model imported from a zip, which answers until the next run is kept.
 */
export function studioModel(ctx: StudioModelContext) {
  let trained: {
    head: Head;
    classes: string[];
    settings: TrainSettings;
    card: CardFacts;
    val: TrainOutcome['valPredictions'];
    /** what the page was given for it */
    summary: TrainSummary;
    /** fine-tuned: its copy of the backbone's top (a next run puts the pretrained weights back) */
    tuned: TunedWeights | null;
  } | null = null;
  let imported: ImportedModel | null = null;
  /**
   * What the imported model was read from, and the backend its weights live on: after a backend
   * move it is read again there (moved by tfjs instead, each weight was read back synchronously
   * at the next prediction, which WebGPU does not survive: core/train/head-backend.ts).
   */
  let importedFrom: { zip: Uint8Array; loaded: LoadedFor | null; home: string } | null = null;
  /** why the imported model could not follow the backend (Try it says so), or null */
  let importLost: string | null = null;
  /**
   * Exports in flight per head: a run keeps its final model while the first model's download is
   * still reading that head's weights and predicting with it, so a replaced head waits for them.
   */
  const exporting = new Map<Head, number>();
  /** replaced heads an export still reads: the last export to finish disposes each */
  const retired = new Set<Head>();

  function disposeHead(head: Head): void {
    try {
      head.dispose();
    } catch {
      // it lived on a backend that is gone
    }
  }

  /** a head no longer in use: disposed now, or by the last export still reading it */
  function release(head: Head): void {
    if (exporting.has(head)) retired.add(head);
    else disposeHead(head);
  }

  async function withExport<T>(head: Head, work: () => Promise<T>): Promise<T> {
    exporting.set(head, (exporting.get(head) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = exporting.get(head)! - 1;
      if (left > 0) exporting.set(head, left);
      else {
        exporting.delete(head);
        if (retired.delete(head)) disposeHead(head);
      }
    }
  }

  /** a Teachable Machine export's nested head keeps its weights through model.dispose() alone */
  function dropImported(): void {
    if (imported) disposeWithWeights(imported.model);
    imported = null;
    importedFrom = null;
    importLost = null;
  }

  /** The imported model read again onto the active backend when its weights live on another. */
  async function followBackend(): Promise<void> {
    const from = importedFrom;
    const stale = imported;
    const active = tf.getBackend();
    if (!stale || !from || from.home === active) return;
    let moved: ImportedModel | null = null;
    let failure: string | null = null;
    try {
      moved = await importModelFiles(from.zip, from.loaded);
    } catch (err) {
      failure = (err as Error).message;
    }
    // another model came to answer meanwhile: it is the one in use
    if (imported !== stale) return void (moved && disposeWithWeights(moved.model));
    try {
      disposeWithWeights(stale.model);
    } catch {
      // it lived on a backend that is gone
    }
    imported = moved;
    importedFrom = moved && { ...from, home: active };
    if (failure !== null) {
      console.warn(`The imported model could not be read again onto ${active}: ${failure}`);
      importLost = `The imported model ${stale.name} could not be moved onto the ${active} backend (${failure}): import it again.`;
    }
  }

  return {
    imported: () => imported,

    /**
     * The backbone it was trained on is gone (another one, or its copy on another backend): the
     * trained head goes, and the imported model follows onto the active backend. Resolves once it
     * has (never rejects: one that could not follow is dropped, and Try it says why).
     */
    /**
     * The imported model onto the active backend, when no backbone moved with the switch (none is
     * loaded: its load failed offline) to set it going (never rejects).
     */
    followBackend,

    dropTrained(): Promise<void> {
      if (trained) release(trained.head);
      if (trained?.tuned) dropTuned(ctx.backbone(), trained.tuned);
      trained = null;
      return followBackend();
    },

    /**
     * After a run or the finder, however it ended: a fine-tuned model kept before a run that kept
     * none (stopped, failed) gets its weights back in the backbone, for Try it, exports and the next run's cache.
     */
    settle(): void {
      const bb = ctx.backbone();
      if (!trained?.tuned || !bb || holdsTuned(bb, trained.tuned)) return;
      try {
        putTuned(bb, trained.tuned, ctx.cache);
      } catch (err) {
        // its copy lived on a device that was lost: it answers with the weights in place, as before
        console.warn(`The fine-tuned weights could not be put back: ${(err as Error).message}`);
      }
    },

    /** `model` becomes what Try it, the webcam and exports use (a first model, then the final one); the page gets its summary. */
    keep(
      { outcome, card, trainedOn, startedFrom, settings: used }: TrainedModel,
      settings: TrainSettings,
      resume: Checkpoint | undefined,
    ): TrainSummary {
      dropImported();
      if (trained && trained.head !== outcome.head) release(trained.head);
      try {
        if (trained?.tuned) dropTuned(ctx.backbone(), trained.tuned);
      } catch {
        // it lived on a backend that is gone
      }
      const bb = ctx.backbone();
      const { head: _head, ...rest } = outcome;
      const summary: TrainSummary = {
        ...rest,
        backend: trainedOn,
        unfreeze: settings.unfreeze,
        trainableParams: card.trainableParams,
        frozenParams: card.frozenParams,
        settings,
        trainedWith: used,
        resumedFrom: resume?.epoch ?? null,
        startedFrom,
        split: SPLIT_VERSION,
      };
      trained = {
        head: outcome.head,
        classes: outcome.classes,
        settings: used,
        card,
        val: outcome.valPredictions,
        summary,
        // the weights the run installed (null: the pretrained ones, which every run puts back first)
        tuned: bb && keepTuned(bb),
      };
      return summary;
    },

    /** the trained model's summary, as the page was given it */
    summary(): TrainSummary {
      if (!trained) throw new Error('Train a model first');
      return trained.summary;
    },

    /** a model zip: it answers from now on (its weights live on the backend in use: the caller waits for it) */
    async importZip(zip: Uint8Array): Promise<ImportedInfo> {
      const bb = ctx.backbone();
      const loaded: LoadedFor | null = bb && {
        id: bb.spec.id,
        featureSize: bb.spec.featureSize,
        inputSize: bb.spec.inputSize,
        pixelRange: bb.spec.pixelRange,
      };
      const model = await importModelFiles(zip, loaded);
      dropImported();
      imported = model;
      importedFrom = { zip, loaded, home: tf.getBackend() };
      const { labels, source, name, inputSize, cropMode, headOnlyFor, assumed } = model;
      return {
        labels,
        source,
        name,
        inputSize,
        cropMode,
        ...(headOnlyFor && { headOnlyFor }),
        ...(assumed && { assumed }),
      };
    },

    /**
     * "Use the model trained here": the imported model goes and the one trained here, still in
     * memory, answers again (false: there is none, after a reload; the page imports the stored one).
     */
    useTrained(): boolean {
      if (!trained) return false;
      dropImported();
      return true;
    },

    /** What classifies an image now: the imported model, else backbone + the trained head. */
    classifier(): Classifier {
      if (imported) return importedClassifier(imported, imported.headOnlyFor ? ctx.requireBackbone() : null);
      if (importLost) throw new Error(importLost);
      const bb = ctx.requireBackbone();
      if (!trained) throw new Error('Train a model first (or import one)');
      return trainedClassifier(bb, trained.head, trained.classes, trained.settings.cropMode, trained.tuned);
    },

    /**
     * The trained model's export (golden pairs from its validation images, model card), zipped and
     * checked. The model is the one in use now; its tensor work waits for the home backend (a head
     * training elsewhere gives it back between its steps: core/train/backend-lease.ts).
     */
    async exportBundle(decode: (id: string) => Promise<RgbImage>, name: (id: string) => string): Promise<ExportBundle> {
      const backbone = ctx.requireBackbone();
      if (!trained) throw new Error('Train a model first');
      const { head, classes, settings, card, val, tuned } = trained;
      return withExport(head, () =>
        atHome(async () => {
          if (tuned && !holdsTuned(backbone, tuned)) {
            // the export reads the backbone over many steps while a run's extraction runs between them
            if (ctx.runActive())
              throw new Error(
                'this model fine-tuned blocks of the backbone, which the run now going uses with their pretrained weights: download it once the run ends',
              );
            putTuned(backbone, tuned, ctx.cache);
          }
          return bundleExport(await exportRun({ backbone, head, classes, settings, card, val, decode, name }));
        }),
      );
    },
  };
}

export type StudioModel = ReturnType<typeof studioModel>;
