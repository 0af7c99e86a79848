import * as tf from '@tensorflow/tfjs';

/*
 * tfjs-backend-wasm 4.22 runs BatchMatMul fast (XNNPACK) only when neither operand is transposed;
 * with transposeA or transposeB it falls back to a plain loop. Autodiff of x·W asks for xᵀ·g and
 * g·Wᵀ, so every training step of a head paid it: on a 400×256 batch xᵀ·g took 39-55 ms against
 * 2-4 ms for the same product on a transposed copy (Node, load 16-20). This wraps the kernel so
 * a transposed operand is transposed first (wasm's own Transpose kernel) and the product runs on
 * the fast path. Same products, summed in another order: results agree to float rounding.
 */
let patched = false;

/** Idempotent; a no-op until the wasm backend's kernels are registered (import of tfjs-backend-wasm). */
export function useFastWasmMatMul(): void {
  if (patched) return;
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!matMul || !transpose) return;
  patched = true;
  const flip = (x: tf.TensorInfo, backend: object) => {
    const r = x.shape.length;
    const perm = [...Array(r - 2).keys(), r - 1, r - 2];
    return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...matMul,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args as unknown as {
        inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
        backend: { disposeData(id: object): void };
        attrs: { transposeA: boolean; transposeB: boolean };
      };
      if (!attrs.transposeA && !attrs.transposeB) return matMul.kernelFunc(args);
      const a = attrs.transposeA ? flip(inputs.a, backend) : inputs.a;
      const b = attrs.transposeB ? flip(inputs.b, backend) : inputs.b;
      try {
        return matMul.kernelFunc({
          inputs: { a, b },
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false },
        });
      } finally {
        if (a !== inputs.a) backend.disposeData(a.dataId);
        if (b !== inputs.b) backend.disposeData(b.dataId);
      }
    },
  });
}
