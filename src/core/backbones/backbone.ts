import * as tf from '@tensorflow/tfjs';
import * as mobilenet from '@tensorflow-models/mobilenet';
import { CustomBackboneError, MAX_INPUT, MIN_INPUT } from './custom';
import type { BackboneSpec } from './registry';
import { declaredAt } from './input-size';

/** A loaded backbone that turns preprocessed images into feature vectors. */
export interface Backbone {
  spec: BackboneSpec;
  /**
   * Layers model from image to the feature layer's map (layers backbones; used for export and
   * fine-tuning), joined with an earlier map when the spec pools one too (MID_POOL).
   */
  featureModel: tf.LayersModel | null;
  /** [N, size, size, 3] in the spec's pixel range → [N, featureSize] pooled features. */
  extract(batch: tf.Tensor4D): tf.Tensor2D;
  paramCount: number;
  dispose(): void;
}

/** Name of the freeze boundary for head-only training: the pooled feature vector. */
export const POOLED_BOUNDARY = 'pooled';

/**
 * The layers a backbone with `poolAlso` (registry.ts) adds after its own: the earlier map averaged
 * 2×2 down to the feature map's size, then both maps side by side. The global average of that is
 * [average of the feature map, average of the earlier map] (exactly, for the even maps of the
 * built-in sizes), so everything that pools the
 * feature model's output (extraction, the export, the golden check) gets both depths, and the
 * exported model holds them as two ordinary layers every converter knows.
 */
export const MID_POOL = 'studio_mid_pool';
export const FEATURES_JOINED = 'studio_features';
/** One of the layers above: no block of the backbone, and nothing to train. */
export const isJoinLayer = (name: string): boolean => name === MID_POOL || name === FEATURES_JOINED;

type Container = tf.LayersModel;

/** The innermost (possibly nested) model that owns `name` directly, e.g. model1 inside a TM export. */
export function findLayerOwner(model: Container, name: string): Container | null {
  if (model.layers.some((l) => l.name === name)) return model;
  for (const layer of model.layers) {
    if (layer instanceof tf.LayersModel) {
      const found = findLayerOwner(layer, name);
      if (found) return found;
    }
  }
  return null;
}

/** A feature layer's output in `container`'s own graph, from `container`'s inputs. */
interface Cut {
  inputs: tf.SymbolicTensor[];
  output: tf.SymbolicTensor;
}

const sameTensors = (a: tf.SymbolicTensor[], b: tf.SymbolicTensor[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Where `name` computes in `container`'s graph. A nested model someone's layers call on a
 * preprocessed tensor (input → Rescaling → base model → pooling → Dense, the usual Keras transfer
 * model) is cut at the layer and called on that tensor, so the preprocessing runs as the whole
 * model runs it; started at the nested model's own input, it did not. Undefined: not in there;
 * null: the nested model is called more than once, so which call is meant is unknown.
 */
function cutAt(container: Container, name: string): Cut | null | undefined {
  if (container.layers.some((l) => l.name === name))
    return { inputs: container.inputs, output: container.getLayer(name).output as tf.SymbolicTensor };
  for (const child of container.layers) {
    if (!(child instanceof tf.LayersModel)) continue;
    const inner = cutAt(child, name);
    if (inner === undefined) continue;
    if (inner === null) return null;
    // a Sequential's first layer: its inputs are the container's own, nothing runs before it
    if (child.inputs.every((t) => container.inputs.includes(t)))
      return sameTensors(inner.inputs, container.inputs) ? inner : null;
    // node 0 is the child's own; any other is a call of it in the container's graph
    const calls = child.inboundNodes.filter((n) => !sameTensors(n.inputTensors, child.inputs));
    if (calls.length !== 1) return null;
    const cut = tf.model({ inputs: inner.inputs, outputs: inner.output, name: `${child.name}_to_${name}` });
    return { inputs: container.inputs, output: cut.apply(calls[0].inputTensors) as tf.SymbolicTensor };
  }
  return undefined;
}

/** The feature map's height and width for a square input of `side`, as the layers compute them. */
function mapSize(model: tf.LayersModel, side: number): number[] {
  try {
    const shape = model.computeOutputShape([1, side, side, 3]) as number[];
    return [shape[1], shape[2]];
  } catch {
    // a layer that cannot say its output shape: run it
    return tf.tidy(() => (model.predict(tf.zeros([1, side, side, 3])) as tf.Tensor).shape.slice(1, 3));
  }
}

const hasMap = (model: tf.LayersModel, side: number) => mapSize(model, side).every((d) => d >= 1);

/**
 * A model that takes any size, run at a size its strides and unpadded convolutions shrink to
 * nothing, gives an empty map whose every pooled feature is 0: the head then trains on constants.
 */
function checkMap(spec: BackboneSpec, model: tf.LayersModel): void {
  const [h, w] = model.inputs[0].shape.slice(1, 3);
  if (h != null && w != null) return;
  if (hasMap(model, spec.inputSize)) return;
  const at = `${spec.name}: at ${spec.inputSize}×${spec.inputSize} pixels the map of ${spec.featureLayer} has no pixels left, so every feature would be 0`;
  if (!hasMap(model, MAX_INPUT))
    throw new CustomBackboneError(
      `${at}, and so at every size up to ${MAX_INPUT}: choose a feature layer nearer the input.`,
    );
  // the map grows with the input: the smallest size with one
  let [lo, hi] = [Math.max(MIN_INPUT, spec.inputSize), MAX_INPUT];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hasMap(model, mid)) hi = mid;
    else lo = mid + 1;
  }
  throw new CustomBackboneError(`${at}: choose an input size of at least ${lo} pixels.`);
}

