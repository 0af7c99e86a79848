import type * as tf from '@tensorflow/tfjs-core';
import { fetchBytes, STALL_MS } from './download-watchdog';

type ModelArtifacts = tf.io.ModelArtifacts;
type WeightsManifestEntry = tf.io.WeightsManifestEntry;

/** Where a model's files come from: a URL, files a user chose, or a folder on disk (Node). */
export interface ModelFiles {
  /** shown in messages, e.g. the URL or "chosen files" */
  where: string;
  readModelJson(): Promise<string>;
  /** `signal` aborts once another file of the same read has failed: the rest is not wanted */
  readShard(path: string, signal?: AbortSignal): Promise<ArrayBuffer>;
}

export type LoadProgress = (fraction: number, detail: string) => void;

const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  string: 0,
};

/** Checked before any shard is read, so absurd shapes never allocate. */
export const MAX_WEIGHT_BYTES = 2 ** 30;
/** weight files read at once: what a browser fetches from one host in parallel */
const SHARD_LANES = 6;

/** Byte length a weight spec takes in the concatenated weight buffer. */
export function specBytes(spec: WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = DTYPE_BYTES[dtype];
  if (bytes === undefined || bytes === 0) throw new Error(`unsupported weight dtype "${dtype}" for ${spec.name}`);
  return count * bytes;
}

/**
 * A shard path with empty and "." segments dropped: tfjs's own model.save('downloads://x') writes
 * "./x.weights.bin", which names the same file as "x.weights.bin" (files resolve into model.json's
 * folder, dropped ones match by base name). What is read is this form, so every ModelFiles sees it.
 */
