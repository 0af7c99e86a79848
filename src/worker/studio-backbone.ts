import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbones/backbone';
import {
  loadBackbone,
  urlCandidates,
  type ArtifactCache,
  type Candidate,
  type LoadedBackbone,
} from '../core/backbones/load';
import { getBackboneSpec } from '../core/backbones/registry';
import type { FeatureCache } from '../core/features/cache';
import { backboneBlocks } from '../core/finetune/blocks';
import { releasePretrained } from '../core/finetune/weights';
import type { BackboneInfo, BackendInfo } from './protocol';

/** What the worker's backbone needs from the rest of it. */
export interface StudioBackboneContext {
  /** the backend is chosen (every model is created after that, so its weights live there) */
  ready(): Promise<BackendInfo>;
  /** a fallback activated `name` (worker/backend-state.ts records it) */
  switchedTo(name: string, why: string): Promise<unknown>;
  artifactCache: ArtifactCache;
  /** the feature cache: another backbone's rows go with it */
  cache: FeatureCache;
  /** another backbone replaced the loaded one: what was trained on the old one goes too */
  replaced(): void;
}

/**
 * The one loaded backbone of the worker: loading it (by id from the models base, or from dropped
 * files), adopting one made elsewhere (a brought or imported model), reloading it onto another
 * backend after a fallback, and fresh copies for calibrating the other backends.
 */
export function studioBackbone(ctx: StudioBackboneContext) {
  let backbone: Backbone | null = null;
  /** where the page loads backbones from (kept for reloading onto another backend) */
  let modelsBase = '';
  /**
   * The dropped files the loaded backbone came from. They are not put in the offline cache (files
   * someone dropped under a registry id may not be that model), so another backend's copy
   * (calibration, a fallback) reads them again: offline, the URLs could not give it.
   */
  let droppedFiles: Candidate[] = [];

  function describe(bb: Backbone, source: BackboneInfo['source'], where: string, notCached?: string): BackboneInfo {
    return {
      id: bb.spec.id,
      // a backbone someone brought trains its head only: its blocks are not known to the layer map
      blocks: bb.spec.trainable ? backboneBlocks(bb) : [],
      source,
      where,
      paramCount: bb.paramCount,
      notCached,
    };
  }

  function adopt(loaded: LoadedBackbone): BackboneInfo {
    if (backbone && backbone !== loaded.backbone) {
      droppedFiles = [];
      // fine-tuning keeps the pretrained values of the layers it changed; they go with the backbone
      releasePretrained(backbone);
      ctx.cache.dropBackbone(backbone.spec.id);
      ctx.replaced();
      backbone.dispose();
    }
    backbone = loaded.backbone;
    return describe(backbone, loaded.source, loaded.where, loaded.notCached);
  }

  async function load(
    id: string,
    candidates: Candidate[],
    onProgress: (f: number, d: string) => void,
    useCache: boolean,
  ): Promise<BackboneInfo> {
    const spec = getBackboneSpec(id);
    await ctx.ready();
    return adopt(await loadBackbone(spec, candidates, { cache: useCache ? ctx.artifactCache : undefined, onProgress }));
  }

  /** the loaded backbone once more, from where it came: its dropped files, else the cache or the URLs */
  function loadCopy(base: string): Promise<LoadedBackbone> {
    const spec = require().spec;
    return droppedFiles.length
      ? loadBackbone(spec, droppedFiles)
      : loadBackbone(spec, urlCandidates(spec, base), { cache: ctx.artifactCache });
  }

  function require(): Backbone {
    if (!backbone) throw new Error('Load a backbone first');
    return backbone;
  }

  return {
    describe,
    adopt,
    require,
    current: () => backbone,
    /** from the offline cache, else the models base (local or hosted) */
    loadFrom(id: string, base: string, onProgress: (f: number, d: string) => void): Promise<BackboneInfo> {
      modelsBase = base;
      return load(id, urlCandidates(getBackboneSpec(id), base), onProgress, true);
    },
    /** dropped model files (not kept for offline use) */
    async loadFiles(id: string, candidates: Candidate[], onProgress: (f: number, d: string) => void) {
      const info = await load(id, candidates, onProgress, false);
      droppedFiles = candidates;
      return info;
    },
    /** another copy of the loaded backbone on the active backend (calibration measures each backend with its own) */
    copy: async (base: string): Promise<Backbone> => (await loadCopy(base)).backbone,
    /**
     * After a backend failure: activate `name` and load the backbone onto it. Unlike a user's
     * backend switch, the feature cache stays (its rows are plain arrays, valid on any backend).
     */
    async switchKeepingCache(name: string, why: string): Promise<void> {
      const old = require();
      if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend did not start`);
      await tf.ready();
      await ctx.switchedTo(name, why);
      const loaded = await loadCopy(modelsBase);
      try {
        releasePretrained(old);
        old.dispose();
      } catch {
        // its tensors went with the lost device
      }
      backbone = loaded.backbone;
    },
  };
}

export type StudioBackbone = ReturnType<typeof studioBackbone>;
