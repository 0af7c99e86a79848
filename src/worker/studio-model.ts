import type { Backbone } from '../core/backbones/backbone';
import { exportRun } from '../core/export/assemble';
import { bundleExport, type ExportBundle } from '../core/export/bundle';
import type { CardFacts } from '../core/export/model-card';
import { importModelFiles, type ImportedModel } from '../core/model-import/read-model-zip';
import type { TrainOutcome } from '../core/pipeline';
import type { TrainedModel } from '../core/train-model';
import type { Checkpoint } from '../core/train/epochs';
import type { Head } from '../core/train/head';
import type { TrainSettings } from '../core/train/settings';
import type { RgbImage } from '../core/data/crop';
import { importedClassifier, trainedClassifier, type Classifier } from './classify';
import type { ImportedInfo, TrainSummary } from './protocol';

/** What the model in use needs: the loaded backbone (a trained head and a head-only import run on it). */
export interface StudioModelContext {
  backbone(): Backbone | null;
  requireBackbone(): Backbone;
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
  } | null = null;
  let imported: ImportedModel | null = null;

  function dropImported(): void {
    imported?.model.dispose();
    imported = null;
  }

  return {
    imported: () => imported,

    /** the backbone it was trained on is gone */
    dropTrained(): void {
      trained?.head.dispose();
      trained = null;
    },

    /** `model` becomes what Try it, the webcam and exports use (a first model, then the final one); the page gets its summary. */
    keep(
      { outcome, card, trainedOn, startedFrom, settings: used }: TrainedModel,
      settings: TrainSettings,
      resume: Checkpoint | undefined,
    ): TrainSummary {
      dropImported();
      try {
        if (trained && trained.head !== outcome.head) trained.head.dispose();
      } catch {
        // it lived on a backend that is gone
      }
      const { head: _head, ...rest } = outcome;
      const summary: TrainSummary = {
        ...rest,
        backend: trainedOn,
        unfreeze: settings.unfreeze,
        trainableParams: card.trainableParams,
        frozenParams: card.frozenParams,
        settings,
        resumedFrom: resume?.epoch ?? null,
        startedFrom,
      };
      trained = {
        head: outcome.head,
        classes: outcome.classes,
        settings: used,
        card,
        val: outcome.valPredictions,
        summary,
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
      const model = await importModelFiles(
        zip,
        bb && {
          id: bb.spec.id,
          featureSize: bb.spec.featureSize,
          inputSize: bb.spec.inputSize,
          pixelRange: bb.spec.pixelRange,
        },
      );
      dropImported();
      imported = model;
      const { labels, source, name, inputSize, cropMode, headOnlyFor } = model;
      return { labels, source, name, inputSize, cropMode, ...(headOnlyFor && { headOnlyFor }) };
    },

    /** What classifies an image now: the imported model, else backbone + the trained head. */
    classifier(): Classifier {
      if (imported) return importedClassifier(imported, imported.headOnlyFor ? ctx.requireBackbone() : null);
      const bb = ctx.requireBackbone();
      if (!trained) throw new Error('Train a model first (or import one)');
      return trainedClassifier(bb, trained.head, trained.classes, trained.settings.cropMode);
    },

    /** the trained model's export (golden pairs from its validation images, model card), zipped and checked */
    async exportBundle(decode: (id: string) => Promise<RgbImage>, name: (id: string) => string): Promise<ExportBundle> {
      const backbone = ctx.requireBackbone();
      if (!trained) throw new Error('Train a model first');
      const { head, classes, settings, card, val } = trained;
      return bundleExport(await exportRun({ backbone, head, classes, settings, card, val, decode, name }));
    },
  };
}

export type StudioModel = ReturnType<typeof studioModel>;
