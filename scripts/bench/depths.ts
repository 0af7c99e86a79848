// What the second depth costs per forward pass: the studio's feature model as it builds it (the
// feature layer's map and spec.poolAlso's side by side, backbone.ts) against the same backbone
// built from the spec without poolAlso, which is the studio's own path for every backbone that
// pools its feature layer alone (and was the built-in ones' before the thirty-fifth session).
// Shared by the bench page's worker and Node's tests: only the timing is here.
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../../src/core/backbones/backbone';
import { loadBackbone, type Candidate } from '../../src/core/backbones/load';
import type { BackboneSpec } from '../../src/core/backbones/registry';
import { interleaved, type InterleaveOptions, type Timed } from './stats';

/**
 * `spec` with its feature layer alone. Its featureSize still counts both depths: nothing here reads
 * it, and the figure takes both lengths from the outputs.
 */
export const plainSpec = (spec: BackboneSpec): BackboneSpec => ({
  ...spec,
  id: `${spec.id}#plain`,
  poolAlso: undefined,
});

export interface DepthPair {
  plain: Backbone;
  joined: Backbone;
  dispose(): void;
}

/** Both models through the studio's loader, from the same files (each with its own copy of the weights). */
export async function loadDepthPair(spec: BackboneSpec, candidates: readonly Candidate[]): Promise<DepthPair> {
  const joined = (await loadBackbone(spec, candidates)).backbone;
  try {
    const plain = (await loadBackbone(plainSpec(spec), candidates)).backbone;
    return { plain, joined, dispose: () => (plain.dispose(), joined.dispose()) };
  } catch (err) {
    joined.dispose();
    throw err;
  }
}

export interface DepthTimes {
  backbone: string;
  plainFeatures: number;
  joinedFeatures: number;
  batches: { batch: number; plain: Timed; joined: Timed }[];
}

/**
 * Forward passes (pooled features read back, as extraction reads them) in turns, every other pair
 * the other way round, per batch size.
 */
export async function timeDepths(
  plain: Backbone,
  joined: Backbone,
  batches: readonly number[],
  options: InterleaveOptions,
): Promise<DepthTimes> {
  const size = joined.spec.inputSize;
  const { min, max } = joined.spec.pixelRange;
  const features = { plain: 0, joined: 0 };
  const out: DepthTimes['batches'] = [];
  for (const batch of batches) {
    const x = tf.randomUniform([batch, size, size, 3], min, max) as tf.Tensor4D;
    const pass = (side: 'plain' | 'joined', bb: Backbone) => async () => {
      const y = bb.extract(x);
      features[side] = y.shape[1];
      await y.data();
      y.dispose();
    };
    try {
      const { a, b } = await interleaved(pass('plain', plain), pass('joined', joined), { ...options, alternate: true });
      out.push({ batch, plain: a, joined: b });
    } finally {
      x.dispose();
    }
  }
  return { backbone: joined.spec.id, plainFeatures: features.plain, joinedFeatures: features.joined, batches: out };
}
