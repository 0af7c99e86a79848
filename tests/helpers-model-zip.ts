import * as tf from '@tensorflow/tfjs';
import { strToU8, zipSync } from 'fflate';
import { modelArtifacts } from '../src/core/export/export-files';
import type { ImportedModel } from '../src/core/model-import/read-model-zip';

/** Model zips built in memory for the tests of Import model, as other tools and older studios wrote them. */

/** The metadata.json of a Teachable Machine image model of classes a and b. */
export const TM_IMAGE_METADATA = { labels: ['a', 'b'], packageName: '@teachablemachine/image' };

/** model.json + weights.bin of `model` as tfjs' save hands them over, with `fields` added to model.json. */
export async function modelFiles(
  model: tf.LayersModel,
  fields: Record<string, unknown> = {},
): Promise<Record<string, Uint8Array>> {
  const a = await modelArtifacts(model);
  const json = {
    modelTopology: a.modelTopology,
    format: 'layers-model',
    ...fields,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
  };
  return { 'model.json': strToU8(JSON.stringify(json)), 'weights.bin': new Uint8Array(a.weightData as ArrayBuffer) };
}

/** A model zip of `files` and `metadata` as its metadata.json. */
export const modelZip = (files: Record<string, Uint8Array>, metadata: object) =>
  zipSync({ ...files, 'metadata.json': strToU8(JSON.stringify(metadata)) });

/** The head-only download among a studio export's files: its head as the model, beside metadata.json. */
export const headOnlyFiles = (files: Record<string, Uint8Array>) => ({
  'model.json': files['head/model.json'],
  'weights.bin': files['head/weights.bin'],
  'metadata.json': files['metadata.json'],
});

/** Teachable Machine's shape: a Sequential of a base model and a Sequential head. */
export function tmShapedModel(): tf.LayersModel {
  const base = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 1 }),
      tf.layers.globalAveragePooling2d({}),
    ],
  });
  const head = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 3, activation: 'relu' }),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  return tf.sequential({ layers: [base, head] });
}

/** What an import was refused with; one that was not refused fails the test. */
export async function rejection(p: Promise<ImportedModel>): Promise<string> {
  try {
    (await p).model.dispose();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the import was not refused');
}
