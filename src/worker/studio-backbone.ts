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
import type { BackboneInfo, BackendInfo, BackendSwitch } from './protocol';

/** What the worker's backbone needs from the rest of it. */
export interface StudioBackboneContext {
  /** the backend is chosen (every model is created after that, so its weights live there) */
  ready(): Promise<BackendInfo>;
  /** a fallback activated `name` (worker/backend-state.ts records it) */
  switchedTo(name: string, why: string): Promise<unknown>;
  artifactCache: ArtifactCache;
  /** the feature cache: another backbone's rows go with it */
  cache: FeatureCache;
  /**
   * another backbone (or the loaded one's copy on another backend) replaced the loaded one: what
   * was trained on the old one goes too, and the imported model follows onto the active backend;
   * a promise it returns is waited for before the load or move answers (never a rejected one)
   */
  replaced(): unknown;
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
  /** the backend the loaded backbone's weights live on */
  let home: string | null = null;
  /** what the page was told of the loaded backbone */
  let info: BackboneInfo | null = null;
  /** what the last replacement set going (ctx.replaced): a load or move answers once it is done */
  let following: Promise<unknown> = Promise.resolve();

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
      following = Promise.resolve(ctx.replaced());
      backbone.dispose();
    }
    backbone = loaded.backbone;
    home = tf.getBackend();
    info = describe(backbone, loaded.source, loaded.where, loaded.notCached);
    return info;
  }

  async function load(
    id: string,
    candidates: Candidate[],
    onProgress: (f: number, d: string) => void,
    useCache: boolean,
  ): Promise<BackboneInfo> {
    const spec = getBackboneSpec(id);
    await ctx.ready();
    const loaded = adopt(
      await loadBackbone(spec, candidates, { cache: useCache ? ctx.artifactCache : undefined, onProgress }),
    );
    await following;
    return loaded;
  }

  /** the loaded backbone once more, from where it came: its dropped files, else the cache or the URLs */
  function loadCopy(base: string, onProgress?: (f: number, d: string) => void): Promise<LoadedBackbone> {
    const spec = require().spec;
    return droppedFiles.length
      ? loadBackbone(spec, droppedFiles, { onProgress })
      : loadBackbone(spec, urlCandidates(spec, base), { cache: ctx.artifactCache, onProgress });
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
      // the one loaded already, on this backend: picked again after another failed to load (the page
      // then shows none loaded), a fresh copy replaced it and dropped the model trained on it
      if (backbone?.spec.id === id && home === tf.getBackend() && info) return Promise.resolve(info);
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
     * The loaded backbone again, on the backend just made active (a user's switch, a calibration),
     * from where it came: loaded by id instead, a backbone from the user's own files became the
     * cached or hosted one (the head trained on it then ran on other weights), or failed offline.
     * Null: none is loaded, or it lives there already. A failed load leaves the loaded one as it was.
     */
    async moveToActive(base: string, onProgress: (f: number, d: string) => void): Promise<BackboneInfo | null> {
      if (!backbone || home === tf.getBackend()) return null;
      const files = droppedFiles;
      const info = adopt(await loadCopy(base, onProgress));
      droppedFiles = files;
      // Try it then answers on this backend: an imported model's weights follow before the page is told
      await following;
      return info;
    },
    /**
     * After a backend failure: activate `name` and load the backbone onto it. Unlike a user's
     * backend switch, the feature cache stays (its rows are plain arrays, valid on any backend).
     */
    async switchKeepingCache(name: string, why: string): Promise<void> {
      const old = require();
      const from = home;
      // the worker's backend state moves once the backbone has: a failed load leaves both where
      // they were (the page's badge then still names the backend the weights live on)
      let loaded: LoadedBackbone;
      try {
        if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend did not start`);
        await tf.ready();
        loaded = await loadCopy(modelsBase);
      } catch (err) {
        if (from && tf.getBackend() !== from)
          await tf
            .setBackend(from)
            .then(() => tf.ready())
            .catch(() => undefined);
        throw err;
      }
      try {
        releasePretrained(old);
        old.dispose();
      } catch {
        // its tensors went with the lost device
      }
      backbone = loaded.backbone;
      home = name;
      // what a re-pick of this backbone is told (loadFrom): the copy loaded here, not the first load's
      info = describe(loaded.backbone, loaded.source, loaded.where, loaded.notCached);
      // after the old copy's disposal: the state forgets a lost backend (worker/backend-state.ts)
      await ctx.switchedTo(name, why);
    },
  };
}

export type StudioBackbone = ReturnType<typeof studioBackbone>;

/** What a backend switch needs of the worker's backend state (worker/backend-state.ts). */
export interface SwitchedBackends {
  ready(): Promise<BackendInfo>;
  choose(preferred: string, why?: string): Promise<BackendInfo>;
  restore(info: BackendInfo): Promise<BackendInfo>;
}

/**
 * A user's backend switch, with the loaded backbone following it (`move`: StudioBackbone's
 * moveToActive). When either fails, the backend goes back to the one the backbone's weights live
 * on and the backbone stays as it was: dropped, the page had no backbone and no way back to it.
 */
export async function switchWithBackbone(
  backends: SwitchedBackends,
  move: () => Promise<BackboneInfo | null>,
  preferred: string,
  why?: string,
): Promise<BackendSwitch> {
  const before = await backends.ready().catch(() => null);
  const back = async () => before && backends.restore(before);
  const backend = await backends.choose(preferred, why).catch(async (err: unknown) => {
    await back();
    throw err;
  });
  try {
    const moved = await move();
    return { backend, reloaded: moved && { backbone: moved } };
  } catch (err) {
    return { backend: (await back()) ?? backend, reloaded: { error: (err as Error).message, onto: backend.active } };
  }
}
