import type { GraphBuilder } from './graph-builder';
import { UnsupportedLayerError, type LayerCall } from './keras-graph';
import type { Weight } from './weights';

/** A value in the ONNX graph: rank-4 maps are NCHW (batch = -1), features [batch, n]. */
export interface Value {
  name: string;
  shape: number[];
}

export interface Ctx {
  g: GraphBuilder;
  weight(layer: string, which: string, optional?: boolean): Weight | undefined;
}

export const refuse = (call: LayerCall, why: string): never => {
  throw new UnsupportedLayerError(call.name, call.className, why);
};

export const pair = (v: unknown, fallback?: number): [number, number] => {
  if (v === null || v === undefined) {
    if (fallback === undefined) throw new Error('missing size');
    return [fallback, fallback];
  }
  return Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
};

export function expectRank(call: LayerCall, x: { shape: number[] }, rank: number): void {
  if (x.shape.length !== rank)
    refuse(call, `gets a rank-${x.shape.length} input where the export expects rank ${rank}`);
}

/** A Keras activation by name, applied to x. */
export function activation(ctx: Ctx, call: LayerCall, kind: string, x: Value): Value {
  const { g } = ctx;
  const op = (type: string, attrs = {}) => ({ name: g.node(type, [x.name], call.name, attrs), shape: x.shape });
  switch (kind) {
    case 'linear':
      return x;
    case 'relu':
      return op('Relu');
    case 'relu6':
      return { name: g.node('Clip', [x.name, g.scalar(0), g.scalar(6)], call.name), shape: x.shape };
    case 'sigmoid':
      return op('Sigmoid');
    case 'tanh':
      return op('Tanh');
    case 'elu':
      return op('Elu', { alpha: { float: 1 } });
    case 'softmax':
      // Keras' softmax runs over the last axis: channels, which is axis 1 in NCHW
      return op('Softmax', { axis: x.shape.length === 4 ? 1 : x.shape.length - 1 });
    case 'swish': {
      const s = g.node('Sigmoid', [x.name], call.name);
      return { name: g.node('Mul', [x.name, s], call.name), shape: x.shape };
    }
    default:
      return refuse(call, `uses the activation "${kind}", which the ONNX export does not write`);
  }
}

/** TF's padding: 'valid' none, 'same' the total split with the extra pixel at the end. */
export function pads(
  call: LayerCall,
  padding: unknown,
  size: [number, number],
  kernel: [number, number],
  strides: [number, number],
  dilation: [number, number],
) {
  const out: number[] = [];
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 2; i++) {
    const reach = (kernel[i] - 1) * dilation[i] + 1;
    if (padding === 'same') {
      out.push(Math.ceil(size[i] / strides[i]));
      const total = Math.max((out[i] - 1) * strides[i] + reach - size[i], 0);
      begin.push(Math.floor(total / 2));
      end.push(total - begin[i]);
    } else if (padding === 'valid') {
      out.push(Math.floor((size[i] - reach) / strides[i]) + 1);
      begin.push(0);
      end.push(0);
    } else refuse(call, `has padding "${String(padding)}"`);
    if (out[i] < 1) refuse(call, `leaves no output pixels from a ${size[0]}×${size[1]} input`);
  }
  return { out, pads: [...begin, ...end] };
}

/** BatchNorm in inference mode as a per-channel scale and shift. */
export function batchNormAffine(
  ctx: Pick<Ctx, 'weight'>,
  call: LayerCall,
): { scale: Float32Array; shift: Float32Array } {
  const mean = ctx.weight(call.name, 'moving_mean')!.data;
  const variance = ctx.weight(call.name, 'moving_variance')!.data;
  const gamma = call.config.scale === false ? null : ctx.weight(call.name, 'gamma')!.data;
  const beta = call.config.center === false ? null : ctx.weight(call.name, 'beta')!.data;
  const eps = Number(call.config.epsilon ?? 1e-3);
  const scale = new Float32Array(mean.length);
  const shift = new Float32Array(mean.length);
  for (let c = 0; c < mean.length; c++) {
    scale[c] = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps);
    shift[c] = (beta ? beta[c] : 0) - mean[c] * scale[c];
  }
  return { scale, shift };
}

export function checkChannelsLast(call: LayerCall): void {
  if (call.config.data_format && call.config.data_format !== 'channels_last')
    refuse(call, `has data_format ${String(call.config.data_format)}`);
}

/**
 * What every writer needs of a Conv2D / DepthwiseConv2D on `channels` input channels: its Keras
 * kernel, and its bias with `bn` (the BatchNormalization right after it) already folded in; the
 * caller reorders the kernel for its format and multiplies output channel o by scale[o].
 */
