import * as tf from '@tensorflow/tfjs';
import { FEATURES_JOINED, MID_POOL, type Backbone } from '../backbones/backbone';
import { IMAGE_BOUNDARY, inboundLayers, trunkLayers } from './blocks';
import { activation, batchNorm, cappedRelu, conv2d, depthwiseConv, sumAll, type Padding } from './ops';

type Layer = tf.layers.Layer;

/** 'fast': the primitive ops of ops.ts (trainable on every backend); 'layers': the tfjs layers themselves. */
export type SuffixImpl = 'fast' | 'layers';

interface Step {
  layer: Layer;
  className: string;
  config: tf.serialization.ConfigDict;
  /** indices into the step values; BOUNDARY is the boundary activation, SIDE the side input */
  inputs: number[];
  /** this layer's weights in layer.weights order: trainable copies are tf.Variables, the rest constants */
  weights: tf.Tensor[];
  trainable: boolean[];
}

/**
 * The trainable part of a backbone above a freeze boundary, replayed in topological order from
 * the boundary tensor (a chain for MobileNet v1; residual Adds for v2 are fine because a boundary
 * is always a block output, the only tensor crossing it).
 *
 * Training works on copies of the weights, so the backbone keeps serving predictions with its
 * previous weights until writeBack() installs the trained ones after a run.
 */
export interface Suffix {
  boundary: string;
  layerNames: string[];
  /** trainable copies in a fixed order: kernels, depthwise kernels, biases, BN gamma and beta */
  variables: tf.Variable[];
  /** the backbone's own variables, same order as `variables` (for the 'layers' path and checks) */
  layerVariables: tf.Variable[];
  /**
   * The earlier map's pooled values a backbone joins beside its feature map (backbone.ts MID_POOL)
   * when that map lies below the boundary: frozen, so the prefix computes them with the boundary
   * activation (prefixModel) and each call takes them as `side`. Their shape without the batch
   * axis, or null when the suffix computes them itself or there are none.
   */
  side: number[] | null;
  /** boundary activation [N, h, w, c] → feature map [N, 7, 7, C] (or upTo's output); call inside tf.tidy */
  apply(x: tf.Tensor4D, impl?: SuffixImpl, side?: tf.Tensor4D): tf.Tensor4D;
  /** copy the trained values into the backbone's layers (moving statistics are never touched) */
  writeBack(): void;
  dispose(): void;
}

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [v[0], v[1]] : [Number(v), Number(v)]);

function underlying(w: tf.LayerVariable): tf.Variable {
  return (w as unknown as { val: tf.Variable }).val;
}

/**
 * Frozen and unfrozen BatchNormalization both run in inference form here (moving statistics,
 * never updated): Keras does this for frozen BN, and for the unfrozen BN of a fine-tuned suffix
 * it is what Keras' transfer-learning guide and fastai recommend with small batches — batch
 * statistics of 16–32 images of a handful of classes are noisy and drift the moving averages away
 * from what the frozen prefix and the exported model assume. Gamma and beta still train.
 */
function fastStep(step: Step, xs: tf.Tensor[]): tf.Tensor {
  const { className: kind, config: c, weights: w } = step;
  const x = xs[0] as tf.Tensor4D;
  switch (kind) {
    case 'Conv2D':
    case 'DepthwiseConv2D': {
      const conv = kind === 'Conv2D' ? conv2d : depthwiseConv;
      const dilation = pair(c.dilationRate ?? 1);
      if (dilation[0] !== 1 || dilation[1] !== 1)
        throw new Error(`${step.layer.name}: dilated convolution has no fast path`);
      let y: tf.Tensor = conv(x, w[0], pair(c.strides), c.padding as Padding);
      if (c.useBias) y = y.add(w[1]);
      return activation(y, String(c.activation ?? 'linear'));
    }
    case 'BatchNormalization': {
      const scale = c.scale !== false;
      const center = c.center !== false;
      let i = 0;
      const gamma = scale ? w[i++] : undefined;
      const beta = center ? w[i++] : undefined;
      return batchNorm(x, w[i], w[i + 1], Number(c.epsilon), gamma, beta);
    }
    case 'ReLU':
      return cappedRelu(x, c.maxValue as number | null | undefined);
    case 'Activation':
      return activation(x, String(c.activation));
    case 'ZeroPadding2D': {
      const p = c.padding as [[number, number], [number, number]];
      return tf.pad(x, [[0, 0], p[0], p[1], [0, 0]]);
    }
    case 'Add':
      return sumAll(xs);
    default:
      // No fast path: the layer itself, in inference mode. Its weights stay frozen.
      return step.layer.apply(xs.length === 1 ? x : xs, { training: false }) as tf.Tensor;
  }
}

function fastKinds(kind: string): boolean {
  return ['Conv2D', 'DepthwiseConv2D', 'BatchNormalization'].includes(kind);
}

/**
 * `keepFrozen`: names of layers above the boundary that stay frozen (blocks the user switched off
 * in the layer map); they run in the suffix with constant weights.
 */
