import { Builder, type Offset } from 'flatbuffers';
import {
  ActivationFunctionType as Act,
  BuiltinOperator as Op,
  BuiltinOptions as Opt,
} from './schema/tflite-subset_generated';
// one name for the generated tables: bare, Buffer, Padding and Tensor would read as Node's Buffer,
// this module's Padding and a TF.js tensor
import * as tfl from './schema/tflite-subset_generated';

/**
 * A TFLite model as plain data, and its flatbuffer bytes (schema version 3, file identifier
 * "TFL3"), written with the flatbuffers library and the code flatc generates from
 * tflite-subset.fbs. One subgraph, float32 activations, constants in their own buffers.
 */

export { Act, Op };
export type Padding = 'same' | 'valid';
type Pair = [number, number];

export type OpOptions =
  | { kind: 'conv'; padding: Padding; stride: Pair; dilation: Pair }
  | { kind: 'depthwise'; padding: Padding; stride: Pair; dilation: Pair; multiplier: number }
  | { kind: 'pool'; padding: Padding; stride: Pair; filter: Pair }
  | { kind: 'fc' | 'add' | 'mul' | 'sub' }
  | { kind: 'concat'; axis: number }
  | { kind: 'softmax'; beta: number }
  | { kind: 'reshape'; shape: number[] }
  | { kind: 'pad' }
  | { kind: 'reducer'; keepDims: boolean };

export interface TensorSpec {
  name: string;
  /** batch first; -1 there is written as 1 (TFLite tensors have static shapes; the interpreter resizes) */
  shape: number[];
  type: 'float32' | 'int32';
  data?: Float32Array | Int32Array;
}

export interface OpSpec {
  code: Op;
  inputs: number[];
  outputs: number[];
  options?: OpOptions;
  /** the activation fused into this operator; set after the fact when the next layer is its activation */
  act: Act;
}

export interface ModelSpec {
  tensors: TensorSpec[];
  ops: OpSpec[];
  inputs: { name: string; tensor: number }[];
  outputs: { name: string; tensor: number }[];
  description: string;
  /** name → bytes: TFLite metadata entries (e.g. the studio's labels and preprocessing as JSON) */
  metadata: Record<string, Uint8Array>;
}

const PADDING = { same: tfl.Padding.SAME, valid: tfl.Padding.VALID } as const;

function options(b: Builder, op: OpSpec): [Opt, Offset] {
  const o = op.options;
  if (!o) return [Opt.NONE, 0];
  switch (o.kind) {
    case 'conv':
      return [
        Opt.Conv2DOptions,
        tfl.Conv2DOptions.createConv2DOptions(
          b,
          PADDING[o.padding],
          o.stride[1],
          o.stride[0],
          op.act,
          o.dilation[1],
          o.dilation[0],
        ),
      ];
    case 'depthwise':
      return [
        Opt.DepthwiseConv2DOptions,
        tfl.DepthwiseConv2DOptions.createDepthwiseConv2DOptions(
          b,
          PADDING[o.padding],
          o.stride[1],
          o.stride[0],
          o.multiplier,
          op.act,
          o.dilation[1],
          o.dilation[0],
        ),
      ];
    case 'pool':
      return [
        Opt.Pool2DOptions,
        tfl.Pool2DOptions.createPool2DOptions(
          b,
          PADDING[o.padding],
          o.stride[1],
          o.stride[0],
          o.filter[1],
          o.filter[0],
          op.act,
        ),
      ];
    case 'fc':
      return [Opt.FullyConnectedOptions, tfl.FullyConnectedOptions.createFullyConnectedOptions(b, op.act)];
    case 'add':
      return [Opt.AddOptions, tfl.AddOptions.createAddOptions(b, op.act)];
    case 'mul':
      return [Opt.MulOptions, tfl.MulOptions.createMulOptions(b, op.act)];
    case 'sub':
      return [Opt.SubOptions, tfl.SubOptions.createSubOptions(b, op.act)];
    case 'concat':
      return [Opt.ConcatenationOptions, tfl.ConcatenationOptions.createConcatenationOptions(b, o.axis, op.act)];
    case 'softmax':
      return [Opt.SoftmaxOptions, tfl.SoftmaxOptions.createSoftmaxOptions(b, o.beta)];
    case 'reshape':
      return [
        Opt.ReshapeOptions,
        tfl.ReshapeOptions.createReshapeOptions(b, tfl.ReshapeOptions.createNewShapeVector(b, o.shape)),
      ];
    case 'pad':
      return [Opt.PadOptions, tfl.PadOptions.createPadOptions(b)];
    case 'reducer':
      return [Opt.ReducerOptions, tfl.ReducerOptions.createReducerOptions(b, o.keepDims)];
  }
}