export function convParts(
  ctx: Pick<Ctx, 'weight'>,
  call: LayerCall,
  rank: number,
  channels: number,
  bn: LayerCall | null,
) {
  checkChannelsLast(call);
  if (rank !== 4) refuse(call, `gets a rank-${rank} input where the export expects rank 4`);
  const depthwise = call.className === 'DepthwiseConv2D';
  const c = call.config;
  if (!depthwise && Number(c.groups ?? 1) !== 1) refuse(call, 'is a grouped convolution');
  const kernel = ctx.weight(call.name, depthwise ? 'depthwise_kernel' : 'kernel')!;
  const [kh, kw, cin, k3] = kernel.shape;
  if (cin !== channels) refuse(call, `expects ${cin} input channels, gets ${channels}`);
  const cout = depthwise ? cin * k3 : k3;
  const bias = new Float32Array(cout);
  const b = c.use_bias === false ? undefined : ctx.weight(call.name, 'bias');
  if (b) bias.set(b.data);
  let scale: Float32Array | null = null;
  if (bn) {
    const affine = batchNormAffine(ctx, bn);
    if (affine.scale.length !== cout)
      refuse(bn, `normalises ${affine.scale.length} channels after a convolution with ${cout}`);
    scale = affine.scale;
    for (let o = 0; o < cout; o++) bias[o] = bias[o] * scale[o] + affine.shift[o];
  }
  return {
    depthwise,
    kernel,
    kh,
    kw,
    cin,
    k3,
    cout,
    bias,
    hasBias: !!b || !!bn,
    scale,
    stride: pair(c.strides, 1),
    dilation: pair(c.dilation_rate, 1),
  };
}

/**
 * Conv2D / DepthwiseConv2D as an ONNX Conv; `bn` (the BatchNormalization right after it) is
 * folded into its weights and bias, so the ONNX graph holds no BatchNorm for it.
 */
export function conv(ctx: Ctx, call: LayerCall, x: Value, bn: LayerCall | null): Value {
  const {
    depthwise,
    kernel,
    kh,
    kw,
    cin,
    k3,
    cout,
    bias,
    hasBias,
    scale,
    stride: strides,
    dilation,
  } = convParts(ctx, call, x.shape.length, x.shape[1], bn);
  // Keras [kh, kw, cin, cout | multiplier] → ONNX [cout, cin / group, kh, kw]; depthwise output c·m + j
  const w = new Float32Array(cout * (depthwise ? 1 : cin) * kh * kw);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let ci = 0; ci < cin; ci++)
        for (let o = 0; o < k3; o++) {
          const v = kernel.data[((i * kw + j) * cin + ci) * k3 + o];
          if (depthwise) w[((ci * k3 + o) * kh + i) * kw + j] = v;
          else w[((o * cin + ci) * kh + i) * kw + j] = v;
        }
  if (scale) {
    const per = w.length / cout;
    for (let o = 0; o < cout; o++) for (let k = 0; k < per; k++) w[o * per + k] *= scale[o];
  }
  const geo = pads(call, call.config.padding, [x.shape[2], x.shape[3]], [kh, kw], strides, dilation);
  const name = bn ? bn.name : call.name;
  const inputs = [x.name, ctx.g.float(`${call.name}/weight`, [cout, depthwise ? 1 : cin, kh, kw], w)];
  if (hasBias) inputs.push(ctx.g.float(`${call.name}/bias`, [cout], bias));
  const out = ctx.g.node('Conv', inputs, name, {
    kernel_shape: [kh, kw],
    strides,
    dilations: dilation,
    pads: geo.pads,
    group: depthwise ? cin : 1,
  });
  return { name: out, shape: [-1, cout, geo.out[0], geo.out[1]] };
}

export function pool(ctx: Ctx, call: LayerCall, x: Value): Value {
  checkChannelsLast(call);
  expectRank(call, x, 4);
  const size = pair(call.config.pool_size, 2);
  const strides = pair(call.config.strides, size[0]);
  const geo = pads(call, call.config.padding ?? 'valid', [x.shape[2], x.shape[3]], size, strides, [1, 1]);
  // TF's average pooling leaves padding out of the count, as ONNX does by default
  const op = call.className.startsWith('Max') ? 'MaxPool' : 'AveragePool';
  const out = ctx.g.node(op, [x.name], call.name, { kernel_shape: size, strides, pads: geo.pads });
  return { name: out, shape: [-1, x.shape[1], geo.out[0], geo.out[1]] };
}

export function zeroPad(ctx: Ctx, call: LayerCall, x: Value): Value {
  checkChannelsLast(call);
  expectRank(call, x, 4);
  const p = call.config.padding;
  // Keras: n, [rows, cols] (symmetric) or [[top, bottom], [left, right]]
  const [rows, cols] =
    Array.isArray(p) && Array.isArray(p[0]) ? (p as [number, number][]) : pair(p, 1).map((n) => [n, n]);
  const [[top, bottom], [left, right]] = [rows, cols];
  const padsName = ctx.g.int64(`${call.name}/pads`, [0, 0, top, left, 0, 0, bottom, right]);
  const out = ctx.g.node('Pad', [x.name, padsName], call.name, { mode: 'constant' });
  return { name: out, shape: [-1, x.shape[1], x.shape[2] + top + bottom, x.shape[3] + left + right] };
}

export function dense(ctx: Ctx, call: LayerCall, x: Value): Value {
  if (x.shape.length !== 2)
    refuse(call, `gets a rank-${x.shape.length} input; the export writes Dense layers on feature vectors only`);
  const kernel = ctx.weight(call.name, 'kernel')!;
  const [nin, nout] = kernel.shape;
  if (nin !== x.shape[1]) refuse(call, `expects ${nin} inputs, gets ${x.shape[1]}`);
  const inputs = [x.name, ctx.g.float(`${call.name}/kernel`, [nin, nout], kernel.data)];
  const bias = call.config.use_bias === false ? undefined : ctx.weight(call.name, 'bias');
  if (bias) inputs.push(ctx.g.float(`${call.name}/bias`, [nout], bias.data));
  const out = { name: ctx.g.node('Gemm', inputs, call.name), shape: [-1, nout] };
  return activation(ctx, call, String(call.config.activation ?? 'linear'), out);
}
