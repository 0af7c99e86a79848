import { Act, Op, type OpOptions, type OpSpec, type TensorSpec } from './flatbuffer';

/** A value in the TFLite graph: a tensor index and its NHWC shape (batch = -1). */
export interface Value {
  t: number;
  shape: number[];
}

/** Tensors and operators of one TFLite subgraph, added in the order they run. */
export class TfliteGraph {
  readonly tensors: TensorSpec[] = [];
  readonly ops: OpSpec[] = [];
  private readonly producer = new Map<number, OpSpec>();

  tensor(name: string, shape: number[], data?: Float32Array | Int32Array): number {
    const type = data instanceof Int32Array ? 'int32' : 'float32';
    return this.tensors.push({ name, shape, type, data }) - 1;
  }

  float(name: string, shape: number[], data: Float32Array): number {
    return this.tensor(name, shape, data);
  }

  int32(name: string, values: number[]): number {
    return this.tensor(name, [values.length], Int32Array.from(values));
  }

  /** One operator writing a new float32 tensor named `name` of `shape`. */
  op(code: Op, inputs: number[], name: string, shape: number[], options?: OpOptions): Value {
    const t = this.tensor(name, shape);
    const spec: OpSpec = { code, inputs, outputs: [t], options, act: Act.NONE };
    this.ops.push(spec);
    this.producer.set(t, spec);
    return { t, shape };
  }

  /**
   * Fuses RELU / RELU6 into the operator that made x when that operator takes a fused activation
   * and x has no other reader; false when it cannot (the caller then writes the activation op).
   */
  fuse(x: Value, act: Act.RELU | Act.RELU6, name: string): boolean {
    const op = this.producer.get(x.t);
    const fusable =
      op && op.act === Act.NONE && ['conv', 'depthwise', 'fc', 'add', 'pool'].includes(op.options?.kind ?? '');
    if (!fusable) return false;
    op.act = act;
    this.tensors[x.t].name = name;
    return true;
  }
}
