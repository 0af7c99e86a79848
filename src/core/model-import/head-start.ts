import * as tf from '@tensorflow/tfjs';
import { flatLayers } from '../backbones/custom';
import { nameKey } from '../data/problems';
import type { Checkpoint } from '../train/epochs';

/**
 * Continuing an imported classifier (ours or Teachable Machine's): its layers up to the global
 * pooling become the backbone, and its dense head the starting weights of the next run's head.
 * Classes are matched by name (as nameKey compares them: the model's "Cat" is the project's "cat"),
 * so the project may reorder, drop or add classes: a new class starts from zero weights, the known
 * ones from what the model learned.
 */
export interface HeadStart {
  modelName: string;
  labels: string[];
  /** hidden units of the imported head (0: a single dense layer) */
  hiddenUnits: number;
  /** [features, hidden] and [hidden] (absent without a hidden layer) */
  hidden: { kernel: Float32Array; bias: Float32Array } | null;
  /** [inputs, labels.length] and [labels.length] */
  out: { kernel: Float32Array; bias: Float32Array };
  featureSize: number;
}

export class ContinueError extends Error {
  override name = 'ContinueError';
}

/** Read asynchronously: a synchronous read on WebGPU goes through tfjs' canvas path (see export/golden.ts). */
async function denseValues(layer: tf.layers.Layer): Promise<{
  kernel: Float32Array;
  bias: Float32Array;
  units: number;
  inputs: number;
}> {
  const [kernel, bias] = layer.getWeights();
  const [inputs, units] = kernel.shape;
  return {
    kernel: (await kernel.data()) as Float32Array,
    bias: bias ? ((await bias.data()) as Float32Array) : new Float32Array(units),
    units,
    inputs,
  };
}

/**
 * Reads the dense head above the last global average pooling: [Dense(relu)] Dense [softmax],
 * dropout and activation layers in between allowed. Anything else is refused with the reason.
 */
export async function readHead(model: tf.LayersModel, labels: string[], modelName: string): Promise<HeadStart> {
  const layers = flatLayers(model);
  const pool = layers.map((l) => l.getClassName()).lastIndexOf('GlobalAveragePooling2D');
  // a head-only export takes the pooled features themselves
  const headOnly = model.inputs[0].shape.length === 2;
  if (pool < 0 && !headOnly)
    throw new ContinueError(
      'The model has no global average pooling before its classifier, so the studio cannot tell its features from its head.',
    );
  const top = layers.slice(pool + 1).filter((l) => l.getClassName() !== 'InputLayer');
  const odd = top.find((l) => !['Dense', 'Dropout', 'Activation'].includes(l.getClassName()));
  if (odd)
    throw new ContinueError(
      `Its head holds a ${odd.getClassName()} layer (${odd.name}); the studio continues dense heads (one or two Dense layers).`,
    );
  const dense = top.filter((l) => l.getClassName() === 'Dense');
  if (dense.length < 1 || dense.length > 2)
    throw new ContinueError(`Its head has ${dense.length} Dense layers; the studio continues heads with one or two.`);
  if (dense.length === 2) {
    const act = (dense[0].getConfig() as { activation?: string }).activation;
    if (act !== 'relu')
      throw new ContinueError(`Its hidden layer uses ${act ?? 'no'} activation; the studio's heads use relu.`);
  }
  const out = await denseValues(dense[dense.length - 1]);
  if (out.units !== labels.length)
    throw new ContinueError(`Its head has ${out.units} outputs for ${labels.length} labels.`);
  const hidden = dense.length === 2 ? await denseValues(dense[0]) : null;
  return {
    modelName,
    labels,
    hiddenUnits: hidden?.units ?? 0,
    hidden: hidden && { kernel: hidden.kernel, bias: hidden.bias },
    out: { kernel: out.kernel, bias: out.bias },
    featureSize: hidden?.inputs ?? out.inputs,
  };
}

/**
 * The head's starting values for `classes` (in the head's variable order: hidden kernel and bias,
 * then output kernel and bias), as a checkpoint at epoch 0 so the shared epoch loop starts there.
 */
export function startCheckpoint(
  start: HeadStart,
  classes: string[],
  hiddenUnits: number,
  featureSize: number,
): Checkpoint {
  if (featureSize !== start.featureSize)
    throw new ContinueError(
      `The imported head takes ${start.featureSize} features and this backbone gives ${featureSize}.`,
    );
  if (hiddenUnits !== start.hiddenUnits) {
    throw new ContinueError(
      `${start.modelName}'s head has ${start.hiddenUnits} hidden units: set Hidden units to ${start.hiddenUnits} to continue it, or start from scratch.`,
    );
  }
  const inputs = start.hiddenUnits || start.featureSize;
  const n = start.labels.length;
  const kernel = new Float32Array(inputs * classes.length);
  const bias = new Float32Array(classes.length);
  const labels = start.labels.map(nameKey);
  classes.forEach((name, c) => {
    const j = labels.indexOf(nameKey(name));
    if (j < 0) return; // a new class: zero weights, it learns from its images
    for (let i = 0; i < inputs; i++) kernel[i * classes.length + c] = start.out.kernel[i * n + j];
    bias[c] = start.out.bias[j];
  });
  const values = start.hidden ? [start.hidden.kernel, start.hidden.bias, kernel, bias] : [kernel, bias];
  return { epoch: 0, history: [], values, early: null };
}
