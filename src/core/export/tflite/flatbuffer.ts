import { Builder, type Offset } from 'flatbuffers';
import {
  tflite_ActivationFunctionType as Act,
  tflite_AddOptions,
  tflite_Buffer,
  tflite_BuiltinOperator as Op,
  tflite_BuiltinOptions as Opt,
  tflite_ConcatenationOptions,
  tflite_Conv2DOptions,
  tflite_DepthwiseConv2DOptions,
  tflite_FullyConnectedOptions,
  tflite_Metadata,
  tflite_Model,
  tflite_MulOptions,
  tflite_Operator,
  tflite_OperatorCode,
  tflite_PadOptions,
  tflite_Padding,
  tflite_Pool2DOptions,
  tflite_ReducerOptions,
  tflite_ReshapeOptions,
  tflite_SignatureDef,
  tflite_SoftmaxOptions,
  tflite_SubGraph,
  tflite_SubOptions,
  tflite_Tensor,
  tflite_TensorMap,
  tflite_TensorType,
} from './tflite-schema';

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

const PADDING = { same: tflite_Padding.SAME, valid: tflite_Padding.VALID } as const;

function options(b: Builder, op: OpSpec): [Opt, Offset] {
  const o = op.options;
  if (!o) return [Opt.NONE, 0];
  switch (o.kind) {
    case 'conv':
      return [
        Opt.Conv2DOptions,
        tflite_Conv2DOptions.createConv2DOptions(
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
        tflite_DepthwiseConv2DOptions.createDepthwiseConv2DOptions(
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
        tflite_Pool2DOptions.createPool2DOptions(
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
      return [Opt.FullyConnectedOptions, tflite_FullyConnectedOptions.createFullyConnectedOptions(b, op.act)];
    case 'add':
      return [Opt.AddOptions, tflite_AddOptions.createAddOptions(b, op.act)];
    case 'mul':
      return [Opt.MulOptions, tflite_MulOptions.createMulOptions(b, op.act)];
    case 'sub':
      return [Opt.SubOptions, tflite_SubOptions.createSubOptions(b, op.act)];
    case 'concat':
      return [Opt.ConcatenationOptions, tflite_ConcatenationOptions.createConcatenationOptions(b, o.axis, op.act)];
    case 'softmax':
      return [Opt.SoftmaxOptions, tflite_SoftmaxOptions.createSoftmaxOptions(b, o.beta)];
    case 'reshape':
      return [
        Opt.ReshapeOptions,
        tflite_ReshapeOptions.createReshapeOptions(b, tflite_ReshapeOptions.createNewShapeVector(b, o.shape)),
      ];
    case 'pad':
      return [Opt.PadOptions, tflite_PadOptions.createPadOptions(b)];
    case 'reducer':
      return [Opt.ReducerOptions, tflite_ReducerOptions.createReducerOptions(b, o.keepDims)];
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
  const buffers: Offset[] = [tflite_Buffer.createBuffer(b, 0)];
  const tensorBuffer = model.tensors.map((t) => {
    if (!t.data) return 0;
    buffers.push(tflite_Buffer.createBuffer(b, alignedBytes(b, bytesOf(t.data))));
    return buffers.length - 1;
  });
  const metadata = Object.entries(model.metadata).map(([name, bytes]) => {
    buffers.push(tflite_Buffer.createBuffer(b, alignedBytes(b, bytes)));
    return tflite_Metadata.createMetadata(b, b.createString(name), buffers.length - 1);
  });
  const tensors = model.tensors.map((t, i) =>
    tflite_Tensor.createTensor(
      b,
      tflite_Tensor.createShapeVector(
        b,
        t.shape.map((d) => (d < 0 ? 1 : d)),
      ),
      t.type === 'float32' ? tflite_TensorType.FLOAT32 : tflite_TensorType.INT32,
      tensorBuffer[i],
      b.createString(t.name),
    ),
  );
  const codes: Op[] = [];
  const operators = model.ops.map((op) => {
    let index = codes.indexOf(op.code);
    if (index < 0) index = codes.push(op.code) - 1;
    const [type, opts] = options(b, op);
    const inputs = tflite_Operator.createInputsVector(b, op.inputs);
    const outputs = tflite_Operator.createOutputsVector(b, op.outputs);
    tflite_Operator.startOperator(b);
    tflite_Operator.addOpcodeIndex(b, index);
    tflite_Operator.addInputs(b, inputs);
    tflite_Operator.addOutputs(b, outputs);
    tflite_Operator.addBuiltinOptionsType(b, type);
    if (opts) tflite_Operator.addBuiltinOptions(b, opts);
    return tflite_Operator.endOperator(b);
  });
  // the byte-sized code for older readers, the int32 one for current ones (all codes used here are < 127)
  const opcodes = codes.map((c) => tflite_OperatorCode.createOperatorCode(b, c, 0, 1, c));
  const subgraph = tflite_SubGraph.createSubGraph(
    b,
    tflite_SubGraph.createTensorsVector(b, tensors),
    tflite_SubGraph.createInputsVector(
      b,
      model.inputs.map((x) => x.tensor),
    ),
    tflite_SubGraph.createOutputsVector(
      b,
      model.outputs.map((x) => x.tensor),
    ),
    tflite_SubGraph.createOperatorsVector(b, operators),
    b.createString('main'),
  );
  const maps = (list: ModelSpec['inputs']) =>
    list.map((x) => tflite_TensorMap.createTensorMap(b, b.createString(x.name), x.tensor));
  const signature = tflite_SignatureDef.createSignatureDef(
    b,
    tflite_SignatureDef.createInputsVector(b, maps(model.inputs)),
    tflite_SignatureDef.createOutputsVector(b, maps(model.outputs)),
    b.createString('serving_default'),
    0,
  );
  const root = tflite_Model.createModel(
    b,
    3,
    tflite_Model.createOperatorCodesVector(b, opcodes),
    tflite_Model.createSubgraphsVector(b, [subgraph]),
    b.createString(model.description),
    tflite_Model.createBuffersVector(b, buffers),
    0,
    tflite_Model.createMetadataVector(b, metadata),
    tflite_Model.createSignatureDefsVector(b, [signature]),
  );
  tflite_Model.finishModelBuffer(b, root);
  return b.asUint8Array().slice();
}
