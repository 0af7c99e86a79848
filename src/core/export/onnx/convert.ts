import { ONNX_INPUT, ONNX_OUTPUT } from '../io-names';
import { readLayersModel, walkLayers, type LayersModelFiles } from '../layer-walk';
import { GraphBuilder } from './graph-builder';
import { UnsupportedLayerError, type LayerCall } from './keras-graph';
import {
  activation,
  batchNormAffine,
  checkChannelsLast,
  conv,
  dense,
  expectRank,
  pool,
  zeroPad,
  type Ctx,
  type Value,
} from './layers';
import { encodeModel, FLOAT, type Dim, type ModelSpec } from './proto';

/**
 * TF.js layers model (model.json's topology + weights.bin) → ONNX ModelProto, written without any
 * ML framework. Layout: the input is NHWC like the TF.js model ([batch, size, size, 3], the same
 * bytes golden.json describes); one Transpose turns it into NCHW, which every ONNX runtime's Conv
 * wants. BatchNorm is folded into the convolution before it (inference mode). A layer this file
 * cannot express exactly is refused by name (UnsupportedLayerError), never approximated.
 */

/** opset 13: Softmax over one axis, Clip with tensor bounds, Pad with tensor pads; onnx ≥ 1.8 and every current runtime read it */
export const ONNX_OPSET = 13;
/** the IR version that goes with opset 13 */
const IR_VERSION = 7;
export { ONNX_INPUT, ONNX_OUTPUT };

export interface OnnxOptions {
  /** image side for models whose input leaves it open */
  inputSize?: number;
  /** metadata_props: labels, preprocessing … */
  metadata?: Record<string, string>;
  producerVersion?: string;
  docString?: string;
}

export type { LayersModelFiles };

const IDENTITY = new Set([
  'Dropout',
  'SpatialDropout2D',
  'GaussianDropout',
  'GaussianNoise',
  'AlphaDropout',
  'ActivityRegularization',
]);
const MERGE: Record<string, string> = { Add: 'Add', Multiply: 'Mul', Subtract: 'Sub', Maximum: 'Max', Minimum: 'Min' };

function emit(ctx: Ctx, call: LayerCall, xs: Value[], folded: LayerCall | null): Value {
  const x = xs[0];
  const { g } = ctx;
  const same = (name: string): Value => ({ name, shape: x.shape });
  switch (call.className) {
    case 'Conv2D':
    case 'DepthwiseConv2D':
      return activation(ctx, call, String(call.config.activation ?? 'linear'), conv(ctx, call, x, folded));
    case 'BatchNormalization': {
      const axis = Number(call.config.axis ?? -1);
      if (axis !== -1 && axis !== x.shape.length - 1)
        throw new UnsupportedLayerError(call.name, call.className, `normalises axis ${axis}, not the channels`);
      const { scale, shift } = batchNormAffine(ctx, call);
      const n = scale.length;
      const shape = x.shape.length === 4 ? [n, 1, 1] : [n];
      const mul = g.node('Mul', [x.name, g.float(`${call.name}/scale`, shape, scale)], call.name);
      return same(g.node('Add', [mul, g.float(`${call.name}/shift`, shape, shift)], call.name));
    }
    case 'Activation':
      return activation(ctx, call, String(call.config.activation), x);
    case 'ReLU': {
      const max = call.config.max_value as number | null | undefined;
      if (max === null || max === undefined) return activation(ctx, call, 'relu', x);
      return same(g.node('Clip', [x.name, g.scalar(0), g.scalar(max)], call.name));
    }
    case 'LeakyReLU':
      return same(g.node('LeakyRelu', [x.name], call.name, { alpha: { float: Number(call.config.alpha ?? 0.3) } }));
    case 'Softmax':
      return activation(ctx, call, 'softmax', x);
    case 'ZeroPadding2D':
      return zeroPad(ctx, call, x);
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return pool(ctx, call, x);
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D': {
      checkChannelsLast(call);
      expectRank(call, x, 4);
      if (call.config.keepdims)
        throw new UnsupportedLayerError(call.name, call.className, 'keeps its pooled dimensions');
      const op = call.className === 'GlobalMaxPooling2D' ? 'ReduceMax' : 'ReduceMean';
      return { name: g.node(op, [x.name], call.name, { axes: [2, 3], keepdims: 0 }), shape: [-1, x.shape[1]] };
    }
    case 'Flatten': {
      if (x.shape.length === 2) return x;
      expectRank(call, x, 4);
      // Keras flattens NHWC: go back to that order first
      const nhwc = g.node('Transpose', [x.name], call.name, { perm: [0, 2, 3, 1] });
      return {
        name: g.node('Flatten', [nhwc], call.name, { axis: 1 }),
        shape: [-1, x.shape[1] * x.shape[2] * x.shape[3]],
      };
    }
    case 'Dense':
      return dense(ctx, call, x);
    case 'Concatenate': {
      const axis = Number(call.config.axis ?? -1);
      if (axis !== -1 && axis !== x.shape.length - 1)
        throw new UnsupportedLayerError(call.name, call.className, `joins along axis ${axis}, not the channels`);
      const shape = [...x.shape];
      shape[1] = xs.reduce((n, v) => n + v.shape[1], 0);
      return {
        name: g.node(
          'Concat',
          xs.map((v) => v.name),
          call.name,
          { axis: 1 },
        ),
        shape,
      };
    }
    default: {
      if (IDENTITY.has(call.className)) return x;
      const op = MERGE[call.className];
      if (!op) throw new UnsupportedLayerError(call.name, call.className, 'has no ONNX translation in this exporter');
      if (xs.some((v) => v.shape.join() !== x.shape.join()))
        throw new UnsupportedLayerError(call.name, call.className, 'merges tensors of different shapes');
      return xs.slice(1).reduce((acc, v) => same(g.node(op, [acc.name, v.name], call.name)), x);
    }
  }
}

/** The ONNX model's bytes; throws UnsupportedLayerError naming the first layer it cannot write. */
export function layersModelToOnnx(files: LayersModelFiles, options: OnnxOptions = {}): Uint8Array {
  const { graph, weight, h, w } = readLayersModel(files, options.inputSize, 'ONNX');
  const g = new GraphBuilder();
  const ctx: Ctx = { g, weight };
  g.unique(ONNX_INPUT);
  g.unique(ONNX_OUTPUT);
  const input: Value = {
    name: g.node('Transpose', [ONNX_INPUT], 'to_nchw', { perm: [0, 3, 1, 2] }),
    shape: [-1, 3, h, w],
  };
  const out = walkLayers(graph, input, (call, xs, { folded }) => emit(ctx, call, xs, folded));
  if (out.shape.length !== 2)
    throw new Error(
      `the model's output has rank ${out.shape.length}; the ONNX export writes classifiers ([batch, classes])`,
    );
  g.node('Identity', [out.name], 'output', {}, ONNX_OUTPUT);
  const dims = (shape: number[]): Dim[] => shape.map((d) => (d < 0 ? { dim_param: 'batch' } : { dim_value: d }));
  const tensor = (name: string, shape: number[]) => ({
    name,
    type: { tensor_type: { elem_type: FLOAT, shape: { dim: dims(shape) } } },
  });
  const model: ModelSpec = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'transfer-studio',
    producer_version: options.producerVersion ?? '',
    doc_string: options.docString,
    graph: {
      name: 'transfer_studio_model',
      node: g.nodes,
      initializer: g.initializers,
      input: [tensor(ONNX_INPUT, [-1, h, w, 3])],
      output: [tensor(ONNX_OUTPUT, out.shape)],
    },
    metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  return encodeModel(model);
}
