import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readArtifacts } from '../src/core/backbones/model-files';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { readHead, startCheckpoint } from '../src/core/model-import/head-start';
import { buildHead, headVariables } from '../src/core/train/head';
import { MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const TM_DIR = join(MODELS_DIR, 'mobilenet_v2_0.35_224_tm');
const TM_LABELS: string[] = JSON.parse(readFileSync(join(TM_DIR, 'metadata.json'), 'utf8')).labels;

describe('continuing an imported classifier', () => {
  it("reads a Teachable Machine model's head and starts a studio head that predicts exactly what it did, classes matched by name", async () => {
    const model = await tf.loadLayersModel(tf.io.fromMemory(await readArtifacts(dirModelFiles(TM_DIR))));
    const start = await readHead(model, TM_LABELS, 'tm-my-image-model');
    expect(start).toMatchObject({ hiddenUnits: 100, featureSize: 1280, labels: TM_LABELS });
    // the project lists the classes the other way round: the columns follow the names
    const reversed = [...TM_LABELS].reverse();
    const checkpoint = startCheckpoint(start, reversed, 100, 1280);
    expect(checkpoint.epoch).toBe(0);
    const head = buildHead(1280, 2, 100, 0.5, 1);
    headVariables(head).forEach((v, i) => v.assign(tf.tensor(checkpoint.values[i], v.shape)));
    const features = tf.randomUniform([3, 1280], 0, 2, 'float32', 7);
    const tmHead = model.layers[1] as tf.LayersModel; // TM: [backbone, head]
    const theirs = (tmHead.predict(features) as tf.Tensor).arraySync() as number[][];
    const ours = (head.model.predict(features) as tf.Tensor).arraySync() as number[][];
    ours.forEach((row, n) => {
      expect(row[0]).toBeCloseTo(theirs[n][1], 5);
      expect(row[1]).toBeCloseTo(theirs[n][0], 5);
    });
    // a new class starts from zero weights; the known one keeps its column
    const added = startCheckpoint(start, [TM_LABELS[0], 'glass'], 100, 1280);
    const kernel = added.values[2];
    expect(Array.from({ length: 100 }, (_, i) => kernel[i * 2 + 1]).every((v) => v === 0)).toBe(true);
    expect(Array.from({ length: 100 }, (_, i) => kernel[i * 2]).some((v) => v !== 0)).toBe(true);
    tf.dispose(features);
    head.dispose();
    model.dispose();
  });

  it('says why a head cannot be continued, or does not fit the settings', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(conv) as tf.SymbolicTensor;
    const norm = tf.layers.batchNormalization({}).apply(pooled) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(norm) as tf.SymbolicTensor;
    const odd = tf.model({ inputs: input, outputs: out });
    await expect(readHead(odd, ['a', 'b'], 'm')).rejects.toThrow(/holds a BatchNormalization layer/);
    const flat = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [4, 4, 3] }), tf.layers.dense({ units: 2 })],
    });
    await expect(readHead(flat, ['a', 'b'], 'm')).rejects.toThrow(/no global average pooling/);
    const plain = tf.model({
      inputs: input,
      outputs: tf.layers.dense({ units: 3, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor,
    });
    await expect(readHead(plain, ['a', 'b'], 'm')).rejects.toThrow(/3 outputs for 2 labels/);
    const start = await readHead(plain, ['a', 'b', 'c'], 'mine');
    expect(start.hiddenUnits).toBe(0);
    expect(startCheckpoint(start, ['c', 'a'], 0, 4).values).toHaveLength(2);
    expect(() => startCheckpoint(start, ['a'], 64, 4)).toThrow(/mine's head has 0 hidden units: set Hidden units to 0/);
    expect(() => startCheckpoint(start, ['a'], 0, 8)).toThrow(/takes 4 features and this backbone gives 8/);
    // odd and plain share their lower layers: one dispose frees them
    [odd, flat].forEach((m) => m.dispose());
  });
});
