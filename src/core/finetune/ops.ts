import * as tf from '@tensorflow/tfjs';

/**
 * Convolution building blocks made only of ops whose gradients every tfjs backend has
 * (pad, slice, reshape, concat, mul, add, matMul). The wasm backend has no conv or depthwise
 * backprop kernels at all and the cpu ones are slow loops; these let the trainable suffix run
 * on wasm, where matMul is fast. Checked against the real layers in tests/finetune-ops.test.ts.
 */

export type Padding = 'same' | 'valid';

/** [before, after] padding of one spatial axis, exactly as TensorFlow's 'same' computes it. */
export function axisPads(size: number, kernel: number, stride: number, padding: Padding): [number, number] {
  if (padding === 'valid') return [0, 0];
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * The kh·kw shifted (and strided) views of `x` a convolution window visits, in kernel row-major
 * order, each [N, outH, outW, C]. Strides above 1 first split the input into its s×s phases
 * (a reshape and a slice pick every s-th row and column): strided slicing has no gradient in tfjs.
 */
export function windowTaps(
  x: tf.Tensor4D,
  kh: number,
  kw: number,
  stride: [number, number],
  padding: Padding,
): tf.Tensor4D[] {
  const [n, h, w, c] = x.shape;
  const [sh, sw] = stride;
  const [pt, pb] = axisPads(h, kh, sh, padding);
  const [pl, pr] = axisPads(w, kw, sw, padding);
  const outH = Math.floor((h + pt + pb - kh) / sh) + 1;
  const outW = Math.floor((w + pl + pr - kw) / sw) + 1;
  // Size each axis to a whole number of strides covering every window, then pad or trim.
  const th = sh * (outH + Math.floor((kh - 1) / sh));
  const tw = sw * (outW + Math.floor((kw - 1) / sw));
  let p: tf.Tensor4D = x;
  const extraB = th - (h + pt);
  const extraR = tw - (w + pl);
  if (pt || pl || extraB > 0 || extraR > 0) {
    p = tf.pad(x, [
      [0, 0],
      [pt, Math.max(extraB, 0)],
      [pl, Math.max(extraR, 0)],
      [0, 0],
    ]);
  }
  if (extraB < 0 || extraR < 0) p = p.slice([0, 0, 0, 0], [n, th, tw, c]);
  const taps: tf.Tensor4D[] = [];
  if (sh === 1 && sw === 1) {
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push(p.slice([0, i, j, 0], [n, outH, outW, c]));
    return taps;
  }
  // Phase (a, b) holds rows a, a+sh, … and columns b, b+sw, …; kept 4-D because wasm's slice
  // is only fast up to rank 4.
  const rows = p.reshape([n * (th / sh), sh, tw / sw, sw * c]);
  const phases = new Map<string, tf.Tensor4D>();
  const phase = (a: number, b: number) => {
    const key = `${a},${b}`;
    let t = phases.get(key);
    if (!t) {
      t = rows.slice([0, a, 0, b * c], [n * (th / sh), 1, tw / sw, c]).reshape([n, th / sh, tw / sw, c]) as tf.Tensor4D;
      phases.set(key, t);
    }
    return t;
  };
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      taps.push(phase(i % sh, j % sw).slice([0, Math.floor(i / sh), Math.floor(j / sw), 0], [n, outH, outW, c]));
    }
  }
  return taps;
}

/**
 * WebGPU binds each addN input as a storage buffer, and a device gets 8 per shader stage unless
 * it asks for more (tfjs asks for none); tfjs splits concat at that limit but not addN. The 3×3
 * depthwise sum of 9 terms therefore failed validation on every WebGPU device (NVIDIA H200 and
 * SwiftShader alike) and silently: its output was never written, so fine-tuning trained on junk.
 */
export const MAX_ADDN_INPUTS = 7;

/** Element-wise sum of any number of same-shaped tensors, in addN calls of at most 7 inputs. */
export function sumAll<T extends tf.Tensor>(terms: T[]): T {
  if (terms.length === 1) return terms[0];
  if (terms.length <= MAX_ADDN_INPUTS) return tf.addN(terms) as T;
  const partial: T[] = [];
  for (let i = 0; i < terms.length; i += MAX_ADDN_INPUTS) partial.push(sumAll(terms.slice(i, i + MAX_ADDN_INPUTS)));
  return sumAll(partial);
}

/** Depthwise convolution (depth multiplier 1): per-channel weights times each shifted view, summed. */
export function depthwiseConv(
  x: tf.Tensor4D,
  kernel: tf.Tensor,
  stride: [number, number],
  padding: Padding,
): tf.Tensor4D {
  const [kh, kw, c, mult] = kernel.shape;
  if (mult !== 1) throw new Error(`depthwise convolution with depth multiplier ${mult} is not supported`);
  const taps = windowTaps(x, kh, kw, stride, padding);
  const k = kernel.reshape([kh * kw, c]);
  const terms = taps.map((t, i) => t.mul(k.slice([i, 0], [1, c]).reshape([c])) as tf.Tensor4D);
  return sumAll(terms);
}

/**
 * a·b whose gradients use explicit transposes. tfjs differentiates matMul with transposeA/B
 * flags, and wasm's matMul with a transposed operand is about 15× slower than transpose + plain
 * matMul (measured at 1568×256 · 256×256: 100–140 ms against 9 ms).
 */
export const matMul2d = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, sb.transpose()), tf.matMul(sa.transpose(), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/**
 * Regular convolution as a matrix product: a 1×1 stride-1 kernel is [N·H·W, Cin] × [Cin, Cout];
 * larger kernels concatenate their shifted views along channels first (im2col).
 */
export function conv2d(x: tf.Tensor4D, kernel: tf.Tensor, stride: [number, number], padding: Padding): tf.Tensor4D {
  const [kh, kw, cin, cout] = kernel.shape;
  const cols =
    kh === 1 && kw === 1 && stride[0] === 1 && stride[1] === 1
      ? x
      : tf.concat(windowTaps(x, kh, kw, stride, padding), 3);
  const [n, h, w] = cols.shape;
  const flat = cols.reshape([n * h * w, kh * kw * cin]) as tf.Tensor2D;
  return matMul2d(flat, kernel.reshape([kh * kw * cin, cout]) as tf.Tensor2D).reshape([n, h, w, cout]);
}

/**
 * Batch normalisation in inference form: moving statistics are constants, gamma and beta may be
 * trainable variables. Same formula as Keras: (x − mean) · gamma / √(var + ε) + beta.
 */
export function batchNorm(
  x: tf.Tensor4D,
  mean: tf.Tensor,
  variance: tf.Tensor,
  epsilon: number,
  gamma?: tf.Tensor,
  beta?: tf.Tensor,
): tf.Tensor4D {
  let scale = tf.rsqrt(variance.add(epsilon));
  if (gamma) scale = scale.mul(gamma);
  let y = x.sub(mean).mul(scale);
  if (beta) y = y.add(beta);
  return y as tf.Tensor4D;
}

/** ReLU capped at maxValue (ReLU6 when 6), as Keras' ReLU layer and 'relu6' activation compute it. */
export function cappedRelu(x: tf.Tensor, maxValue?: number | null): tf.Tensor {
  if (maxValue === 6) return tf.relu6(x);
  const r = tf.relu(x);
  return maxValue === undefined || maxValue === null ? r : tf.minimum(r, maxValue);
}

/** Named activation of Keras' Activation layer and conv layers' `activation` option. */
export function activation(x: tf.Tensor, name: string): tf.Tensor {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'relu6':
      return tf.relu6(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    default:
      throw new Error(`activation "${name}" has no fast path`);
  }
}
