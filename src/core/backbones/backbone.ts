import * as tf from '@tensorflow/tfjs';
import * as mobilenet from '@tensorflow-models/mobilenet';
import type { BackboneSpec } from './registry';

/** A loaded backbone that turns preprocessed images into feature vectors. */
export interface Backbone {
  spec: BackboneSpec;
  /** Layers model from image to the feature layer's map (layers backbones; used for export and fine-tuning). */
  featureModel: tf.LayersModel | null;
  /** [N, size, size, 3] in the spec's pixel range → [N, featureSize] pooled features. */
  extract(batch: tf.Tensor4D): tf.Tensor2D;
  paramCount: number;
  dispose(): void;
}

/** Name of the freeze boundary for head-only training: the pooled feature vector. */
export const POOLED_BOUNDARY = 'pooled';

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

async function layersBackbone(spec: BackboneSpec, artifacts: tf.io.ModelArtifacts): Promise<Backbone> {
  let full: tf.LayersModel;
  try {
    full = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (err) {
    // tfjs says only "Shape mismatch: [3,3,3,8] vs. [6,3,3,4]" or names a missing weight
    throw new Error(`${spec.name}: the weights in model.json do not fit its layers (${(err as Error).message})`);
  }
  const owner = findLayerOwner(full, spec.featureLayer);
  if (!owner) {
    full.dispose();
    throw new Error(`${spec.name}: the model has no layer "${spec.featureLayer}", so it is not this backbone`);
  }
  const inputShape = owner.inputs[0].shape;
  if (inputShape.length !== 4 || inputShape[3] !== 3) {
    full.dispose();
    throw new Error(`${spec.name}: expected an image input [null, h, w, 3], found [${inputShape.join(', ')}]`);
  }
  const featureModel = tf.model({
    inputs: owner.inputs,
    outputs: owner.getLayer(spec.featureLayer).output as tf.SymbolicTensor,
  });
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
