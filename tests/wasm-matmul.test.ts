import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastWasmMatMul } from '../src/core/train/wasm-matmul';
import { useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** The product on the cpu backend (untouched kernel), as plain numbers. */
async function onCpu(a: number[][], b: number[][], transposeA: boolean, transposeB: boolean) {
  await tf.setBackend('cpu');
  const out = tf.tidy(() => tf.tensor2d(a).matMul(tf.tensor2d(b), transposeA, transposeB).arraySync() as number[][]);
  await useBackend('wasm');
  return out;
}

const random = (rows: number, cols: number, seed: number) =>
  tf.tidy(() => tf.randomNormal([rows, cols], 0, 1, 'float32', seed).arraySync() as number[][]);

describe('BatchMatMul on wasm with a transposed operand', () => {
  it('gives the products of the cpu backend for every transpose, and frees the transposed copies', async () => {
    const original = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
    useFastWasmMatMul();
    const wrapped = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
    expect(wrapped).not.toBe(original);
    useFastWasmMatMul(); // idempotent: a second call wraps nothing again
    expect(tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc).toBe(wrapped);
    const cases: [number[][], number[][], boolean, boolean][] = [
      [random(7, 5, 1), random(7, 3, 2), true, false], // xᵀ·g, the kernel gradient
      [random(7, 3, 3), random(5, 3, 4), false, true], // g·Wᵀ, the input gradient
      [random(5, 7, 5), random(3, 5, 6), true, true],
      [random(4, 5, 7), random(5, 3, 8), false, false],
    ];
    for (const [a, b, ta, tb] of cases) {
      const want = await onCpu(a, b, ta, tb);
      const before = tf.memory();
      const got = tf.tidy(() => tf.tensor2d(a).matMul(tf.tensor2d(b), ta, tb).arraySync() as number[][]);
      expect(tf.memory().numTensors).toBe(before.numTensors);
      expect(tf.memory().numBytes).toBe(before.numBytes);
      expect(got.length).toBe(want.length);
      got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 4)));
    }
  });

  it('trains through it: the gradient of a dense layer matches the cpu backend', async () => {
    const x = random(6, 4, 9);
    const w = random(4, 3, 10);
    const grad = () =>
      tf.tidy(() => {
        const wv = tf.tensor2d(w);
        return tf
          .grad((v: tf.Tensor) =>
            tf
              .tensor2d(x)
              .matMul(v as tf.Tensor2D)
              .square()
              .sum(),
          )(wv)
          .arraySync();
      }) as number[][];
    const got = grad();
    await tf.setBackend('cpu');
    const want = grad();
    await useBackend('wasm');
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 3)));
  });
});
