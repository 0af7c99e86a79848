import type * as tf from '@tensorflow/tfjs-core';

type Shape = (number | null)[];

const squareImage = (v: unknown): v is Shape =>
  Array.isArray(v) && v.length === 4 && typeof v[1] === 'number' && v[1] === v[2] && v[3] === 3;

/**
 * `artifacts` with every declared square image input taking `size` pixels a side (a copy: the
 * offline cache keeps the files as they came). The stock MobileNets declare [null, 224, 224, 3] but
 * are convolutional up to their global average pool, so the same weights run at 320 px as they are
 * (the "at 320 px" backbones): only the declaration stands in the way.
 */
export function declaredAt(artifacts: tf.io.ModelArtifacts, size: number): tf.io.ModelArtifacts {
  const topology = artifacts.modelTopology;
  if (!topology || topology instanceof ArrayBuffer) return artifacts;
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (k !== 'batch_input_shape' || !squareImage(x) || x[1] === size) return [k, walk(x)];
        changed = true;
        return [k, [x[0], size, size, 3]];
      }),
    );
  };
  const resized = walk(topology) as tf.io.ModelArtifacts['modelTopology'];
  return changed ? { ...artifacts, modelTopology: resized } : artifacts;
}
