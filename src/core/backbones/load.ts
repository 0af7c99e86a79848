import type * as tf from '@tensorflow/tfjs-core';
import { readArtifacts, urlModelFiles, type LoadProgress, type ModelFiles } from './model-files';
import { instantiateBackbone, type Backbone } from './backbone';
import { CustomBackboneError } from './custom';
import type { BackboneSpec } from './registry';

/** where a loaded backbone came from ('imported': cut from an imported classifier, core/model-import/head-start.ts) */
export type BackboneSource = 'cache' | 'local' | 'hosted' | 'files' | 'imported';

export interface Candidate {
  source: BackboneSource;
  files: ModelFiles;
}

/** Persistent store of loaded artifacts (IndexedDB in the browser) so a second visit works offline. */
export interface ArtifactCache {
  get(key: string): Promise<tf.io.ModelArtifacts | undefined>;
  put(key: string, artifacts: tf.io.ModelArtifacts): Promise<void>;
  delete?(key: string): Promise<void>;
  keys?(): Promise<string[]>;
}

export interface LoadedBackbone {
  backbone: Backbone;
  source: BackboneSource;
  where: string;
  /** why the loaded copy could not be kept in the offline cache (e.g. storage full) */
  notCached?: string;
}

/**
 * Brought backbones whose files the offline cache would not take (storage full), by id, for this
 * visit of this realm: a backend switch, a calibration's copy, a fallback or picking one again
 * found no copy anywhere and asked for files the person had just given.
 */
const heldFiles = new Map<string, Candidate>();

/** Keeps `candidate` as where backbone `id` loads from until it is cached or released. */
export function holdFiles(id: string, candidate: Candidate): void {
  heldFiles.set(id, candidate);
}

export function releaseFiles(id: string): void {
  heldFiles.delete(id);
}

/** Candidates in the order the studio tries them: files held for a brought backbone, local models base, then the hosted URL. */
export function urlCandidates(
  spec: BackboneSpec,
  modelsBase: string | null | undefined,
  fetchFn?: typeof fetch,
): Candidate[] {
  const held = heldFiles.get(spec.id);
  const list: Candidate[] = held ? [held] : [];
  // a backbone someone brought has no URL: it loads from the offline cache (or their files)
  if (modelsBase && spec.localPath)
    list.push({ source: 'local', files: urlModelFiles(joinUrl(modelsBase, spec.localPath), fetchFn) });
  if (spec.hostedUrl) list.push({ source: 'hosted', files: urlModelFiles(spec.hostedUrl, fetchFn) });
  return list;
}

export function joinUrl(base: string, path: string): string {
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}

/**
 * `spec`'s files from the offline cache, under their shared key. Before backbones shared files
 * (spec.filesId) each was cached under its own id: such a copy still serves, moved to the shared
 * key, and one left beside the shared copy goes, so no second copy stays.
 */
async function cachedFiles(cache: ArtifactCache, spec: BackboneSpec): Promise<tf.io.ModelArtifacts | undefined> {
  const key = spec.filesId ?? spec.id;
  const shared = await cache.get(key);
  if (key === spec.id) return shared;
  const own = await cache.get(spec.id).catch(() => undefined);
  if (!own) return shared;
  // storage full: the old copy stays and serves until it can move
  const kept =
    !!shared ||
    (await cache.put(key, own).then(
      () => true,
      () => false,
    ));
  if (kept) await cache.delete?.(spec.id).catch(() => undefined);
  return shared ?? own;
}

/**
 * Loads a backbone from the cache or the first candidate that answers, caching what it read.
 * When everything fails the error lists every place tried and what to do about it.
 */
export async function loadBackbone(
  spec: BackboneSpec,
  candidates: readonly Candidate[],
  options: { cache?: ArtifactCache; onProgress?: LoadProgress } = {},
): Promise<LoadedBackbone> {
  const { cache, onProgress } = options;
  const failures: string[] = [];
  const key = spec.filesId ?? spec.id;
  if (cache) {
    try {
      const cached = await cachedFiles(cache, spec);
      if (cached) {
        onProgress?.(1, 'from the offline cache');
        return { backbone: await instantiateBackbone(spec, cached), source: 'cache', where: 'offline cache' };
      }
    } catch (err) {
      // a choice that cannot work (an input size leaving no feature map) fails the same from any copy
      if (err instanceof CustomBackboneError) throw err;
      failures.push(`offline cache: ${(err as Error).message}`);
    }
  }
  for (const candidate of candidates) {
    let artifacts: tf.io.ModelArtifacts;
    let backbone: Backbone;
    try {
      artifacts = await readArtifacts(candidate.files, onProgress);
      backbone = await instantiateBackbone(spec, artifacts);
    } catch (err) {
      if (err instanceof CustomBackboneError) throw err;
      failures.push(`${candidate.source} copy: ${(err as Error).message}`);
      continue;
    }
    // A full cache must not stop the studio from working online; the page says what it means.
    const notCached = cache
      ? await cache.put(key, artifacts).then(
          () => undefined,
          (err: Error) => err.message || err.name,
        )
      : undefined;
    // cached at last (room was made): the held files are not needed any more
    if (cache && !notCached) heldFiles.delete(spec.id);
    return { backbone, source: candidate.source, where: candidate.files.where, ...(notCached && { notCached }) };
  }
  const fromFiles = candidates.length > 0 && candidates.every((c) => c.source === 'files');
  if (!candidates.length && !spec.hostedUrl) {
    throw new Error(
      `${spec.name} is a backbone you brought, and this browser no longer holds a copy${failures.length ? ` (${failures.join('; ')})` : ''}: import its model.json and weight files again.`,
    );
  }
  throw new Error(
    `Could not load ${spec.name}. Tried:\n- ${failures.join('\n- ')}\n` +
      (fromFiles
        ? `Pick the model.json of ${spec.name} together with every weight file it lists.`
        : 'Connect to the internet once (the backbone is then kept for offline use), or load its model.json and weight files from disk.'),
  );
}