/** The feature map, with spec.poolAlso's map joined beside it when the spec names one. */
function joinedOutput(full: Container, spec: BackboneSpec, cut: Cut): tf.SymbolicTensor {
  if (!spec.poolAlso) return cut.output;
  const mid = cutAt(full, spec.poolAlso);
  // the same graph as the feature layer's: a second cut model would run the backbone up to it twice
  if (!mid || !sameTensors(mid.inputs, cut.inputs))
    throw new Error(`${spec.name}: the layer "${spec.poolAlso}" is not in the feature layer's graph`);
  const [, h, w] = cut.output.shape;
  const [, mh, mw] = mid.output.shape;
  // 'valid' halves an odd side as the backbone's stride-2 blocks do (padded on one side, 'valid'):
  // 13 → 6, so an odd input size joins too
  const half = (n: number | null) => (n == null ? null : Math.floor(n / 2));
  if (half(mh) !== h || half(mw) !== w)
    throw new Error(`${spec.name}: "${spec.poolAlso}" is not twice the size of the feature map`);
  const pooled = tf.layers
    .averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid', name: MID_POOL })
    .apply(mid.output) as tf.SymbolicTensor;
  return tf.layers.concatenate({ axis: -1, name: FEATURES_JOINED }).apply([cut.output, pooled]) as tf.SymbolicTensor;
}

async function layersBackbone(spec: BackboneSpec, artifacts: tf.io.ModelArtifacts): Promise<Backbone> {
  let full: tf.LayersModel;
  try {
    full = await tf.loadLayersModel(tf.io.fromMemory(declaredAt(artifacts, spec.inputSize)));
  } catch (err) {
    // tfjs says only "Shape mismatch: [3,3,3,8] vs. [6,3,3,4]" or names a missing weight
    throw new Error(`${spec.name}: the weights in model.json do not fit its layers (${(err as Error).message})`);
  }
  const cut = cutAt(full, spec.featureLayer);
  if (cut === undefined) {
    full.dispose();
    throw new Error(`${spec.name}: the model has no layer "${spec.featureLayer}", so it is not this backbone`);
  }
  if (cut === null) {
    full.dispose();
    throw new CustomBackboneError(
      `${spec.name}: the model that holds "${spec.featureLayer}" is used more than once in the whole model, so the studio cannot tell which use to take features from. Save that inner model on its own and bring it instead.`,
    );
  }
  const inputShape = cut.inputs[0].shape;
  if (cut.inputs.length !== 1 || inputShape.length !== 4 || inputShape[3] !== 3) {
    full.dispose();
    throw new Error(`${spec.name}: expected an image input [null, h, w, 3], found [${inputShape.join(', ')}]`);
  }
  let featureModel: tf.LayersModel;
  try {
    featureModel = tf.model({ inputs: cut.inputs, outputs: joinedOutput(full, spec, cut) });
  } catch (err) {
    full.dispose();
    throw err;
  }
  try {
    checkMap(spec, featureModel);
  } catch (err) {
    disposeWithWeights(full);
    throw err;
  }
  return {
    spec,
    featureModel,
    paramCount: featureModel.countParams(),
    extract: (batch) =>
      tf.tidy(() => {
        const map = featureModel.predict(batch) as tf.Tensor4D;
        return map.mean([1, 2]) as tf.Tensor2D;
      }),
    dispose: () => disposeWithWeights(full),
  };
}

/** model.dispose() leaves weights that tfjs counted twice (the TM export's own head) alive. */
export function disposeWithWeights(model: tf.LayersModel): void {
  const weights = model.weights;
  model.dispose();
  for (const w of weights) {
    try {
      w.dispose();
    } catch {
      // already freed by model.dispose()
    }
  }
}

async function graphBackbone(spec: BackboneSpec, artifacts: tf.io.ModelArtifacts): Promise<Backbone> {
  const model = await mobilenet.load({
    version: 1,
    alpha: 0.25,
    modelUrl: tf.io.fromMemory(artifacts) as unknown as string,
    inputRange: [spec.pixelRange.min, spec.pixelRange.max],
  });
  const paramCount = artifacts.weightSpecs!.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  // The library normalises 0..255 pixels itself; undo our scaling so its own code path is used.
  const toPixels = 255 / (spec.pixelRange.max - spec.pixelRange.min);
  return {
    spec,
    featureModel: null,
    paramCount,
    extract: (batch) =>
      tf.tidy(() => model.infer(batch.sub(spec.pixelRange.min).mul(toPixels) as tf.Tensor4D, true) as tf.Tensor2D),
    dispose: () => (model as unknown as { model: tf.GraphModel }).model.dispose(),
  };
}

export function instantiateBackbone(spec: BackboneSpec, artifacts: tf.io.ModelArtifacts): Promise<Backbone> {
  return spec.format === 'graph' ? graphBackbone(spec, artifacts) : layersBackbone(spec, artifacts);
}
