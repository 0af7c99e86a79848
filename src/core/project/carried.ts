import type * as tf from '@tensorflow/tfjs-core';
import { CUSTOM_ID_PREFIX, type BackboneSpec } from '../backbones/registry';
import type { HeadStart } from '../model-import/head-start';
import { INTERRUPTED_BIN, INTERRUPTED_JSON } from './carried-interrupted';
import { isCount, isObj, isStr } from './json-checks';

/**
 * What a project zip carries besides its images and model, so the project works where it is
 * opened as it did where it was saved: continue-training's starting point (an imported head) and
 * the backbones people brought that the project or that starting point runs on. Without them the
 * next Train elsewhere started from zero weights without a word, or on the default backbone.
 * Each is ordinary files a person can unzip: a backbone is model.json + weights.bin (loadable by
 * tf.loadLayersModel) with the studio's spec.json beside it.
 */

/** Continue-training's starting point: the imported head and the backbone it belongs on. */
export interface CarriedStart {
  modelName: string;
  labels: string[];
  backboneId: string;
  hiddenUnits: number;
  start: HeadStart;
  /**
   * the import it was cut from (ModelInfo.importId): opened elsewhere, that import is told to be
   * continued already, as after a reload; absent in zips from before it was carried
   */
  importId?: string;
}

/** Which import the carried one is (StoredImport's name and id): opened elsewhere, Try it knows it as after a reload. */
export interface CarriedImport {
  name: string;
  importId: string;
  /**
   * a head-only model that waited for this backbone where the zip was written (not the model
   * answering): opened elsewhere, it is kept waiting for it at once, and said so; absent in zips from before
   */
  headOnlyFor?: string;
}

export interface CarriedBackbone {
  spec: BackboneSpec;
  modelJson: string;
  /** weights.bin, or weights-1.bin … for a backbone past one shard */
  shards: { name: string; bytes: Uint8Array }[];
}

export const START_JSON = 'start/start.json';
export const START_BIN = 'start/head.bin';
/** where a project zip carries the model trained in it (the same zip Download model writes) */
export const MODEL_PATH = 'model/model.zip';
/** the carried model's results, and the run history (read by state/result-file.ts) */
export const RESULT_JSON = 'model/result.json';
export const RUNS_JSON = 'runs.json';
/** a model imported for Try it and answering it, beside the one trained here (model/model.zip) */
export const IMPORTED_ZIP = 'model/imported.zip';
/** its name and id (CarriedImport); absent in zips from before they were carried */
export const IMPORTED_JSON = 'model/imported.json';
/** the model the carried one replaced (Evaluate's "Also kept"), as model/model.zip and its results are carried */
export const PREVIOUS_ZIP = 'model/previous.zip';
export const PREVIOUS_JSON = 'model/previous.json';
/** a project carries at most three brought backbones: its own, its starting point's and its trained model's */
const BACKBONE_DIR = /^backbones\/([123])\/(spec\.json|model\.json|weights(?:-\d{1,2})?\.bin)$/;
/** weights are split so that no entry nears Open project's limit on one file (ZIP_LIMITS.fileBytes) */
export const SHARD_BYTES = 64 * 2 ** 20;

/** The zip paths this module writes and reads; everything else in a project zip is not its. */
export const isCarriedPath = (path: string): boolean =>
  path === RESULT_JSON ||
  path === RUNS_JSON ||
  path === IMPORTED_ZIP ||
  path === IMPORTED_JSON ||
  path === PREVIOUS_ZIP ||
  path === PREVIOUS_JSON ||
  path === START_JSON ||
  path === START_BIN ||
  path === INTERRUPTED_JSON ||
  path === INTERRUPTED_BIN ||
  BACKBONE_DIR.test(path);

export type CarriedFiles = Map<string, Uint8Array>;

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** an import's id (when it was kept, an ISO time); only ever compared, so any short string does */
const isId = (v: unknown): v is string => isStr(v, 100) && v !== '';

/** The head's floats in its variable order (hidden kernel, bias, output kernel, bias), little-endian. */
function headFloats(start: HeadStart): Float32Array[] {
  return start.hidden
    ? [start.hidden.kernel, start.hidden.bias, start.out.kernel, start.out.bias]
    : [start.out.kernel, start.out.bias];
}

function floatBytes(parts: Float32Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length * 4, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of parts)
    for (const x of p) {
      view.setFloat32(at, x, true);
      at += 4;
    }
  return out;
}

