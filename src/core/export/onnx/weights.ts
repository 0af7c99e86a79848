/** A layers model's weights (model.json's weightsManifest specs + the weights.bin bytes) by name. */

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

export interface Weight {
  shape: number[];
  data: Float32Array;
}

export function readWeights(specs: readonly WeightSpec[], bytes: ArrayBuffer | Uint8Array): Map<string, Weight> {
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const out = new Map<string, Weight>();
  let at = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32' || spec.quantization) {
      throw new Error(
        `weight "${spec.name}" is ${spec.quantization ? 'quantized' : spec.dtype}; the ONNX and TFLite exports write float32 weights only`,
      );
    }
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (at + size * 4 > buf.byteLength) throw new Error(`weights.bin ends before weight "${spec.name}"`);
    // copy: the bytes need not be 4-byte aligned, and folding BatchNorm rewrites the values
    const data = new Float32Array(size);
    new Uint8Array(data.buffer).set(buf.subarray(at, at + size * 4));
    out.set(spec.name, { shape: spec.shape, data });
    at += size * 4;
  }
  return out;
}
