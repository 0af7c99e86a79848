import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateBackbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import { modelArtifacts, standaloneModel } from '../src/core/export/export-files';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** The usual transfer-learning model: input → Rescaling → a base model of its own → pooling → Dense. */
function transferModel(): tf.LayersModel {
  const baseIn = tf.input({ shape: [32, 32, 3] });
  let x = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'c1' })
    .apply(baseIn) as tf.SymbolicTensor;
  x = tf.layers
    .conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c2' })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'c3' }).apply(x) as tf.SymbolicTensor;
  const base = tf.model({ inputs: baseIn, outputs: x, name: 'base' });
  const input = tf.input({ shape: [32, 32, 3] });
  let y = tf.layers.rescaling({ scale: 1 / 127.5, offset: -1, name: 'pre' }).apply(input) as tf.SymbolicTensor;
  y = base.apply(y) as tf.SymbolicTensor;
  y = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.dense({ units: 2, name: 'out' }).apply(y) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: y, name: 'outer' });
}

/** What the whole model computes at `layer` of its base, pooled: the base cut there, run on the rescaled image. */
function truth(model: tf.LayersModel, layer: string, image: tf.Tensor4D): Float32Array {
  const base = model.getLayer('base') as tf.LayersModel;
  const cut = tf.model({ inputs: base.inputs, outputs: base.getLayer(layer).output as tf.SymbolicTensor });
  return tf.tidy(() => {
    const rescaled = image.div(127.5).sub(1) as tf.Tensor4D;
    return (cut.predict(rescaled) as tf.Tensor4D).mean([1, 2]).dataSync() as Float32Array;
  });
}

describe('a brought model whose base model sits behind its own preprocessing', () => {
  it.each(['c3', 'c2'])('extracts at %s what the whole model computes there (the Rescaling runs)', async (layer) => {
    const model = transferModel();
    const artifacts = await modelArtifacts(model);
    const found = inspectLayersModel(model, artifacts.weightData!);
    expect(found.layers.map((l) => l.name)).toContain(layer);
    const spec = customBackboneSpec(found, { featureLayer: layer, pixelRange: { min: 0, max: 255 } });
    const before = tf.memory().numTensors;
    const backbone = await instantiateBackbone(spec, artifacts);
    const image = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
    const got = backbone.extract(image);
    const want = truth(model, layer, image);
    expect(got.shape).toEqual([2, spec.featureSize]);
    const g = got.dataSync();
    for (let i = 0; i < want.length; i++) expect(g[i]).toBeCloseTo(want[i], 4);
    // the export joins the head to the feature model: it too starts from the raw image
    expect(backbone.featureModel!.inputs[0].shape).toEqual([null, 32, 32, 3]);
    tf.dispose([image, got]);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('its export (feature model, pooling, head) reloads and gives the same answer', async () => {
    const model = transferModel();
    const artifacts = await modelArtifacts(model);
    const found = inspectLayersModel(model, artifacts.weightData!);
    const spec = customBackboneSpec(found, { featureLayer: 'c3', pixelRange: { min: 0, max: 255 } });
    const backbone = await instantiateBackbone(spec, artifacts);
    const head = { model: tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 2 })] }) };
    const whole = standaloneModel(backbone, head as never)!;
    const again = await tf.loadLayersModel(tf.io.fromMemory(await modelArtifacts(whole)));
    const image = tf.randomUniform([1, 32, 32, 3], 0, 255, 'float32', 3) as tf.Tensor4D;
    const a = (whole.predict(image) as tf.Tensor).dataSync();
    const b = (again.predict(image) as tf.Tensor).dataSync();
    expect(Array.from(b).map((v) => +v.toFixed(4))).toEqual(Array.from(a).map((v) => +v.toFixed(4)));
    backbone.dispose();
    model.dispose();
  });
});

describe('a base model called twice in the whole model', () => {
  it('is refused with what to do, rather than giving one call’s features as the other’s', async () => {
    const baseIn = tf.input({ shape: [16, 16, 3] });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'c1' }).apply(baseIn);
    const base = tf.model({ inputs: baseIn, outputs: conv as tf.SymbolicTensor, name: 'base' });
    const input = tf.input({ shape: [16, 16, 3] });
    const a = base.apply(tf.layers.rescaling({ scale: 1 / 255, name: 'pre_a' }).apply(input)) as tf.SymbolicTensor;
    const b = base.apply(tf.layers.rescaling({ scale: 2 / 255, name: 'pre_b' }).apply(input)) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: sum, name: 'twice' });
    const artifacts = await modelArtifacts(model);
    const found = inspectLayersModel(model, artifacts.weightData!);
    const spec = customBackboneSpec(found, { featureLayer: 'c1', pixelRange: { min: 0, max: 255 } });
    await expect(instantiateBackbone(spec, artifacts)).rejects.toThrow(/used more than once.*bring it instead/);
    model.dispose();
  });
});
