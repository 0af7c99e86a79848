import type * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { CROP_MODES, type CropMode, type PixelRange } from '../data/crop';
import { nameKey } from '../data/problems';
import { boundedUnzip, ZipLimitError, type ZipLimits } from '../unzip';
import { loadPart } from '../export/verify';
import { headForOtherBackbone } from './head-only';

/** A whole image classifier brought in from a zip: ours, or a Teachable Machine TF.js export. */
export interface ImportedModel {
  model: tf.LayersModel;
  labels: string[];
  inputSize: number;
  cropMode: CropMode;
  pixelRange: PixelRange;
  source: 'studio' | 'teachable-machine';
  name: string;
  /** a head-only export: it classifies the loaded backbone's pooled features (that backbone's id) */
  headOnlyFor?: string;
}

/** The backbone the studio has loaded, for head-only zips made on it. */
export interface LoadedFor {
  id: string;
  featureSize: number;
  inputSize: number;
  pixelRange: PixelRange;
}

export class ModelImportError extends Error {
  override name = 'ModelImportError';
}

/** Teachable Machine scales pixels by /127 − 1, i.e. x/255 onto [−1, 255/127 − 1]. */
const TM_RANGE: PixelRange = { min: -1, max: 255 / 127 - 1 };

/** Weights compress little: past 64 MB a model zip may unpack to 20 times its size at most. */
export const MODEL_ZIP_LIMITS: ZipLimits = Object.freeze({
  entries: 10_000,
  fileBytes: 256 * 2 ** 20,
  totalBytes: 1 * 2 ** 30,
  ratio: 20,
  ratioFloorBytes: 64 * 2 ** 20,
});

const JSON_AT_ROOT = /^([^/]+\/)?(model|metadata)\.json$/;

/**
 * Only the files a model needs are inflated: first model.json and metadata.json, then the weight
 * files its model.json names. Anything else in the zip (a bomb among them) is never unpacked.
 */
async function unzipModel(zip: Uint8Array): Promise<Record<string, Uint8Array>> {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new ModelImportError('This file is not a model zip (it could not be unzipped).');
  try {
    const files = await boundedUnzip(zip, MODEL_ZIP_LIMITS, (name) => JSON_AT_ROOT.test(name));
    const shards = new Set<string>();
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('model.json')) continue;
      const dir = name.slice(0, -'model.json'.length);
      try {
        const manifest = (JSON.parse(strFromU8(bytes)) as { weightsManifest?: { paths?: unknown }[] }).weightsManifest;
        for (const group of Array.isArray(manifest) ? manifest : [])
          for (const p of Array.isArray(group?.paths) ? group.paths : [])
            if (typeof p === 'string') shards.add(dir + p);
      } catch {
        // not JSON: said below, where model.json is read
      }
    }
    return shards.size
      ? { ...files, ...(await boundedUnzip(zip, MODEL_ZIP_LIMITS, (name) => shards.has(name))) }
      : files;
  } catch (err) {
    throw new ModelImportError(
      err instanceof ZipLimitError
        ? `The model zip was refused: ${err.message}`
        : 'This file is not a model zip (it could not be unzipped).',
    );
  }
}

/**
 * Labels the studio would read as one name (nameKey) or as none are refused: continuing the model
 * matched both to one class, and Try it showed two answers of one name.
 */
function labelsProblem(labels: string[]): void {
  const seen = new Map<string, string>();
  labels.forEach((label, i) => {
    const key = nameKey(label);
    if (!key)
      throw new ModelImportError(
        `metadata.json leaves class ${i + 1} without a name: each class needs one. Name it in metadata.json and import the zip again.`,
      );
    const other = seen.get(key);
    if (other !== undefined)
      throw new ModelImportError(
        `metadata.json names two classes ${other === label ? `"${label}"` : `"${other}" and "${label}", which the studio reads as one name`}: each class needs a name of its own. Rename one in metadata.json and import the zip again.`,
      );
    seen.set(key, label);
  });
}

/**
 * Reads a model zip (or its unzipped files) into something that classifies images: model.json +
 * weights and metadata.json with the labels. The preprocessing comes from the studio's own
 * metadata when present, else Teachable Machine's (centre crop, /127 − 1).
 */
