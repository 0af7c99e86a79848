import { ATTR, FLOAT, INT64, type AttributeProto, type NodeProto, type TensorProto } from './proto';

export type Attr = number | number[] | string | { float: number };

/** Collects ONNX nodes and initializers with unique names. */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private used = new Set<string>();
  private constants = new Map<string, string>();

  unique(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds a node; returns its (single) output name. */
  node(
    op: string,
    inputs: string[],
    name: string,
    attrs: Record<string, Attr> = {},
    output = this.unique(name),
  ): string {
    const attribute: AttributeProto[] = Object.entries(attrs).map(([key, v]) => {
      if (typeof v === 'string') return { name: key, type: ATTR.STRING, s: new TextEncoder().encode(v) };
      if (Array.isArray(v)) return { name: key, type: ATTR.INTS, ints: v };
      if (typeof v === 'object') return { name: key, type: ATTR.FLOAT, f: v.float };
      return { name: key, type: ATTR.INT, i: v };
    });
    this.nodes.push({ name: this.unique(`${name}/${op}`), op_type: op, input: inputs, output: [output], attribute });
    return output;
  }

  float(name: string, dims: number[], data: Float32Array): string {
    const unique = this.unique(name);
    this.initializers.push({
      name: unique,
      dims,
      data_type: FLOAT,
      raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return unique;
  }

  int64(name: string, values: number[]): string {
    const data = new BigInt64Array(values.map(BigInt));
    const unique = this.unique(name);
    this.initializers.push({
      name: unique,
      dims: [values.length],
      data_type: INT64,
      raw_data: new Uint8Array(data.buffer),
    });
    return unique;
  }

  /** A float scalar shared by every node that needs it (Clip's bounds). */
  scalar(value: number): string {
    const key = String(value);
    if (!this.constants.has(key)) {
      const unique = this.unique(`const_${key.replace(/[^0-9a-z]/gi, '_')}`);
      this.initializers.push({
        name: unique,
        dims: [],
        data_type: FLOAT,
        raw_data: new Uint8Array(new Float32Array([value]).buffer),
      });
      this.constants.set(key, unique);
    }
    return this.constants.get(key)!;
  }
}
