import * as tf from '@tensorflow/tfjs';
import { droppedModelFiles, readArtifacts } from '../core/backbones/model-files';
import { disposeWithWeights, instantiateBackbone, type Backbone } from '../core/backbones/backbone';
import {
  customBackboneSpec,
  CustomBackboneError,
  inspectLayersModel,
  type BackboneInspection,
} from '../core/backbones/custom';
import {
  holdFiles,
  loadBackbone,
  releaseFiles,
  type ArtifactCache,
  type Candidate,
  type LoadedBackbone,
} from '../core/backbones/load';
import { CUSTOM_ID_PREFIX, registerBackbone, type BackboneSpec } from '../core/backbones/registry';
import { modelArtifacts } from '../core/export/export-files';
import { readHead, type HeadStart } from '../core/model-import/head-start';
import type { ImportedModel } from '../core/model-import/read-model-zip';
import type { BackboneInfo, StudioWorkerApi } from './protocol';

/** What the brought-backbone and continue-training calls need from the rest of the worker. */
export interface CustomModelsContext {
  ready(): Promise<unknown>;
  adopt(loaded: LoadedBackbone): BackboneInfo;
  describe(bb: Backbone, source: BackboneInfo['source'], where: string, notCached?: string): BackboneInfo;
  requireBackbone(): Backbone;
  imported(): ImportedModel | null;
  cache: ArtifactCache;
}

type CustomModelCalls =
  | 'forgetBackboneFiles'
  | 'broughtBackboneArtifacts'
  | 'bringBackbone'
  | 'forgetUnlistedBackbones'
  | 'registerBackbones'
  | 'inspectBackbone'
  | 'useCustomBackbone'
  | 'continueImported'
  | 'setHeadStart'
  | 'startFromScratch';

/** A layers model built from its files' artifacts and read for its feature layers, then freed. */
async function inspectArtifacts(artifacts: tf.io.ModelArtifacts): Promise<BackboneInspection> {
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (err) {
    throw new CustomBackboneError(`The model could not be built from its files: ${(err as Error).message}`);
  }
  try {
    return inspectLayersModel(model, artifacts.weightData ?? new ArrayBuffer(0));
  } finally {
    disposeWithWeights(model);
  }
}

/**
 * Backbones people bring (inspect their files, then load them with the chosen feature layer) and
 * imported models turned into a starting point (their backbone loaded, their head remembered
 * for the next runs on it).
 */
