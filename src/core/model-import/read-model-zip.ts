import * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { disposeWithWeights } from '../backbones/backbone';
import { isSafeShardPath, MAX_WEIGHT_BYTES, normalizeShardPath } from '../backbones/model-files';
import { BACKBONES, findBackboneSpec } from '../backbones/registry';
import { CROP_MODES, type CropMode, type PixelRange } from '../data/crop';
import { cleanName, nameKey } from '../data/problems';
import { NAME_LIMITS } from '../project/record';
import { boundedUnzip, ZipLimitError, type ZipLimits } from '../unzip';
import { readPart } from '../export/verify';
import { headForOtherBackbone } from './head-only';

/**
 * A whole image classifier brought in from a zip: ours, a Teachable Machine image export, or
 * another TF.js layers model (a Keras model converted with tensorflowjs_converter).
 */
export interface ImportedModel {
  model: tf.LayersModel;
  labels: string[];
  inputSize: number;
  cropMode: CropMode;
  pixelRange: PixelRange;
  source: 'studio' | 'teachable-machine' | 'tfjs-layers';
  name: string;
  /**
   * 'scores': the model ends without softmax, so its outputs are not probabilities until the
   * classifier applies one (Try it showed "cat (734.2%)"); absent: probabilities
   */
  outputs?: 'probabilities' | 'scores';
  /** the preprocessing the studio had to guess (metadata.json gives none), for the page to say */
  assumed?: string;
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

/**
 * The studio's own exports put all of a model's weights in one weights.bin, and a model may have
 * up to MAX_WEIGHT_BYTES of them: a smaller limit a file refused large exports of its own. The zip
 * holds them and model.json and metadata.json beside them. Weights compress little: past 64 MB a
 * model zip may unpack to 20 times its size at most.
 */
export const MODEL_ZIP_LIMITS: ZipLimits = Object.freeze({
  entries: 10_000,
  fileBytes: MAX_WEIGHT_BYTES,
  totalBytes: MAX_WEIGHT_BYTES + 64 * 2 ** 20,
  ratio: 20,
  ratioFloorBytes: 64 * 2 ** 20,
});

const JSON_AT_ROOT = /^([^/]+\/)?(model|metadata)\.json$/;
/** where the studio's project zip keeps its project.json (core/project/project-zip.ts): at the top, or one folder down */
const PROJECT_JSON = /^([^/]+\/)?project\.json$/;

/**
 * Only the files a model needs are inflated: first model.json and metadata.json, then the weight
 * files its model.json names. Anything else in the zip (a bomb among them) is never unpacked.
 */
async function unzipModel(zip: Uint8Array): Promise<Record<string, Uint8Array>> {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new ModelImportError('This file is not a model zip (it could not be unzipped).');
  // a project zip dropped here was told it had no model.json, as if it were a broken model
  const seen = { project: false, model: false };
  const projectZip = () =>
    new ModelImportError(
      'This is a Transfer Studio project zip (its images and settings), not a model zip: open it with Open project… instead.',
    );
  try {
    const files = await boundedUnzip(zip, MODEL_ZIP_LIMITS, (name) => {
      seen.project ||= PROJECT_JSON.test(name);
      seen.model ||= JSON_AT_ROOT.test(name) && name.endsWith('model.json');
      return JSON_AT_ROOT.test(name);
    });
    if (seen.project && !seen.model) throw projectZip();
    const shards = new Set<string>();
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('model.json')) continue;
      const dir = name.slice(0, -'model.json'.length);
      try {
        const manifest = (JSON.parse(strFromU8(bytes)) as { weightsManifest?: { paths?: unknown }[] }).weightsManifest;
        for (const group of Array.isArray(manifest) ? manifest : [])
          for (const p of Array.isArray(group?.paths) ? group.paths : [])
            // read as readArtifacts reads it: tfjs's model.save('downloads://…') writes "./x.weights.bin"
            if (typeof p === 'string' && isSafeShardPath(p)) shards.add(dir + normalizeShardPath(p));
      } catch {
        // not JSON: said below, where model.json is read
      }
    }
    return shards.size
      ? { ...files, ...(await boundedUnzip(zip, MODEL_ZIP_LIMITS, (name) => shards.has(name))) }
      : files;
  } catch (err) {
    if (err instanceof ModelImportError) throw err;
    // project.json comes first in the studio's project zips: one past a limit (its images) is said as what it is
    if (seen.project && !seen.model) throw projectZip();
    throw new ModelImportError(
      err instanceof ZipLimitError
        ? `The model zip was refused: ${err.message}`
        : 'This file is not a model zip (it could not be unzipped).',
    );
  }
}

