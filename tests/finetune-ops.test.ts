import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { backboneBlocks, boundaryForUnfreeze, IMAGE_BOUNDARY } from '../src/core/finetune/blocks';
import { axisPads, conv2d, depthwiseConv, MAX_ADDN_INPUTS, sumAll } from '../src/core/finetune/ops';
import { buildSuffix, type Suffix } from '../src/core/finetune/suffix';
import { localCandidate, useBackend } from './helpers';

// The reference is tfjs' own conv kernels, which only the cpu backend can differentiate here.
let v1: Backbone;
let v2: Backbone;
beforeAll(async () => {
  await useBackend('cpu');
  v1 = (
    await loadBackbone(getBackboneSpec('mobilenet-v1-0.25'), [localCandidate(getBackboneSpec('mobilenet-v1-0.25'))])
  ).backbone;
  v2 = (
    await loadBackbone(getBackboneSpec('mobilenet-v2-0.35'), [localCandidate(getBackboneSpec('mobilenet-v2-0.35'))])
  ).backbone;
});
afterAll(() => {
  v1?.dispose();
  v2?.dispose();
});

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  expect(a.shape).toEqual(b.shape);
  const d = tf.tidy(() => a.sub(b).abs().max());
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

/** Forward outputs and gradients (input and every trainable weight) of both implementations. */
async function compareSuffix(backbone: Backbone, boundary: string, shape: [number, number, number, number]) {
  const suffix = buildSuffix(backbone, boundary);
  const x = tf.variable(tf.randomUniform(shape, 0, 3, 'float32', 7)) as tf.Variable<tf.Rank.R4>;
  const side = sideFor(backbone, boundary, suffix, x);
  // A fixed random projection of the output makes every output element matter to the loss.
  const run = (impl: 'fast' | 'layers', vars: tf.Variable[]) => {
    const probe = tf.tidy(() => suffix.apply(x, 'fast', side));
    const w = tf.randomNormal(probe.shape, 0, 1, 'float32', 3);
    probe.dispose();
    const f = () => suffix.apply(x, impl, side);
    const out = tf.tidy(f);
    const { value, grads } = tf.variableGrads(() => f().mul(w).sum() as tf.Scalar, [x, ...vars]);
    w.dispose();
    value.dispose();
    return { out, grads: vars.map((v) => grads[v.name]), dx: grads[x.name] };
  };
  const fast = run('fast', suffix.variables);
  const ref = run('layers', suffix.layerVariables);
  const scale = (await ref.out.abs().max().data())[0];
  expect(await maxDiff(fast.out, ref.out)).toBeLessThan(1e-4 * Math.max(1, scale));
  expect(await maxDiff(fast.dx, ref.dx)).toBeLessThan(1e-4);
  expect(fast.grads.length).toBeGreaterThan(0);
  for (let i = 0; i < fast.grads.length; i++) {
    const gScale = (await ref.grads[i].abs().max().data())[0];
    expect(await maxDiff(fast.grads[i], ref.grads[i])).toBeLessThan(1e-4 * Math.max(1, gScale));
  }
  tf.dispose([x, fast.out, fast.dx, ref.out, ref.dx, ...fast.grads, ...ref.grads]);
  side?.dispose();
  suffix.dispose();
}

/**
 * Values for a suffix's side input (the pooled earlier map the backbone joins, when it lies below
 * the boundary): random, at the size the feature map comes out for this input.
 */
function sideFor(backbone: Backbone, boundary: string, suffix: Suffix, x: tf.Tensor4D) {
  if (!suffix.side) return undefined;
  const trunk = buildSuffix(backbone, boundary, undefined, backbone.spec.featureLayer);
  const [n, h, w] = tf.tidy(() => trunk.apply(x)).shape;
  trunk.dispose();
  return tf.randomUniform([n, h, w, suffix.side[2]], 0, 3, 'float32', 11) as tf.Tensor4D;
}

