import * as tf from '@tensorflow/tfjs';
import type { PixelRange } from '../data/crop';
import { CUSTOM_ID_PREFIX, type BackboneSpec } from './registry';

/** A layer whose spatial output map can be pooled into features. */
export interface FeatureLayerOption {
  name: string;
  /** [h, w, c] (h and w null where the model takes any size) */
  shape: (number | null)[];
  /** the last layer at its spatial resolution: the end of a stage, the usual place to cut */
  stageEnd: boolean;
  /**
   * The end of the stage before, at twice this map's side, whose average can join this one's as the
   * built-in MobileNets' does (registry.ts poolAlso): absent where there is none in the same graph
   */
  poolAlso?: string;
}

/** What the studio found in a layers model someone brought, for them to choose from. */
export interface BackboneInspection {
  modelName: string;
  /** the square input side, or null where the model takes any size (the user picks one) */
  inputSize: number | null;
  params: number;
  /** deepest first */
  layers: FeatureLayerOption[];
  recommended: string;
  /** a fingerprint of the weights, so a backbone's id changes when its weights do */
  fingerprint: string;
  sizeBytes: number;
}

/** the input sides the studio feeds a brought backbone */
export const MIN_INPUT = 16;
export const MAX_INPUT = 1024;

export class CustomBackboneError extends Error {
  override name = 'CustomBackboneError';
}

/** Every layer of a model in order, nested models (a Teachable Machine export) opened up. */
export function flatLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.flatMap((l) => (l instanceof tf.LayersModel ? flatLayers(l) : [l]));
}

/**
 * Each layer's name → the (possibly nested) model that holds it, for the layers of graphs that start
 * at the whole model's input (a Teachable Machine export's inner model is its first layer). Two maps
 * join only inside one such graph: a base model called on a preprocessed tensor is cut once per layer
 * (backbone.ts cutAt), so joining two of its layers would run the base twice.
 */
function layerOwners(model: tf.LayersModel, owners = new Map<string, tf.LayersModel>()): Map<string, tf.LayersModel> {
  for (const l of model.layers) {
    if (!(l instanceof tf.LayersModel)) owners.set(l.name, model);
    else if (l.inputs.every((t) => model.inputs.includes(t))) layerOwners(l, owners);
  }
  return owners;
}

type Spatial = { name: string; shape: (number | null)[]; stageEnd: boolean };

/**
 * The stage end an option's map can be joined with (backbone.ts joinedOutput): the deepest earlier
 * one at exactly twice its side (14×14 under 7×7, where a stride-2 block's 15×15 padding is not a
 * stage's output), else at an odd side that halves to it. None where the sides are unknown (a model
 * that takes any size) or the map is the first.
 */
function earlierStageEnd(shallowFirst: Spatial[], i: number, owners: Map<string, tf.LayersModel>): string | undefined {
  const [h, w] = shallowFirst[i].shape;
  if (h == null || w == null) return undefined;
  const owner = owners.get(shallowFirst[i].name);
  if (!owner) return undefined;
  const before = shallowFirst
    .slice(0, i)
    .reverse()
    .filter((l) => l.stageEnd && owners.get(l.name) === owner);
  const fits = (exact: boolean) =>
    before.find(({ shape: [mh, mw] }) =>
      exact ? mh === 2 * h && mw === 2 * w : mh != null && mw != null && mh >> 1 === h && mw >> 1 === w,
    );
  return (fits(true) ?? fits(false))?.name;
}

function spatialShape(layer: tf.layers.Layer): (number | null)[] | null {
  if (layer.getClassName() === 'InputLayer') return null;
  let shape: unknown;
  try {
    shape = layer.outputShape;
  } catch {
    return null; // a layer used in more than one place has no single shape
  }
  if (!Array.isArray(shape) || Array.isArray(shape[0]) || shape.length !== 4) return null;
  const [, h, w, c] = shape as (number | null)[];
  // a 1×1 map is a classifier's logits or a pooled vector reshaped, not a feature map
  if (c == null || (h === 1 && w === 1)) return null;
  return [h, w, c];
}

