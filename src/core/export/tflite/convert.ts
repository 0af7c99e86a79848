import { TFLITE_INPUT, TFLITE_OUTPUT } from '../io-names';
import { readLayersModel, walkLayers, type LayersModelFiles, type WeightLookup } from '../layer-walk';
import { UnsupportedLayerError, type LayerCall } from '../onnx/keras-graph';
import { batchNormAffine, checkChannelsLast, convParts, expectRank, pads, pair, refuse } from '../onnx/layers';
import { Act, encodeTflite, Op, type Padding } from './flatbuffer';
import { TfliteGraph, type Value } from './graph';

/**
 * TF.js layers model (model.json's topology + weights.bin) → TFLite flatbuffer, written without
 * any ML framework. TFLite is NHWC like Keras, so shapes and TF's 'same' padding carry over as
 * they are; kernels are reordered to TFLite's [out, h, w, in]. BatchNorm is folded into the
 * convolution before it (the shared layer walk), RELU / RELU6 fused into the operator before
 * them. A layer this file cannot express exactly is refused by name, never approximated.
 */

export { TFLITE_INPUT, TFLITE_OUTPUT };

export interface TfliteOptions {
  inputSize?: number;
  description?: string;
  metadata?: Record<string, Uint8Array>;
}

interface Ctx {
  g: TfliteGraph;
  weight: WeightLookup;
}

const IDENTITY = new Set([
  'Dropout',
  'SpatialDropout2D',
  'GaussianDropout',
  'GaussianNoise',
  'AlphaDropout',
  'ActivityRegularization',
]);
const MERGE: Record<string, { code: Op; kind: 'add' | 'mul' | 'sub' }> = {
  Add: { code: Op.ADD, kind: 'add' },
  Multiply: { code: Op.MUL, kind: 'mul' },
  Subtract: { code: Op.SUB, kind: 'sub' },
};

function activation(ctx: Ctx, call: LayerCall, kind: string, x: Value, fusable: boolean): Value {
  const { g } = ctx;
  const fused = { relu: Act.RELU, relu6: Act.RELU6 } as const;
  if (kind === 'linear') return x;
  if (kind === 'relu' || kind === 'relu6') {
    if (fusable && g.fuse(x, fused[kind], call.name)) return x;
    return g.op(kind === 'relu' ? Op.RELU : Op.RELU6, [x.t], call.name, x.shape);
  }
  if (kind === 'sigmoid') return g.op(Op.LOGISTIC, [x.t], call.name, x.shape);
  if (kind === 'tanh') return g.op(Op.TANH, [x.t], call.name, x.shape);
  // Keras' softmax runs over the last axis, which TFLite's SOFTMAX does too
  if (kind === 'softmax') return g.op(Op.SOFTMAX, [x.t], call.name, x.shape, { kind: 'softmax', beta: 1 });
  if (kind === 'swish') {
    const s = g.op(Op.LOGISTIC, [x.t], `${call.name}/sigmoid`, x.shape);
    return g.op(Op.MUL, [x.t, s.t], call.name, x.shape, { kind: 'mul' });
  }
  return refuse(call, `uses the activation "${kind}", which the TFLite export does not write`);
}

function conv(ctx: Ctx, call: LayerCall, x: Value, bn: LayerCall | null): Value {
  const { depthwise, kernel, kh, kw, cin, k3, cout, bias, scale, stride, dilation } = convParts(
    ctx,
    call,
    x.shape.length,
    x.shape[3],
    bn,
  );
  // Keras [kh, kw, cin, cout] → TFLite CONV_2D [cout, kh, kw, cin]; a depthwise kernel
  // [kh, kw, cin, multiplier] already has DEPTHWISE_CONV_2D's [1, kh, kw, cin · multiplier] order
  const w = depthwise ? Float32Array.from(kernel.data) : new Float32Array(kernel.data.length);
  if (!depthwise)
    for (let p = 0; p < kh * kw; p++)
      for (let ci = 0; ci < cin; ci++)
        for (let o = 0; o < cout; o++) w[(o * kh * kw + p) * cin + ci] = kernel.data[(p * cin + ci) * cout + o];
  // the output channel is the outer index of a CONV_2D kernel and the inner one of a depthwise kernel
  if (scale) for (let k = 0; k < w.length; k++) w[k] *= scale[depthwise ? k % cout : Math.floor(k / (w.length / cout))];
  const padding = String(call.config.padding) as Padding;
  const geo = pads(call, padding, [x.shape[1], x.shape[2]], [kh, kw], stride, dilation);
  const inputs = [
    x.t,
    ctx.g.float(`${call.name}/kernel`, depthwise ? [1, kh, kw, cout] : [cout, kh, kw, cin], w),
    ctx.g.float(`${call.name}/bias`, [cout], bias),
  ];
  const shape = [-1, geo.out[0], geo.out[1], cout];
  const name = bn ? bn.name : call.name;
  if (depthwise)
    return ctx.g.op(Op.DEPTHWISE_CONV_2D, inputs, name, shape, {
      kind: 'depthwise',
      padding,
      stride,
      dilation,
      multiplier: k3,
    });
  return ctx.g.op(Op.CONV_2D, inputs, name, shape, { kind: 'conv', padding, stride, dilation });
}