export function normalizeShardPath(path: string): string {
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** a URL parser reads "%2e%2e" as ".." too */
const DOUBLE_DOT = /^(\.|%2e){2}$/i;

/** Shard paths are relative names only: no "..", no absolute paths, no URLs to elsewhere. */
export function isSafeShardPath(path: string): boolean {
  const normal = normalizeShardPath(path);
  return (
    normal.length > 0 &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !/^[a-z]+:/i.test(path) &&
    !/^[a-z]+:/i.test(normal) &&
    !normal.split('/').some((part) => DOUBLE_DOT.test(part))
  );
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest?: { paths: string[]; weights: WeightsManifestEntry[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

function parseModelJson(text: string, where: string): ModelJson {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    throw new Error(
      where.startsWith('the chosen')
        ? `${where} is a web page (HTML), not a TensorFlow.js model.json`
        : `${where} returned a web page instead of model.json: the model is not at this address`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON, so it is not a TF.js model.json`);
  }
  const model = json as ModelJson;
  if (!model || typeof model !== 'object' || !model.modelTopology || typeof model.modelTopology !== 'object') {
    throw new Error(`${where} has no "modelTopology": it is not a TF.js model.json`);
  }
  if (!Array.isArray(model.weightsManifest)) {
    throw new Error(`${where} has no "weightsManifest", so its weights cannot be found`);
  }
  for (const group of model.weightsManifest) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights)) {
      throw new Error(`${where} has a malformed weightsManifest group`);
    }
    for (const p of group.paths) {
      if (typeof p !== 'string' || !isSafeShardPath(p))
        throw new Error(`${where} names an unsafe weight file "${String(p)}"`);
    }
    for (const w of group.weights) {
      if (!Array.isArray(w?.shape) || w.shape.some((d) => !Number.isInteger(d) || d < 0 || d > 1e8)) {
        throw new Error(`${where}: weight "${String(w?.name)}" has an invalid shape`);
      }
    }
  }
  return model;
}

/**
 * Reads model.json and every shard in manifest order, checks the bytes add up, and returns
 * artifacts that tf.io.fromMemory accepts. Progress counts shard bytes.
 */
export async function readArtifacts(files: ModelFiles, onProgress?: LoadProgress): Promise<ModelArtifacts> {
  const model = parseModelJson(await files.readModelJson(), files.where);
  const manifest = model.weightsManifest!;
  const weightSpecs = manifest.flatMap((g) => g.weights);
  const expected = weightSpecs.reduce((sum, s) => sum + specBytes(s), 0);
  if (expected > MAX_WEIGHT_BYTES) {
    const largest = weightSpecs.reduce((a, b) => (specBytes(b) > specBytes(a) ? b : a));
    throw new Error(
      `${files.where} describes ${(expected / 2 ** 30).toFixed(1)} GB of weights (weight "${largest.name}" has shape [${largest.shape.join(', ')}]), ` +
        `more than any backbone can be (${MAX_WEIGHT_BYTES / 2 ** 30} GB): its shapes are wrong`,
    );
  }
  const paths = manifest.flatMap((g) => g.paths);
  const buffers: ArrayBuffer[] = new Array<ArrayBuffer>(paths.length);
  let loaded = 0;
  let next = 0;
  let failed = false;
  // a failed file fails this copy: the downloads still under way would only slow the next one
  const callOff = new AbortController();
  onProgress?.(0, `reading ${paths.length} weight file(s)`);
  // A few shards at a time: MobileNet v1 comes in 55 small files, and one after another a first
  // visit waited out 55 round trips to the hosted copy (a third of a second even from localhost).
  const lane = async () => {
    while (!failed && next < paths.length) {
      const k = next++;
      let buf: ArrayBuffer;
      try {
        buf = await files.readShard(normalizeShardPath(paths[k]), callOff.signal);
      } catch (err) {
        // called off (or failing too) after the first failure: that one is what the person is told
        if (failed) return;
        failed = true;
        callOff.abort();
        throw new Error(`weight file "${paths[k]}" of ${files.where} could not be read: ${(err as Error).message}`);
      }
      // another lane failed meanwhile: the load has moved on (to the next copy), and so does this
      if (failed) return;
      buffers[k] = buf;
      loaded += buf.byteLength;
      onProgress?.(expected ? Math.min(1, loaded / expected) : 1, `${paths[k]} (${(loaded / 1e6).toFixed(1)} MB)`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHARD_LANES, paths.length) }, lane));
  if (loaded !== expected) {
    throw new Error(
      `${files.where}: weight files hold ${loaded} bytes but model.json describes ${expected}; the files are incomplete or mismatched`,
    );
  }
  const weightData = new Uint8Array(loaded);
  let offset = 0;
  for (const b of buffers) {
    weightData.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return {
    modelTopology: model.modelTopology as ModelArtifacts['modelTopology'],
    format: model.format,
    generatedBy: model.generatedBy,
    convertedBy: model.convertedBy ?? undefined,
    weightSpecs,
    weightData: weightData.buffer,
    userDefinedMetadata: model.userDefinedMetadata as ModelArtifacts['userDefinedMetadata'],
  };
}

/**
 * Model files behind a URL; shard paths resolve relative to model.json, as tfjs does. Like tfjs's
 * http loader, a shard with no query of its own gets model.json's: TF Hub serves the weights as
 * files only with "?tfjs-format=file". Each download fails when it stops moving for `stallMs`.
 */
export function urlModelFiles(url: string, fetchFn: typeof fetch = fetch, stallMs = STALL_MS): ModelFiles {
  const shardUrl = (path: string) => {
    const base = new URL(url, globalThis.location?.href);
    const target = new URL(path, base);
    if (!target.search) target.search = base.search;
    return target.href;
  };
  return {
    where: url,
    readModelJson: async () => new TextDecoder().decode(await fetchBytes(url, fetchFn, stallMs)),
    readShard: async (path, signal) => {
      const bytes = await fetchBytes(shardUrl(path), fetchFn, stallMs, signal);
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.slice().buffer as ArrayBuffer);
    },
  };
}

function modelTopologyOf(text: string): unknown {
  try {
    return (JSON.parse(text) as ModelJson | null)?.modelTopology;
  } catch {
    return undefined;
  }
}

const baseName = (path: string) => normalizeShardPath(path).split('/').pop() ?? path;

/** Dropped files are matched by base name alone, so two shards sharing one would read the same file. */
function refuseSharedBaseNames(text: string, where: string): void {
  let manifest: unknown;
  try {
    manifest = (JSON.parse(text) as ModelJson | null)?.weightsManifest;
  } catch {
    return; // parseModelJson says what is wrong with it
  }
  if (!Array.isArray(manifest)) return;
  const seen = new Map<string, string>();
  for (const group of manifest as { paths?: unknown }[]) {
    if (!Array.isArray(group?.paths)) continue;
    for (const p of group.paths) {
      if (typeof p !== 'string') continue;
      const name = baseName(p);
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        throw new Error(
          `${where} lists two weight files named "${name}" ("${earlier}" and "${p}"): picked files are matched by name alone, so load this model from its folder or rename one of them`,
        );
      }
      seen.set(name, p);
    }
  }
}

/**
 * Files the user dropped or picked: model.json plus shards, matched by file name. The model is the
 * file named model.json, else the first JSON with a "modelTopology" (labels.json or
 * class_names.json picked alongside are not it).
 */
export function droppedModelFiles(files: readonly File[]): ModelFiles {
  const byName = new Map(files.map((f) => [f.name, f]));
  const jsons = files.filter((f) => f.name.endsWith('.json') && f.name !== 'metadata.json');
  let json = jsons.find((f) => f.name === 'model.json') ?? (jsons.length === 1 ? jsons[0] : undefined);
  let text: string | undefined;
  const where = () => (json ? `the chosen file ${json.name}` : 'the chosen files');
  return {
    // known only once the JSON files are read when several were picked and none is model.json
    get where() {
      return where();
    },
    readModelJson: async () => {
      if (!jsons.length)
        throw new Error('no model.json among the chosen files: choose model.json together with its weight files');
      if (!json) {
        for (const f of jsons) {
          const t = await f.text();
          if (modelTopologyOf(t)) {
            [json, text] = [f, t];
            break;
          }
        }
        if (!json) {
          throw new Error(
            `none of the chosen JSON files (${jsons.map((f) => f.name).join(', ')}) is a TF.js model.json: none has "modelTopology"`,
          );
        }
      }
      text ??= await json.text();
      refuseSharedBaseNames(text, where());
      return text;
    },
    readShard: async (path) => {
      const file = byName.get(baseName(path));
      if (!file) throw new Error(`missing: choose "${path}" together with model.json`);
      return file.arrayBuffer();
    },
  };
}