/** A name as a message quotes it: whole names of hundreds of characters buried the point. */
function short(text: string, max = 60): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * tfjs puts whole configs in its messages (36,672 characters of a graph model's JSON once went
 * into the page's alert, for a screen reader to read out): cut before any JSON, and short.
 */
function brief(message: string, max = 160): string {
  // tfjs goes on after its first sentence with lists of possible reasons, one a line
  const first = message.split(/\n|\.\s/)[0];
  const json = first.search(/[{[]\s*["{[]/);
  const text = (json >= 0 ? first.slice(0, json) : first).replace(/[\s:,;(.]+$/, '');
  return short(text, max);
}

/**
 * Labels the studio would read as one name (nameKey) or as none are refused: continuing the model
 * matched both to one class, and Try it showed two answers of one name. So are labels longer than
 * a class name may be: the class made for one is cut to the limit, so continuing found no class of
 * the label's name and dropped what the model had learned for it.
 */
function labelsProblem(labels: string[]): void {
  const seen = new Map<string, string>();
  labels.forEach((label, i) => {
    const key = nameKey(label);
    if (!key)
      throw new ModelImportError(
        `metadata.json leaves class ${i + 1} without a name: each class needs one. Name it in metadata.json and import the zip again.`,
      );
    const length = [...cleanName(label)].length;
    if (length > NAME_LIMITS.className)
      throw new ModelImportError(
        `metadata.json names class ${i + 1} "${short(label)}" with ${length} characters; class names have up to ${NAME_LIMITS.className} characters. Shorten it in metadata.json and import the zip again.`,
      );
    const other = seen.get(key);
    if (other !== undefined)
      throw new ModelImportError(
        `metadata.json names two classes ${other === label ? `"${short(label)}"` : `"${short(other)}" and "${short(label)}", which the studio reads as one name`}: each class needs a name of its own. Rename one in metadata.json and import the zip again.`,
      );
    seen.set(key, label);
  });
}

/** Layers that hand their input on unchanged in kind: the activation that makes the output is before them. */
const PASS_THROUGH = new Set([
  'Dropout',
  'SpatialDropout1D',
  'AlphaDropout',
  'GaussianDropout',
  'GaussianNoise',
  'Flatten',
  'Reshape',
  'Permute',
  'InputLayer',
]);
const ACTIVATION_LAYERS: Record<string, string> = {
  Softmax: 'softmax',
  ReLU: 'relu',
  LeakyReLU: 'leaky relu',
  PReLU: 'prelu',
  ELU: 'elu',
  ThresholdedReLU: 'thresholded relu',
};

/**
 * The layer a model's output comes out of. A Sequential model keeps no outputLayers of its own (it
 * reads undefined): its last layer is the one (the studio's head is one; taken for 'linear', its
 * softmax was applied twice and Try it answered "Unknown").
 */
const lastLayer = (model: tf.LayersModel): tf.layers.Layer | undefined =>
  model.outputLayers?.[0] ?? model.layers[model.layers.length - 1];

/** The activation the model's output comes out of ('linear': none), looking inside nested models. */
function outputActivation(model: tf.LayersModel): string {
  let layer: tf.layers.Layer | undefined = lastLayer(model);
  for (let step = 0; layer && step < 1000; step++) {
    if (layer instanceof tf.LayersModel) layer = lastLayer(layer);
    else if (PASS_THROUGH.has(layer.getClassName())) layer = layer.inboundNodes[0]?.inboundLayers[0];
    else {
      const name = ACTIVATION_LAYERS[layer.getClassName()];
      if (name) return name;
      const act = (layer.getConfig() as { activation?: unknown }).activation;
      return typeof act === 'string' ? act : 'linear';
    }
  }
  return 'linear';
}

/** What Teachable Machine's image models assume, said when the studio assumes it for another model. */
const TM_ASSUMED =
  "metadata.json gives no preprocessing, so the studio assumed Teachable Machine's: a centre crop, pixels scaled as x / 127 − 1. If the model was trained otherwise, its answers are off.";

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
  const jsonBytes = files[`${root}model.json`];
  if (!jsonBytes)
    throw new ModelImportError(
      'The zip has no model.json: export the model from the studio or from Teachable Machine (TensorFlow.js).',
    );
  // said before anything else: a graph model's other faults (its labels, tfjs' refusal) mislead
  let sniffed: { format?: unknown; modelTopology?: { node?: unknown } } | null = null;
  try {
    sniffed = JSON.parse(strFromU8(jsonBytes));
  } catch {
    // not JSON: said where model.json is read
  }
  if (sniffed?.format === 'graph-model' || sniffed?.modelTopology?.node)
    throw new ModelImportError(
      'This is a TF.js graph model, which the studio cannot import: it imports layers models (Teachable Machine image projects, its own exports, Keras models converted with tensorflowjs_converter to tfjs_layers_model).',
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
  if (!meta || typeof meta !== 'object') throw new ModelImportError('metadata.json is not valid metadata.');
  // Teachable Machine's pose and audio models classify body keypoints and sounds, not images
  const pkg = typeof meta.packageName === 'string' ? meta.packageName : '';
  const kind =
    /^@teachablemachine\/(pose|audio)$/.exec(pkg)?.[1] ??
    ('wordLabels' in meta || 'tfjsSpeechCommandsVersion' in meta ? 'audio' : null);
  if (kind)
    throw new ModelImportError(
      `This is a Teachable Machine ${kind} model: the studio imports image models only. Export an image project from Teachable Machine instead.`,
    );
  const labels = meta.labels;
  if (!Array.isArray(labels) || labels.length < 2 || labels.some((l) => typeof l !== 'string')) {
    throw new ModelImportError('metadata.json needs "labels": a list of at least two class names.');
  }
  labelsProblem(labels as string[]);
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = (await readPart(files, root))!;
  } catch (err) {
    throw new ModelImportError(
      `${brief((err as Error).message, 200)}. Export the model again (from the studio, or from Teachable Machine as TensorFlow.js).`,
    );
  }
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (err) {
    throw new ModelImportError(
      `model.json could not be loaded as a TF.js layers model (${brief((err as Error).message) || 'its layers are not ones TF.js knows'}). Export the model again.`,
    );
  }
  const shape = model.inputs[0].shape;
  const units = model.outputs[0].shape[1];
  const fail = (why: string): never => {
    disposeWithWeights(model);
    throw new ModelImportError(why);
  };
  // predict() answers such a model with a list of tensors: Try it failed on "squeeze is not a function"
  if (model.outputs.length !== 1)
    fail(`The model has ${model.outputs.length} outputs; the studio imports classifiers with one (a score per class).`);
  if (model.outputs[0].shape.length !== 2)
    fail(`The model gives ${JSON.stringify(model.outputs[0].shape.slice(1))} per image, not one score per class.`);
  if (units !== labels.length) fail(`The model has ${units} outputs but metadata.json names ${labels.length} classes.`);
  const activation = outputActivation(model);
  if (activation !== 'softmax' && activation !== 'linear')
    fail(
      `The model's last layer uses ${activation} activation, so its outputs are not one probability per class: the studio imports classifiers that end in softmax (or in plain scores, which it turns into probabilities).`,
    );
  const outputs = activation === 'softmax' ? 'probabilities' : 'scores';
  const pre = meta.preprocessing as { cropMode?: string; pixelRange?: [number, number] } | undefined;
  if (shape.length === 2) {
    // a head: it runs on the pooled features of the backbone it was trained on, if that one is loaded
    const user = meta.userMetadata as { backbone?: unknown; backboneName?: unknown } | undefined;
    const on = user?.backbone;
    if (typeof on !== 'string')
      fail(
        `This model takes a list of ${shape[1]} numbers, not an image, and its metadata.json names no backbone to make them: the studio imports image classifiers. If the studio exported it as a head, import the full model zip instead.`,
      );
    if (loaded?.id !== on) {
      const given = typeof user?.backboneName === 'string' ? user.backboneName : null;
      fail(
        headForOtherBackbone(on as string, {
          builtIn: BACKBONES.some((b) => b.id === on),
          name: findBackboneSpec(on as string)?.name ?? given,
        }),
      );
    }
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
      outputs,
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
      `This model takes ${JSON.stringify(shape.slice(1))}, not a square RGB image ([size, size, 3]): the studio imports image classifiers.`,
    );
  }
  if (!side)
    fail(
      'This model takes images of any size and its metadata.json gives no input size (preprocessing.inputSize or imageSize): add the size the model was trained at there, or export the model again.',
    );
  const studio = !!pre && Array.isArray(pre.pixelRange);
  const cropMode = studio && CROP_MODES.includes(pre!.cropMode as CropMode) ? (pre!.cropMode as CropMode) : 'center';
  // only Teachable Machine's image exports say they are: any other model's scaling is a guess
  const tm = !studio && pkg === '@teachablemachine/image';
  return {
    model,
    labels: labels as string[],
    inputSize: side!,
    cropMode,
    pixelRange: studio ? { min: pre!.pixelRange![0], max: pre!.pixelRange![1] } : TM_RANGE,
    source: studio ? 'studio' : tm ? 'teachable-machine' : 'tfjs-layers',
    name: typeof meta.modelName === 'string' ? meta.modelName : 'imported model',
    outputs,
    ...(!studio && !tm && { assumed: TM_ASSUMED }),
  };
}