function pool(ctx: Ctx, call: LayerCall, x: Value): Value {
  checkChannelsLast(call);
  expectRank(call, x, 4);
  const filter = pair(call.config.pool_size, 2);
  const stride = pair(call.config.strides, filter[0]);
  const padding = String(call.config.padding ?? 'valid') as Padding;
  const geo = pads(call, padding, [x.shape[1], x.shape[2]], filter, stride, [1, 1]);
  // TF's average pooling leaves padding out of the count, as TFLite's does
  const code = call.className.startsWith('Max') ? Op.MAX_POOL_2D : Op.AVERAGE_POOL_2D;
  return ctx.g.op(code, [x.t], call.name, [-1, geo.out[0], geo.out[1], x.shape[3]], {
    kind: 'pool',
    padding,
    stride,
    filter,
  });
}

function zeroPad(ctx: Ctx, call: LayerCall, x: Value): Value {
  checkChannelsLast(call);
  expectRank(call, x, 4);
  const p = call.config.padding;
  const [rows, cols] =
    Array.isArray(p) && Array.isArray(p[0]) ? (p as [number, number][]) : pair(p, 1).map((n) => [n, n]);
  const [[top, bottom], [left, right]] = [rows, cols];
  const paddings = ctx.g.tensor(
    `${call.name}/paddings`,
    [4, 2],
    Int32Array.from([0, 0, top, bottom, left, right, 0, 0]),
  );
  return ctx.g.op(
    Op.PAD,
    [x.t, paddings],
    call.name,
    [-1, x.shape[1] + top + bottom, x.shape[2] + left + right, x.shape[3]],
    { kind: 'pad' },
  );
}

function dense(ctx: Ctx, call: LayerCall, x: Value): Value {
  if (x.shape.length !== 2)
    refuse(call, `gets a rank-${x.shape.length} input; the export writes Dense layers on feature vectors only`);
  const kernel = ctx.weight(call.name, 'kernel')!;
  const [nin, nout] = kernel.shape;
  if (nin !== x.shape[1]) refuse(call, `expects ${nin} inputs, gets ${x.shape[1]}`);
  // Keras [in, out] → FULLY_CONNECTED [out, in]
  const w = new Float32Array(nin * nout);
  for (let i = 0; i < nin; i++) for (let o = 0; o < nout; o++) w[o * nin + i] = kernel.data[i * nout + o];
  const bias = call.config.use_bias === false ? undefined : ctx.weight(call.name, 'bias');
  const inputs = [
    x.t,
    ctx.g.float(`${call.name}/kernel`, [nout, nin], w),
    ctx.g.float(`${call.name}/bias`, [nout], bias ? bias.data : new Float32Array(nout)),
  ];
  const out = ctx.g.op(Op.FULLY_CONNECTED, inputs, call.name, [-1, nout], { kind: 'fc' });
  return activation(ctx, call, String(call.config.activation ?? 'linear'), out, true);
}