export function startFiles(point: CarriedStart): CarriedFiles {
  const { start } = point;
  const json = {
    version: 1,
    modelName: point.modelName,
    labels: point.labels,
    backboneId: point.backboneId,
    hiddenUnits: start.hiddenUnits,
    featureSize: start.featureSize,
    ...(point.importId && { importId: point.importId }),
  };
  return new Map([
    [START_JSON, utf8(JSON.stringify(json, null, 2))],
    [START_BIN, floatBytes(headFloats(start))],
  ]);
}

/** The starting point the zip carries; throws with what is wrong, null when it carries none. */
export function readStart(files: CarriedFiles): CarriedStart | null {
  const json = files.get(START_JSON);
  const bin = files.get(START_BIN);
  if (!json && !bin) return null;
  if (!json || !bin) throw new Error(`${json ? START_BIN : START_JSON} is missing`);
  let v: unknown;
  try {
    v = JSON.parse(text(json));
  } catch {
    throw new Error(`${START_JSON} is not valid JSON`);
  }
  if (!isObj(v) || v.version !== 1) throw new Error(`${START_JSON} is not a starting point this studio reads`);
  const labels = v.labels;
  if (!Array.isArray(labels) || !labels.length || labels.length > 1000 || !labels.every((l) => isStr(l, 200)))
    throw new Error(`${START_JSON} needs its model's class names`);
  if (!isStr(v.modelName) || !v.modelName || !isStr(v.backboneId, 300) || !v.backboneId)
    throw new Error(`${START_JSON} needs its model's name and backbone`);
  if (!isCount(v.hiddenUnits, 8192) || !isCount(v.featureSize, 65536) || v.featureSize === 0)
    throw new Error(`${START_JSON} has a bad head size`);
  const features = v.featureSize;
  const hidden = v.hiddenUnits;
  const inputs = hidden || features;
  const n = labels.length;
  const sizes = hidden ? [features * hidden, hidden, inputs * n, n] : [inputs * n, n];
  const expected = sizes.reduce((a, b) => a + b, 0) * 4;
  if (bin.length !== expected)
    throw new Error(`${START_BIN} holds ${bin.length} bytes where its head needs ${expected}`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  const parts = sizes.map((size) => {
    const p = new Float32Array(size);
    for (let i = 0; i < size; i++, at += 4) p[i] = view.getFloat32(at, true);
    return p;
  });
  if (parts.some((p) => p.some((x) => !Number.isFinite(x))))
    throw new Error(`${START_BIN} holds values that are not numbers`);
  const [out, outBias] = hidden ? parts.slice(2) : parts;
  const start: HeadStart = {
    modelName: v.modelName,
    labels: labels as string[],
    hiddenUnits: hidden,
    hidden: hidden ? { kernel: parts[0], bias: parts[1] } : null,
    out: { kernel: out, bias: outBias },
    featureSize: features,
  };
  return {
    modelName: v.modelName,
    labels: start.labels,
    backboneId: v.backboneId,
    hiddenUnits: hidden,
    start,
    // a bad id costs only the telling of its import from another of that name: told by name, as in older zips
    ...(isId(v.importId) && { importId: v.importId }),
  };
}

export const importedJson = ({ name, importId, headOnlyFor }: CarriedImport): Uint8Array =>
  utf8(JSON.stringify({ version: 1, name, importId, ...(headOnlyFor && { headOnlyFor }) }, null, 2));

/** The carried import's name, id and the backbone it waits for; throws with what is wrong, null when the zip carries none. */
export function readImported(files: CarriedFiles): CarriedImport | null {
  const json = files.get(IMPORTED_JSON);
  if (!json) return null;
  let v: unknown;
  try {
    v = JSON.parse(text(json));
  } catch {
    throw new Error(`${IMPORTED_JSON} is not valid JSON`);
  }
  if (!isObj(v) || v.version !== 1) throw new Error(`${IMPORTED_JSON} is not one this studio reads`);
  if (!isStr(v.name, 2000) || !v.name.trim()) throw new Error(`${IMPORTED_JSON} needs the model's name`);
  if (!isId(v.importId)) throw new Error(`${IMPORTED_JSON} needs the model's id`);
  // a bad one costs only its waiting mark until a backbone refuses it, as in older zips
  const waits = isStr(v.headOnlyFor, 300) && v.headOnlyFor !== '';
  return { name: v.name, importId: v.importId, ...(waits && { headOnlyFor: v.headOnlyFor as string }) };
}

/** A brought backbone's files from what the offline cache keeps of it. */
export function backboneFiles(
  k: number,
  spec: BackboneSpec,
  artifacts: tf.io.ModelArtifacts,
  shardBytes = SHARD_BYTES,
): CarriedFiles {
  const data = artifacts.weightData;
  const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const weights = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) {
    weights.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  const count = Math.max(1, Math.ceil(weights.length / shardBytes));
  const names = count === 1 ? ['weights.bin'] : Array.from({ length: count }, (_, i) => `weights-${i + 1}.bin`);
  const model = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: names, weights: artifacts.weightSpecs ?? [] }],
  };
  const dir = `backbones/${k + 1}`;
  return new Map([
    [`${dir}/spec.json`, utf8(JSON.stringify(spec, null, 2))],
    [`${dir}/model.json`, utf8(JSON.stringify(model))],
    ...names.map((name, i) => [`${dir}/${name}`, weights.subarray(i * shardBytes, (i + 1) * shardBytes)] as const),
  ]);
}