/** FNV-1a over the weight bytes (sampled past 4 MB): cheap, and different weights give a different id. */
export function weightFingerprint(data: ArrayBuffer | ArrayBuffer[]): string {
  const bytes = new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
  const step = Math.max(1, Math.floor(bytes.length / (4 << 20)));
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += step) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${(h >>> 0).toString(16).padStart(8, '0')}${bytes.length.toString(16)}`;
}

/**
 * Finds where features can come from in a Keras-style layers model with an image input: every
 * layer with a spatial map (pooled by global averaging, as for the built-in backbones), deepest
 * first, the end of each stage marked, the deepest recommended.
 */
export function inspectLayersModel(model: tf.LayersModel, weightData: ArrayBuffer | ArrayBuffer[]): BackboneInspection {
  if (model.inputs.length !== 1)
    throw new CustomBackboneError(`The model has ${model.inputs.length} inputs; a backbone takes one image.`);
  const input = model.inputs[0].shape;
  if (input.length !== 4 || input[3] !== 3) {
    throw new CustomBackboneError(
      `The model takes [${input
        .slice(1)
        .map((d) => d ?? '?')
        .join(', ')}], not an RGB image [height, width, 3]: a backbone needs an image input.`,
    );
  }
  const [, h, w] = input;
  if (h != null && w != null && h !== w)
    throw new CustomBackboneError(`The model takes ${h}×${w} images; the studio feeds square images to backbones.`);
  const spatial = flatLayers(model).flatMap((layer) => {
    const shape = spatialShape(layer);
    return shape ? [{ name: layer.name, shape }] : [];
  });
  if (!spatial.length)
    throw new CustomBackboneError(
      'The model has no layer with a spatial feature map (height × width × channels) to take features from.',
    );
  const ends: Spatial[] = spatial.map((l, i) => {
    const next = spatial[i + 1];
    return { ...l, stageEnd: !next || next.shape[0] !== l.shape[0] || next.shape[1] !== l.shape[1] };
  });
  const owners = layerOwners(model);
  const layers: FeatureLayerOption[] = ends.map((l, i) => {
    const also = earlierStageEnd(ends, i, owners);
    return also ? { ...l, poolAlso: also } : l;
  });
  return {
    modelName: model.name,
    inputSize: h ?? null,
    params: model.countParams(),
    layers: layers.reverse(),
    recommended: layers[0].name,
    fingerprint: weightFingerprint(weightData),
    sizeBytes: Array.isArray(weightData) ? weightData.reduce((n, b) => n + b.byteLength, 0) : weightData.byteLength,
  };
}

export interface CustomChoice {
  featureLayer: string;
  pixelRange: PixelRange;
  /** needed where the model takes any size */
  inputSize?: number;
  /** the feature layer's option's `poolAlso`: its average joins the feature layer's */
  poolAlso?: string;
}

/** The spec of a user's backbone: head-only training (its blocks are not known to the layer map). */
export function customBackboneSpec(found: BackboneInspection, choice: CustomChoice): BackboneSpec {
  const layer = found.layers.find((l) => l.name === choice.featureLayer);
  if (!layer) throw new CustomBackboneError(`The model has no feature layer "${choice.featureLayer}".`);
  const inputSize = found.inputSize ?? choice.inputSize;
  if (!inputSize || !Number.isInteger(inputSize) || inputSize < MIN_INPUT || inputSize > MAX_INPUT) {
    throw new CustomBackboneError(
      found.inputSize
        ? `The model takes ${inputSize}×${inputSize} images; the studio feeds backbones ${MIN_INPUT} to ${MAX_INPUT} pixels a side, so it cannot use this model.`
        : `The model takes any image size: choose an input size between ${MIN_INPUT} and ${MAX_INPUT} pixels.`,
    );
  }
  const also = choice.poolAlso ? found.layers.find((l) => l.name === choice.poolAlso) : undefined;
  if (choice.poolAlso && (!also || layer.poolAlso !== choice.poolAlso))
    throw new CustomBackboneError(
      `"${choice.poolAlso}" cannot join "${layer.name}": only the end of the stage before, at twice its side, can.`,
    );
  const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 40);
  const depths = also ? `${slug(layer.name)}+${slug(also.name)}` : slug(layer.name);
  return {
    // everything that changes the features is in the id: stored features are keyed by it
    id: `${CUSTOM_ID_PREFIX}${slug(found.modelName)}-${found.fingerprint}-${depths}-${inputSize}-${choice.pixelRange.min}_${choice.pixelRange.max}`,
    name: `${found.modelName} (yours, features from ${layer.name}${also ? ` and ${also.name}` : ''})`,
    format: 'layers',
    localPath: '',
    hostedUrl: '',
    inputSize,
    pixelRange: choice.pixelRange,
    featureLayer: layer.name,
    featureSize: layer.shape[2]! + (also ? also.shape[2]! : 0),
    ...(also && { poolAlso: also.name }),
    sizeBytes: found.sizeBytes,
    trainable: false,
    description: 'A backbone you brought; kept in this browser.',
  };
}