export function customModelsApi(ctx: CustomModelsContext) {
  /** the files of a backbone someone brought, between inspecting them and using them */
  let inspected: { files: File[]; found: BackboneInspection } | null = null;
  /** an imported model's head that the next runs start from, on the backbone cut from that model */
  let headStart: { backboneId: string; start: HeadStart } | null = null;

  const api: Pick<StudioWorkerApi, CustomModelCalls> = {
    async forgetBackboneFiles(id) {
      releaseFiles(id);
      await ctx.cache.delete?.(id).catch(() => undefined);
    },

    async broughtBackboneArtifacts(id) {
      if (!id.startsWith(CUSTOM_ID_PREFIX)) return null;
      return (await ctx.cache.get(id).catch(() => undefined)) ?? null;
    },

    async bringBackbone(carried, modelJson, shards) {
      await ctx.ready();
      // read as dropped files are: the same checks of the manifest against the weight bytes
      const files = {
        ...droppedModelFiles([
          new File([modelJson], 'model.json', { type: 'application/json' }),
          ...shards.map((s) => new File([s.bytes as Uint8Array<ArrayBuffer>], s.name)),
        ]),
        where: 'the opened project zip',
      };
      const artifacts = await readArtifacts(files);
      // the id names the weights' fingerprint and every choice that changes the features (stored
      // features are keyed by it): made again here, a spec that does not match its weights is caught
      const found = await inspectArtifacts(artifacts);
      const { featureLayer, pixelRange, inputSize, poolAlso } = carried;
      const spec: BackboneSpec = {
        ...customBackboneSpec(found, { featureLayer, pixelRange, inputSize, poolAlso }),
        name: carried.name,
        description: carried.description,
      };
      if (spec.id !== carried.id)
        throw new CustomBackboneError(`its spec.json does not match its weights (they make "${spec.id}")`);
      registerBackbone(spec);
      const cached = (await ctx.cache.keys?.().catch(() => undefined)) ?? [];
      if (cached.includes(spec.id)) return spec;
      // storage full: the project still opens with it, usable for this visit as one brought by hand is
      const notCached = await ctx.cache.put(spec.id, artifacts).then(
        () => undefined,
        (err: Error) => err.message || err.name,
      );
      if (!notCached) return spec;
      holdFiles(spec.id, { source: 'files', files });
      return { ...spec, notCached };
    },

    async forgetUnlistedBackbones(listed) {
      const keep = new Set(listed);
      const keys = (await ctx.cache.keys?.().catch(() => undefined)) ?? [];
      // the built-in backbones' files (under their ids, or a twin's: BackboneSpec.filesId) stay; only brought ones leave
      const gone = keys.filter((id) => id.startsWith(CUSTOM_ID_PREFIX) && !keep.has(id));
      for (const id of gone) await api.forgetBackboneFiles(id);
      return gone;
    },

    registerBackbones(specs) {
      specs.forEach(registerBackbone);
    },

    async inspectBackbone(files, onProgress) {
      inspected = null;
      await ctx.ready();
      const artifacts = await readArtifacts(droppedModelFiles(files), onProgress);
      const topology = artifacts.modelTopology as { node?: unknown } | undefined;
      if (artifacts.format === 'graph-model' || Array.isArray(topology?.node)) {
        throw new CustomBackboneError(
          'This is a graph model (a converted SavedModel): the studio uses Keras-style layers models as backbones, whose layers it can name.',
        );
      }
      const found = await inspectArtifacts(artifacts);
      inspected = { files, found };
      return found;
    },

    async useCustomBackbone(choice, onProgress) {
      if (!inspected) throw new Error('Pick the backbone files first');
      const spec = customBackboneSpec(inspected.found, choice);
      registerBackbone(spec);
      await ctx.ready();
      const picked: Candidate = { source: 'files', files: droppedModelFiles(inspected.files) };
      const loaded = await loadBackbone(spec, [picked], { cache: ctx.cache, onProgress });
      if (loaded.notCached) holdFiles(spec.id, picked);
      const info = ctx.adopt(loaded);
      return { ...info, spec };
    },

    async continueImported(displayName) {
      const m = ctx.imported();
      if (!m) throw new Error('Import a model first');
      const shown = displayName ?? m.name;
      if (m.headOnlyFor) {
        // a head made on the loaded backbone: it simply becomes the starting point there
        const bb = ctx.requireBackbone();
        if (bb.spec.id !== m.headOnlyFor)
          throw new Error(`This head was trained on ${m.headOnlyFor}: load that backbone again to continue it`);
        headStart = { backboneId: bb.spec.id, start: await readHead(m.model, m.labels, shown) };
        return { ...ctx.describe(bb, 'imported', shown), spec: bb.spec, start: headStart.start };
      }
      const artifacts = await modelArtifacts(m.model);
      const found = inspectLayersModel(m.model, artifacts.weightData ?? new ArrayBuffer(0));
      const start = await readHead(m.model, m.labels, shown);
      const spec = {
        // a model that takes any size runs at the size it was trained at
        ...customBackboneSpec(found, {
          featureLayer: found.recommended,
          pixelRange: m.pixelRange,
          inputSize: m.inputSize,
        }),
        name: `${m.name} (backbone of the imported model)`,
        description: 'The layers of an imported model below its head; kept in this browser.',
      };
      if (spec.featureSize !== start.featureSize) {
        throw new CustomBackboneError(
          `Its head takes ${start.featureSize} features, but its deepest feature map (${spec.featureLayer}) has ${spec.featureSize} channels.`,
        );
      }
      registerBackbone(spec);
      const backbone = await instantiateBackbone(spec, artifacts);
      const notCached = await ctx.cache.put(spec.id, artifacts).then(
        () => undefined,
        (err: Error) => err.message || err.name,
      );
      if (notCached) {
        const weights = artifacts.weightData ?? new ArrayBuffer(0);
        const json = JSON.stringify({
          modelTopology: artifacts.modelTopology,
          format: 'layers-model',
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        });
        const files = droppedModelFiles([
          new File([json], 'model.json'),
          new File(Array.isArray(weights) ? weights : [weights], 'weights.bin'),
        ]);
        holdFiles(spec.id, { source: 'imported', files: { ...files, where: m.name } });
      }
      const info = ctx.adopt({ backbone, source: 'imported', where: m.name, ...(notCached && { notCached }) });
      headStart = { backboneId: spec.id, start };
      return { ...info, spec, start };
    },

    setHeadStart(backboneId, start) {
      headStart = { backboneId, start };
    },

    startFromScratch() {
      headStart = null;
    },
  };

  return {
    api,
    /** the imported head a run on this backbone starts from, if any */
    headStartFor: (backboneId: string): HeadStart | null =>
      headStart?.backboneId === backboneId ? headStart.start : null,
  };
}