/** A carried backbone's spec, checked field by field: it names what the studio loads and how. */
export function parseBackboneSpec(value: unknown): BackboneSpec {
  const bad = (why: string): never => {
    throw new Error(`its spec.json ${why}`);
  };
  if (!isObj(value)) return bad('is not a JSON object');
  const v = value;
  if (!isStr(v.id, 300) || !v.id.startsWith(CUSTOM_ID_PREFIX)) bad(`has no id starting with "${CUSTOM_ID_PREFIX}"`);
  if (!isStr(v.name, 400) || !v.name) bad('has no name');
  if (v.format !== 'layers') bad('is not for a layers model');
  if (!Number.isInteger(v.inputSize) || (v.inputSize as number) < 16 || (v.inputSize as number) > 1024)
    bad('has an input size outside 16–1024 pixels');
  const range = v.pixelRange;
  if (
    !isObj(range) ||
    !Number.isFinite(range.min) ||
    !Number.isFinite(range.max) ||
    (range.min as number) >= (range.max as number)
  )
    bad('has no pixel range');
  if (!isStr(v.featureLayer, 400) || !v.featureLayer) bad('names no feature layer');
  if (!isCount(v.featureSize, 65536) || v.featureSize === 0) bad('has a bad feature size');
  if (v.poolAlso !== undefined && (!isStr(v.poolAlso, 400) || !v.poolAlso)) bad('names a bad second feature layer');
  const r = range as { min: number; max: number };
  return {
    id: v.id as string,
    name: v.name as string,
    format: 'layers',
    // where a brought backbone's files are is this browser's offline cache, never a path or URL
    localPath: '',
    hostedUrl: '',
    inputSize: v.inputSize as number,
    pixelRange: { min: r.min, max: r.max },
    featureLayer: v.featureLayer as string,
    featureSize: v.featureSize as number,
    // the end of the stage before, pooled beside the feature layer (core/backbones/custom.ts)
    ...(v.poolAlso !== undefined && { poolAlso: v.poolAlso as string }),
    sizeBytes: Number.isFinite(v.sizeBytes) ? (v.sizeBytes as number) : 0,
    // brought backbones train head-only (the layer map does not know their blocks)
    trainable: false,
    description: isStr(v.description) ? v.description : 'A backbone you brought; kept in this browser.',
  };
}

/** The backbones the zip carries, each whole or with why it could not be read. */
export function readBackbones(files: CarriedFiles): { backbones: CarriedBackbone[]; problems: string[] } {
  const dirs = new Map<string, { name: string; bytes: Uint8Array }[]>();
  for (const [path, bytes] of files) {
    const m = BACKBONE_DIR.exec(path);
    if (!m) continue;
    const shards = dirs.get(m[1]) ?? [];
    if (m[2].endsWith('.bin')) shards.push({ name: m[2], bytes });
    dirs.set(m[1], shards);
  }
  const backbones: CarriedBackbone[] = [];
  const problems: string[] = [];
  for (const [k, shards] of [...dirs].sort(([a], [b]) => Number(a) - Number(b))) {
    const spec = files.get(`backbones/${k}/spec.json`);
    const model = files.get(`backbones/${k}/model.json`);
    try {
      // which shards model.json needs is checked where the backbone is read (worker/custom-models-api.ts)
      if (!spec || !model || !shards.length) throw new Error('its spec.json, model.json or weights are missing');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text(spec));
      } catch {
        throw new Error('its spec.json is not valid JSON');
      }
      backbones.push({ spec: parseBackboneSpec(parsed), modelJson: text(model), shards });
    } catch (err) {
      problems.push(`the backbone in backbones/${k} (${(err as Error).message})`);
    }
  }
  return { backbones, problems };
}