/** Bytes in a buffer aligned to 16, so interpreters can use the weights in place. */
function alignedBytes(b: Builder, bytes: Uint8Array): Offset {
  b.prep(16, bytes.byteLength);
  return b.createByteVector(bytes);
}

const bytesOf = (a: Float32Array | Int32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function encodeTflite(model: ModelSpec): Uint8Array {
  const b = new Builder(1024 * 1024);
  // buffer 0 is the empty one by convention: tensors without constant data point at it
  const buffers: Offset[] = [tfl.Buffer.createBuffer(b, 0)];
  const tensorBuffer = model.tensors.map((t) => {
    if (!t.data) return 0;
    buffers.push(tfl.Buffer.createBuffer(b, alignedBytes(b, bytesOf(t.data))));
    return buffers.length - 1;
  });
  const metadata = Object.entries(model.metadata).map(([name, bytes]) => {
    buffers.push(tfl.Buffer.createBuffer(b, alignedBytes(b, bytes)));
    return tfl.Metadata.createMetadata(b, b.createString(name), buffers.length - 1);
  });
  const tensors = model.tensors.map((t, i) =>
    tfl.Tensor.createTensor(
      b,
      tfl.Tensor.createShapeVector(
        b,
        t.shape.map((d) => (d < 0 ? 1 : d)),
      ),
      t.type === 'float32' ? tfl.TensorType.FLOAT32 : tfl.TensorType.INT32,
      tensorBuffer[i],
      b.createString(t.name),
    ),
  );
  const codes: Op[] = [];
  const operators = model.ops.map((op) => {
    let index = codes.indexOf(op.code);
    if (index < 0) index = codes.push(op.code) - 1;
    const [type, opts] = options(b, op);
    const inputs = tfl.Operator.createInputsVector(b, op.inputs);
    const outputs = tfl.Operator.createOutputsVector(b, op.outputs);
    tfl.Operator.startOperator(b);
    tfl.Operator.addOpcodeIndex(b, index);
    tfl.Operator.addInputs(b, inputs);
    tfl.Operator.addOutputs(b, outputs);
    tfl.Operator.addBuiltinOptionsType(b, type);
    if (opts) tfl.Operator.addBuiltinOptions(b, opts);
    return tfl.Operator.endOperator(b);
  });
  // the byte-sized code for older readers, the int32 one for current ones (all codes used here are < 127)
  const opcodes = codes.map((c) => tfl.OperatorCode.createOperatorCode(b, c, 0, 1, c));
  const subgraph = tfl.SubGraph.createSubGraph(
    b,
    tfl.SubGraph.createTensorsVector(b, tensors),
    tfl.SubGraph.createInputsVector(
      b,
      model.inputs.map((x) => x.tensor),
    ),
    tfl.SubGraph.createOutputsVector(
      b,
      model.outputs.map((x) => x.tensor),
    ),
    tfl.SubGraph.createOperatorsVector(b, operators),
    b.createString('main'),
  );
  const maps = (list: ModelSpec['inputs']) =>
    list.map((x) => tfl.TensorMap.createTensorMap(b, b.createString(x.name), x.tensor));
  const signature = tfl.SignatureDef.createSignatureDef(
    b,
    tfl.SignatureDef.createInputsVector(b, maps(model.inputs)),
    tfl.SignatureDef.createOutputsVector(b, maps(model.outputs)),
    b.createString('serving_default'),
    0,
  );
  const root = tfl.Model.createModel(
    b,
    3,
    tfl.Model.createOperatorCodesVector(b, opcodes),
    tfl.Model.createSubgraphsVector(b, [subgraph]),
    b.createString(model.description),
    tfl.Model.createBuffersVector(b, buffers),
    0,
    tfl.Model.createMetadataVector(b, metadata),
    tfl.Model.createSignatureDefsVector(b, [signature]),
  );
  tfl.Model.finishModelBuffer(b, root);
  return b.asUint8Array().slice();
}