function emit(ctx: Ctx, call: LayerCall, xs: Value[], folded: LayerCall | null, soleReader: boolean): Value {
  const x = xs[0];
  const { g } = ctx;
  switch (call.className) {
    case 'Conv2D':
    case 'DepthwiseConv2D':
      // the convolution's own activation reads only the convolution: always fusable
      return activation(ctx, call, String(call.config.activation ?? 'linear'), conv(ctx, call, x, folded), true);
    case 'BatchNormalization': {
      const axis = Number(call.config.axis ?? -1);
      if (axis !== -1 && axis !== x.shape.length - 1) refuse(call, `normalises axis ${axis}, not the channels`);
      const { scale, shift } = batchNormAffine(ctx, call);
      const n = scale.length;
      const mul = g.op(Op.MUL, [x.t, g.float(`${call.name}/scale`, [n], scale)], `${call.name}/mul`, x.shape, {
        kind: 'mul',
      });
      return g.op(Op.ADD, [mul.t, g.float(`${call.name}/shift`, [n], shift)], call.name, x.shape, { kind: 'add' });
    }
    case 'Activation':
      return activation(ctx, call, String(call.config.activation), x, soleReader);
    case 'ReLU': {
      const max = call.config.max_value as number | null | undefined;
      if (Number(call.config.negative_slope ?? 0) !== 0 || Number(call.config.threshold ?? 0) !== 0)
        refuse(call, 'has a slope or threshold, which the TFLite export does not write');
      if (max === null || max === undefined) return activation(ctx, call, 'relu', x, soleReader);
      if (Number(max) === 6) return activation(ctx, call, 'relu6', x, soleReader);
      return refuse(call, `clips at ${max}; the TFLite export writes ReLU and ReLU6`);
    }
    case 'Softmax':
      if (![-1, undefined, x.shape.length - 1].includes(call.config.axis as number | undefined))
        refuse(call, 'runs over an axis other than the last');
      return activation(ctx, call, 'softmax', x, soleReader);
    case 'ZeroPadding2D':
      return zeroPad(ctx, call, x);
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return pool(ctx, call, x);
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D': {
      checkChannelsLast(call);
      expectRank(call, x, 4);
      if (call.config.keepdims) refuse(call, 'keeps its pooled dimensions');
      const code = call.className === 'GlobalMaxPooling2D' ? Op.REDUCE_MAX : Op.MEAN;
      return g.op(code, [x.t, g.int32(`${call.name}/axes`, [1, 2])], call.name, [-1, x.shape[3]], {
        kind: 'reducer',
        keepDims: false,
      });
    }
    case 'Flatten': {
      if (x.shape.length === 2) return x;
      expectRank(call, x, 4);
      // NHWC flattens in Keras' order as it is
      const n = x.shape[1] * x.shape[2] * x.shape[3];
      return g.op(Op.RESHAPE, [x.t, g.int32(`${call.name}/shape`, [-1, n])], call.name, [-1, n], {
        kind: 'reshape',
        shape: [-1, n],
      });
    }
    case 'Dense':
      return dense(ctx, call, x);
    case 'Concatenate': {
      const axis = Number(call.config.axis ?? -1);
      if (axis !== -1 && axis !== x.shape.length - 1) refuse(call, `joins along axis ${axis}, not the channels`);
      const shape = [...x.shape];
      shape[shape.length - 1] = xs.reduce((n, v) => n + v.shape[v.shape.length - 1], 0);
      return g.op(
        Op.CONCATENATION,
        xs.map((v) => v.t),
        call.name,
        shape,
        { kind: 'concat', axis: x.shape.length - 1 },
      );
    }
    default: {
      if (IDENTITY.has(call.className)) return x;
      const merge = MERGE[call.className];
      if (!merge)
        throw new UnsupportedLayerError(call.name, call.className, 'has no TFLite translation in this exporter');
      if (xs.some((v) => v.shape.join() !== x.shape.join())) refuse(call, 'merges tensors of different shapes');
      return xs.slice(1).reduce(
        (acc, v, i) =>
          g.op(merge.code, [acc.t, v.t], i === xs.length - 2 ? call.name : `${call.name}/${i}`, x.shape, {
            kind: merge.kind,
          }),
        x,
      );
    }
  }
}

/** The .tflite bytes; throws UnsupportedLayerError naming the first layer it cannot write. */
export function layersModelToTflite(files: LayersModelFiles, options: TfliteOptions = {}): Uint8Array {
  const { graph, weight, h, w } = readLayersModel(files, options.inputSize, 'TFLite');
  const g = new TfliteGraph();
  const ctx: Ctx = { g, weight };
  const input: Value = { t: g.tensor(TFLITE_INPUT, [-1, h, w, 3]), shape: [-1, h, w, 3] };
  const out = walkLayers(graph, input, (call, xs, step) => emit(ctx, call, xs, step.folded, step.soleReader));
  if (out.shape.length !== 2)
    throw new Error(
      `the model's output has rank ${out.shape.length}; the TFLite export writes classifiers ([batch, classes])`,
    );
  if (out.t === input.t || g.tensors[out.t].data) throw new Error('the model computes nothing from its input');
  g.tensors[out.t].name = TFLITE_OUTPUT;
  return encodeTflite({
    tensors: g.tensors,
    ops: g.ops,
    inputs: [{ name: TFLITE_INPUT, tensor: input.t }],
    outputs: [{ name: TFLITE_OUTPUT, tensor: out.t }],
    description: options.description ?? 'Transfer Studio image classifier',
    metadata: options.metadata ?? {},
  });
}