export function buildSuffix(
  backbone: Backbone,
  boundary: string,
  keepFrozen: { has(layer: string): boolean } = new Set<string>(),
  upTo?: string,
): Suffix {
  const model = backbone.featureModel;
  if (!model) throw new Error(`${backbone.spec.name} is a graph model: its blocks cannot be unfrozen`);
  const all = trunkLayers(model);
  const start = boundary === IMAGE_BOUNDARY ? 0 : all.findIndex((l) => l.name === boundary) + 1;
  if (start === 0 && boundary !== IMAGE_BOUNDARY) throw new Error(`${backbone.spec.name} has no layer "${boundary}"`);
  // upTo: stop at that layer (a higher boundary) instead of the feature layer
  const end = upTo === undefined ? all.length : all.findIndex((l) => l.name === upTo) + 1;
  if (end <= start) throw new Error(`${backbone.spec.name}: "${upTo}" is not above "${boundary}"`);
  const layers = all.slice(start, end);
  const side = upTo === undefined ? joinInto(model, layers, boundary) : null;
  const position = new Map(layers.map((l, i) => [l.name, i]));
  const variables: tf.Variable[] = [];
  const layerVariables: tf.Variable[] = [];
  const steps: Step[] = layers.map((layer) => {
    const inputs = inboundLayers(layer).map((src) => {
      const i = position.get(src.name);
      if (i !== undefined) return i;
      if (src.name === boundary || boundary === IMAGE_BOUNDARY) return BOUNDARY;
      if (src.name === MID_POOL && side) return SIDE;
      throw new Error(`${layer.name} reads ${src.name}, below the boundary ${boundary}: not a block boundary`);
    });
    const className = layer.getClassName();
    const trainable = layer.weights.map((w) => w.trainable && fastKinds(className) && !keepFrozen.has(layer.name));
    const weights = layer.weights.map((w, i) => {
      if (!trainable[i]) return w.read().clone();
      const v = tf.variable(w.read(), true);
      variables.push(v);
      layerVariables.push(underlying(w));
      return v;
    });
    return { layer, className, config: layer.getConfig(), inputs, weights, trainable };
  });
  return {
    boundary,
    layerNames: layers.map((l) => l.name),
    variables,
    layerVariables,
    side,
    apply(x, impl = 'fast', sideValues) {
      if (side && !sideValues) throw new Error(`the suffix above ${boundary} needs the pooled earlier map beside it`);
      const values: tf.Tensor[] = [];
      const input = (i: number) => (i === BOUNDARY ? x : i === SIDE ? sideValues! : values[i]);
      for (const step of steps) {
        const xs = step.inputs.map(input);
        values.push(
          impl === 'fast'
            ? fastStep(step, xs)
            : (step.layer.apply(xs.length === 1 ? xs[0] : xs, { training: false }) as tf.Tensor),
        );
      }
      return values[values.length - 1] as tf.Tensor4D;
    },
    writeBack() {
      for (const step of steps) {
        step.layer.weights.forEach((w, i) => {
          // The layer's variable takes the same (immutable) data; ours can be disposed after.
          if (step.trainable[i]) w.write(step.weights[i]);
        });
      }
    },
    dispose() {
      for (const step of steps) tf.dispose(step.weights);
    },
  };
}

const BOUNDARY = -1;
const SIDE = -2;

/**
 * Completes a suffix that runs to the feature map with the backbone's join of an earlier map
 * (backbone.ts): the join itself, and the earlier map's pooling where that map is computed here or
 * is the boundary. Where it lies below the boundary the pooled values are the side input: their
 * shape is returned (null otherwise).
 */
function joinInto(model: tf.LayersModel, layers: Layer[], boundary: string): number[] | null {
  const join = model.layers.find((l) => l.name === FEATURES_JOINED);
  if (!join) return null;
  const pool = model.getLayer(MID_POOL);
  const source = inboundLayers(pool)[0].name;
  const here = source === boundary || boundary === IMAGE_BOUNDARY || layers.some((l) => l.name === source);
  layers.push(...(here ? [pool, join] : [join]));
  return here ? null : (pool.outputShape as number[]).slice(1);
}

/** The layer whose map the backbone pools beside its feature map (backbone.ts MID_POOL), or null. */
export function joinSource(backbone: Backbone): string | null {
  const model = backbone.featureModel;
  if (!model?.layers.some((l) => l.name === FEATURES_JOINED)) return null;
  return inboundLayers(model.getLayer(MID_POOL))[0].name;
}

/** That map pooled as the backbone pools it (call inside tf.tidy). */
export function poolJoined(backbone: Backbone, map: tf.Tensor4D): tf.Tensor4D {
  return backbone.featureModel!.getLayer(MID_POOL).apply(map, { training: false }) as tf.Tensor4D;
}

/**
 * The pooled earlier map's shape when the suffix above `boundary` takes it as its side input
 * (Suffix.side), else null: the frozen prefix then outputs it after the boundary activation.
 */
export function sideShape(backbone: Backbone, boundary: string): number[] | null {
  const model = backbone.featureModel;
  const joined = joinSource(backbone);
  if (!model || !joined || boundary === IMAGE_BOUNDARY) return null;
  const trunk = trunkLayers(model);
  const at = trunk.findIndex((l) => l.name === boundary);
  const source = trunk.findIndex((l) => l.name === joined);
  return at >= 0 && source < at ? (model.getLayer(MID_POOL).outputShape as number[]).slice(1) : null;
}

/**
 * A model from the image to the boundary activation: the frozen prefix, run with predict (inference).
 * With a side input (sideShape) it outputs the pooled earlier map too, second.
 */
export function prefixModel(backbone: Backbone, boundary: string): tf.LayersModel | null {
  const model = backbone.featureModel;
  if (!model || boundary === IMAGE_BOUNDARY) return null;
  const layer = model.layers.find((l) => l.name === boundary);
  if (!layer) throw new Error(`${backbone.spec.name} has no layer "${boundary}"`);
  const outputs = [layer.output as tf.SymbolicTensor];
  if (sideShape(backbone, boundary)) outputs.push(model.getLayer(MID_POOL).output as tf.SymbolicTensor);
  return tf.model({ inputs: model.inputs, outputs });
}
