import { onnx } from './onnx-pb.js';

/** ModelProto as protobufjs' static code generator wrote it from onnx.proto; protobufjs writes the wire format. */
const { ModelProto } = onnx;

/** ONNX data types (TensorProto.DataType) and attribute types used here. */
export const FLOAT = 1;
export const INT64 = 7;
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  ints?: number[];
}
export interface NodeProto {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute?: AttributeProto[];
}
export interface TensorProto {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}
export type Dim = { dim_value: number } | { dim_param: string };
export interface ValueInfoProto {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: Dim[] } } };
}
export interface ModelSpec {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  producer_version: string;
  doc_string?: string;
  graph: {
    name: string;
    node: NodeProto[];
    initializer: TensorProto[];
    input: ValueInfoProto[];
    output: ValueInfoProto[];
  };
  metadata_props: { key: string; value: string }[];
}

/** Serialises a model; protobufjs's verify catches a field of the wrong type before it is written. */
export function encodeModel(model: ModelSpec): Uint8Array {
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`ONNX model does not fit onnx.proto: ${problem}`);
  return ModelProto.encode(model).finish();
}

/** Reads a model back (tests, and anyone checking what an export holds); fields a file leaves out read as their defaults. */
export function decodeModel(bytes: Uint8Array): ModelSpec {
  return plain(ModelProto.decode(bytes)) as ModelSpec;
}

/** protobufjs reads int64 as Long objects; every int64 in a model (dims, attributes, versions) fits a number. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(plain);
  if ('toNumber' in v && typeof v.toNumber === 'function') return v.toNumber();
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}
