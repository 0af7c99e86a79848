import type * as tf from '@tensorflow/tfjs';
import { isJoinLayer, POOLED_BOUNDARY, type Backbone } from '../backbones/backbone';

export interface BlockLayer {
  name: string;
  className: string;
  /** every weight, a BatchNorm's moving mean and variance included */
  params: number;
  /** the weights training can change (a BatchNorm's moving statistics are not among them) */
  trainableParams: number;
}

/** One unit of the freeze choice: the layers between two boundaries, bottom to top. */
export interface BlockInfo {
  /** 'stem', 'block_1' … for v1 ('conv_dw_i' + 'conv_pw_i'), 'expanded_conv', 'block_i', 'Conv_1' for v2 */
  name: string;
  layers: BlockLayer[];
  /** the layer whose output leaves the block: the only tensor that crosses to the next block */
  outputLayer: string;
  /** output shape without the batch dimension, e.g. [14, 14, 128] */
  outputShape: number[];
  /** every weight of its layers */
  params: number;
  /** the weights of its layers that train when it is unfrozen: what the layer map and the model card count as trainable */
  trainableParams: number;
}

type Layer = tf.layers.Layer;

/**
 * Which block a layer belongs to, from the Keras MobileNet naming schemes. Unknown names join
 * the block being built, so an unfamiliar model degrades to fewer, larger blocks, never wrong ones.
 */
function blockKey(name: string): string | null {
  let m = /^conv_(?:dw|pw)_(\d+)(?:_|$)/.exec(name);
  if (m) return `block_${m[1]}`;
  m = /^block_(\d+)_/.exec(name);
  if (m) return `block_${m[1]}`;
  if (/^expanded_conv(?:_|$)/.test(name)) return 'expanded_conv';
  if (/^Conv_1(?:_|$)/.test(name)) return 'Conv_1';
  if (/^(?:conv1|Conv1|bn_Conv1)(?:_|$)/.test(name)) return 'stem';
  return null;
}

/** Layers that feed `layer` inside the feature model (each backbone layer is called once there). */
export function inboundLayers(layer: Layer): Layer[] {
  const node = (layer as unknown as { inboundNodes: { inboundLayers: Layer[] }[] }).inboundNodes[0];
  return node ? node.inboundLayers : [];
}

/** The layers of the feature model in topological order, input layer excluded. */
export function computeLayers(model: tf.LayersModel): Layer[] {
  return model.layers.filter((l) => l.getClassName() !== 'InputLayer');
}

/** computeLayers without the join of an earlier map (backbone.ts MID_POOL): the backbone's own chain. */
export function trunkLayers(model: tf.LayersModel): Layer[] {
  return computeLayers(model).filter((l) => !isJoinLayer(l.name));
}

/**
 * A block may end only where a single tensor crosses to the rest of the network (MobileNetV2's
 * residual Adds read a tensor from inside the previous block's span otherwise). Returns, for
 * each position i, whether the output of layers[i] is the only value used after position i.
 */
function cutPoints(layers: Layer[]): boolean[] {
  const index = new Map(layers.map((l, i) => [l.name, i]));
  // lastUse[i]: the latest position that reads layers[i]'s output.
  const lastUse = layers.map(() => -1);
  layers.forEach((l, j) => {
    for (const src of inboundLayers(l)) {
      const i = index.get(src.name);
      if (i !== undefined) lastUse[i] = Math.max(lastUse[i], j);
    }
  });
  const cut: boolean[] = [];
  let openUntil = -1;
  for (let i = 0; i < layers.length; i++) {
    // Some earlier value is still needed after position i: not a cut.
    cut.push(openUntil <= i);
    openUntil = Math.max(openUntil, lastUse[i]);
  }
  return cut;
}

/** Boundary name when every block trains: the preprocessed image itself is what gets cached. */
export const IMAGE_BOUNDARY = 'image';

const blockCache = new WeakMap<tf.LayersModel, BlockInfo[]>();

/**
 * Block structure of a layers backbone, bottom (stem) to top (the feature layer's block).
 * Pure data for the studio's layer map; computed once per loaded model. Graph backbones have
 * no trainable blocks: [].
 */
export function backboneBlocks(backbone: Backbone): BlockInfo[] {
  const model = backbone.featureModel;
  if (!model) return [];
  const cached = blockCache.get(model);
  if (cached) return cached;
  // the join reads an earlier block's output at the very end: counted, no block could end after it
  const layers = trunkLayers(model);
  const cut = cutPoints(layers);
  const blocks: BlockInfo[] = [];
  let current: { name: string; layers: Layer[] } | null = null;
  const close = () => {
    if (!current) return;
    const last = current.layers[current.layers.length - 1];
    const list = current.layers.map((l) => ({
      name: l.name,
      className: l.getClassName(),
      params: l.countParams(),
      // a weight's shape is whole (no batch dimension)
      trainableParams: l.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, d) => a * (d ?? 0), 1), 0),
    }));
    blocks.push({
      name: current.name,
      layers: list,
      outputLayer: last.name,
      outputShape: (last.outputShape as number[]).slice(1),
      params: list.reduce((n, l) => n + l.params, 0),
      trainableParams: list.reduce((n, l) => n + l.trainableParams, 0),
    });
    current = null;
  };
  layers.forEach((layer, i) => {
    const key = blockKey(layer.name);
    // A new named block starts only where the previous one may end (a cut before this layer).
    if (current && key !== null && key !== current.name && cut[i - 1]) close();
    if (!current) current = { name: key ?? layer.name, layers: [] };
    current.layers.push(layer);
  });
  close();
  blockCache.set(model, blocks);
  return blocks;
}

/**
 * Boundary (cache key and prefix output) when the top `unfreeze` blocks train: the output of the
 * last frozen block, POOLED_BOUNDARY for head-only training, or the image input layer when every
 * block trains.
 */
export function boundaryForUnfreeze(blocks: readonly BlockInfo[], unfreeze: number): string {
  if (!Number.isInteger(unfreeze) || unfreeze < 0 || unfreeze > blocks.length) {
    throw new Error(
      `unfreeze must be a whole number from 0 to ${blocks.length} (this backbone has ${blocks.length} blocks), got ${unfreeze}`,
    );
  }
  if (unfreeze === 0) return POOLED_BOUNDARY;
  if (unfreeze === blocks.length) return IMAGE_BOUNDARY;
  return blocks[blocks.length - unfreeze - 1].outputLayer;
}

/** 'Train from block k up' in the layer map's terms: blocks k..end train (k is 0-based). */
export function unfreezeFromBlock(blocks: readonly BlockInfo[], firstTrainable: number): number {
  return Math.max(0, Math.min(blocks.length, blocks.length - firstTrainable));
}

/**
 * Index of the block whose output is `boundary`: -1 for the image, blocks.length for the pooled
 * feature and for names it does not know (so staleness checks err on the side of dropping).
 */
export function boundaryDepth(blocks: readonly BlockInfo[], boundary: string): number {
  if (boundary === IMAGE_BOUNDARY) return -1;
  const i = blocks.findIndex((b) => b.outputLayer === boundary);
  return i < 0 ? blocks.length : i;
}