describe('fast ops', () => {
  it("pads like TensorFlow's 'same'", () => {
    expect(axisPads(14, 3, 2, 'same')).toEqual([0, 1]);
    expect(axisPads(15, 3, 2, 'same')).toEqual([1, 1]);
    expect(axisPads(7, 3, 1, 'same')).toEqual([1, 1]);
    expect(axisPads(7, 3, 1, 'valid')).toEqual([0, 0]);
  });

  it('match tfjs conv2d and depthwiseConv2d for odd and even sizes, both strides and paddings', async () => {
    for (const size of [6, 7]) {
      for (const s of [1, 2]) {
        for (const pad of ['same', 'valid'] as const) {
          const x = tf.randomNormal([2, size, size, 3], 0, 1, 'float32', size);
          const k = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 5);
          const dk = tf.randomNormal([3, 3, 3, 1], 0, 1, 'float32', 6);
          expect(
            await maxDiff(
              conv2d(x as tf.Tensor4D, k, [s, s], pad),
              tf.conv2d(x as tf.Tensor4D, k as tf.Tensor4D, s, pad),
            ),
          ).toBeLessThan(1e-4);
          expect(
            await maxDiff(
              depthwiseConv(x as tf.Tensor4D, dk, [s, s], pad),
              tf.depthwiseConv2d(x as tf.Tensor4D, dk as tf.Tensor4D, s, pad),
            ),
          ).toBeLessThan(1e-4);
          tf.dispose([x, k, dk]);
        }
      }
    }
  });
});

describe("sums within WebGPU's storage-buffer limit", () => {
  /** the input counts of every AddN kernel tfjs runs for `f`, its gradient included */
  async function addNInputCounts(f: () => tf.Tensor | tf.Tensor[]): Promise<number[]> {
    const info = await tf.profile(f);
    return info.kernels.filter((k) => k.name === 'AddN').map((k) => k.inputShapes.length);
  }

  it('a 3×3 depthwise convolution and its gradient never add more than 7 tensors in one kernel', async () => {
    const x = tf.randomNormal([1, 5, 5, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
    const dk = tf.randomNormal([3, 3, 2, 1], 0, 1, 'float32', 2);
    const counts = await addNInputCounts(() => {
      const g = tf.grads((a: tf.Tensor, k: tf.Tensor) => depthwiseConv(a as tf.Tensor4D, k, [1, 1], 'same').sum());
      return g([x, dk]);
    });
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_ADDN_INPUTS);
    tf.dispose([x, dk]);
  });

  it('sumAll adds any number of tensors exactly and, inside a tidy, keeps none of its partial sums', async () => {
    for (const n of [1, 2, 7, 8, 9, 15, 50]) {
      const terms = Array.from({ length: n }, (_, i) => tf.fill([3], i + 1));
      const before = tf.memory().numTensors;
      const total = tf.tidy(() => sumAll(terms));
      expect(Array.from(await total.data())).toEqual([0, 1, 2].map(() => (n * (n + 1)) / 2));
      expect(tf.memory().numTensors).toBe(before + (n > 1 ? 1 : 0));
      tf.dispose([total, ...terms]);
    }
  });
});

describe('suffix gradient rewrite equals the plain layers', () => {
  it('MobileNet v1, last two blocks (stride-2 depthwise inside)', async () => {
    const boundary = boundaryForUnfreeze(backboneBlocks(v1), 2);
    expect(boundary).toBe('conv_pw_11_relu');
    // Layers accept any spatial size; a small map keeps tfjs' cpu conv backprop quick.
    await compareSuffix(v1, boundary, [1, 6, 6, 128]);
  });

  it('MobileNet v1, whole network from a small odd-sized image', async () => {
    await compareSuffix(v1, IMAGE_BOUNDARY, [1, 19, 19, 3]);
  });

  it('MobileNetV2, residual blocks and the final Conv_1 block', async () => {
    const blocks = backboneBlocks(v2);
    await compareSuffix(v2, boundaryForUnfreeze(blocks, 3), [1, 3, 3, 56]);
    // block_13 has ZeroPadding2D + 'valid' stride 2: start below it, on a small map
    await compareSuffix(v2, boundaryForUnfreeze(blocks, 7), [1, 5, 5, 32]);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const suffix = buildSuffix(v1, 'conv_pw_12_relu');
    const x = tf.ones([1, 7, 7, 256]) as tf.Tensor4D;
    // the pooled block-11 map the v1 backbone joins beside its features comes in beside the boundary
    expect(suffix.side).toEqual([7, 7, 128]);
    const side = tf.ones([1, 7, 7, 128]) as tf.Tensor4D;
    const { value, grads } = tf.variableGrads(() => suffix.apply(x, 'fast', side).sum() as tf.Scalar, suffix.variables);
    tf.dispose([value, x, side, ...Object.values(grads)]);
    suffix.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