export async function importModelFiles(
  input: Uint8Array | Record<string, Uint8Array>,
  loaded?: LoadedFor | null,
): Promise<ImportedModel> {
  const files = input instanceof Uint8Array ? await unzipModel(input) : input;
  // a zip made by zipping the folder has everything one level down: use that folder
  const root = files['model.json']
    ? ''
    : (Object.keys(files)
        .find((k) => /^[^/]+\/model\.json$/.test(k))
        ?.replace(/model\.json$/, '') ?? '');
  if (!files[`${root}model.json`])
    throw new ModelImportError(
      'The zip has no model.json: export the model from the studio or from Teachable Machine (TensorFlow.js).',
    );
  // a head-only zip keeps its metadata beside head/ (the studio's full download lays it out so)
  const metaBytes = files[`${root}metadata.json`] ?? files['metadata.json'];
  if (!metaBytes) throw new ModelImportError('The zip has no metadata.json, so the class names are unknown.');
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(strFromU8(metaBytes));
  } catch {
    throw new ModelImportError('metadata.json is not valid JSON.');
  }
  const labels = meta.labels;
  if (!Array.isArray(labels) || labels.length < 2 || labels.some((l) => typeof l !== 'string')) {
    throw new ModelImportError('metadata.json needs "labels": a list of at least two class names.');
  }
  labelsProblem(labels as string[]);
  let model: tf.LayersModel;
  try {
    model = (await loadPart(files, root))!;
  } catch (err) {
    throw new ModelImportError(`model.json could not be loaded: ${(err as Error).message}`);
  }
  const shape = model.inputs[0].shape;
  const units = model.outputs[0].shape[1];
  const fail = (why: string): never => {
    model.dispose();
    throw new ModelImportError(why);
  };
  if (units !== labels.length) fail(`The model has ${units} outputs but metadata.json names ${labels.length} classes.`);
  const pre = meta.preprocessing as { cropMode?: string; pixelRange?: [number, number] } | undefined;
  if (shape.length === 2) {
    // a head: it runs on the pooled features of the backbone it was trained on, if that one is loaded
    const on = (meta.userMetadata as { backbone?: unknown } | undefined)?.backbone;
    if (typeof on !== 'string')
      fail(
        `This zip holds only the last part of a model (a head that reads ${shape[1]} backbone features, not an image), and its metadata.json does not say which backbone it was trained on: import the full model zip instead.`,
      );
    if (loaded?.id !== on) fail(headForOtherBackbone(on as string));
    // a head trained with the backbone's top blocks ran on those tuned blocks' features, not the stock ones
    const tuned = (meta.settings as { unfreeze?: unknown } | undefined)?.unfreeze;
    if (typeof tuned === 'number' && tuned > 0)
      fail(
        `This head was trained with the top ${tuned} block${tuned > 1 ? 's' : ''} of ${on} fine-tuned: on the stock backbone it would answer wrongly. Import the full model zip (its model.json holds the tuned blocks) instead.`,
      );
    if (shape[1] !== loaded!.featureSize)
      fail(`This head takes ${shape[1]} features; ${on} gives ${loaded!.featureSize}.`);
    return {
      model,
      labels: labels as string[],
      inputSize: loaded!.inputSize,
      cropMode: CROP_MODES.includes(pre?.cropMode as CropMode) ? (pre!.cropMode as CropMode) : 'center',
      pixelRange: loaded!.pixelRange,
      source: 'studio',
      name: typeof meta.modelName === 'string' ? meta.modelName : 'imported head',
      headOnlyFor: on as string,
    };
  }
  // a model that takes any size (a brought backbone's, exported before exports pinned the size)
  // runs at the size its metadata says it was trained at
  const anySize = shape.length === 4 && shape[1] == null && shape[2] == null;
  const given = (pre as { inputSize?: unknown } | undefined)?.inputSize ?? meta.imageSize;
  const side = anySize ? (Number.isInteger(given) && (given as number) > 0 ? (given as number) : null) : shape[1];
  if (shape.length !== 4 || shape[3] !== 3 || (!anySize && shape[1] !== shape[2])) {
    fail(
      `This model takes ${JSON.stringify(shape.slice(1))}, not a square RGB image: import the full model zip instead.`,
    );
  }
  if (!side)
    fail(
      'This model takes images of any size and its metadata.json gives no input size (preprocessing.inputSize or imageSize): add the size the model was trained at there, or export the model again.',
    );
  const studio = !!pre && Array.isArray(pre.pixelRange);
  const cropMode = studio && CROP_MODES.includes(pre!.cropMode as CropMode) ? (pre!.cropMode as CropMode) : 'center';
  return {
    model,
    labels: labels as string[],
    inputSize: side!,
    cropMode,
    pixelRange: studio ? { min: pre!.pixelRange![0], max: pre!.pixelRange![1] } : TM_RANGE,
    source: studio ? 'studio' : 'teachable-machine',
    name: typeof meta.modelName === 'string' ? meta.modelName : 'imported model',
  };
}
