import { flattenTopology, type FlatGraph, type LayerCall } from './onnx/keras-graph';
import { readWeights, type Weight, type WeightSpec } from './onnx/weights';

/**
 * The walk every converter of a TF.js layers model shares (ONNX, TFLite): layer calls in order,
 * each BatchNormalization that only follows a linear convolution folded into it (inference mode),
 * and whether a call is the only reader of its input (so a writer may fuse it into the op before).
 */

export interface WalkStep {
  /** the BatchNormalization right after this convolution, to fold into its weights */
  folded: LayerCall | null;
  /** this call has one input, read by nothing else and not the model's output */
  soleReader: boolean;
}

/** A TF.js layers model's files (model.json's topology and weights manifest, weights.bin's bytes). */
export interface LayersModelFiles {
  modelTopology: unknown;
  weightSpecs: readonly WeightSpec[];
  weightData: ArrayBuffer | Uint8Array;
}

export type WeightLookup = (layer: string, which: string, optional?: boolean) => Weight | undefined;

/** The flat layer graph, its weights by layer, and the image size (from the model or `inputSize`). */
export function readLayersModel(files: LayersModelFiles, inputSize: number | undefined, format: string) {
  const graph = flattenTopology(files.modelTopology as Record<string, unknown>);
  const weights = readWeights(files.weightSpecs, files.weightData);
  const weight: WeightLookup = (layer, which, optional) => {
    const w = weights.get(`${layer}/${which}`);
    if (!w && !optional) throw new Error(`the weights have no "${layer}/${which}"`);
    return w;
  };
  const [, h0, w0, c0] = graph.input.shape;
  const h = h0 ?? inputSize;
  const w = w0 ?? inputSize;
  if (graph.input.shape.length !== 4 || c0 !== 3 || !h || !w) {
    throw new Error(
      `the ${format} export needs an image input [batch, height, width, 3], found [${graph.input.shape.join(', ')}]`,
    );
  }
  return { graph, weight, h, w };
}

/** Layers whose output is read by exactly one other layer, and which one. */
function soleReaders(calls: readonly LayerCall[], output: string): Map<string, LayerCall> {
  const readers = new Map<string, LayerCall[]>();
  for (const c of calls) for (const i of c.inputs) readers.set(i, [...(readers.get(i) ?? []), c]);
  const sole = new Map<string, LayerCall>();
  for (const [name, list] of readers) if (list.length === 1 && name !== output) sole.set(name, list[0]);
  return sole;
}

const isFoldable = (conv: LayerCall, next: LayerCall | undefined) =>
  !!next &&
  next.className === 'BatchNormalization' &&
  (conv.className === 'Conv2D' || conv.className === 'DepthwiseConv2D') &&
  (conv.config.activation ?? 'linear') === 'linear' &&
  [-1, 3, undefined].includes(next.config.axis as number | undefined);

/** Runs `emit` on each call with its input values; returns the value of the model's output. */
export function walkLayers<V>(graph: FlatGraph, input: V, emit: (call: LayerCall, xs: V[], step: WalkStep) => V): V {
  const values = new Map<string, V>([[graph.input.name, input]]);
  const sole = soleReaders(graph.calls, graph.output);
  const foldedInto = new Map<string, LayerCall>();
  for (const call of graph.calls) {
    const xs = call.inputs.map(
      (i) =>
        values.get(i) ??
        (() => {
          throw new Error(`layer "${call.name}" reads "${i}", which no earlier layer makes`);
        })(),
    );
    if (foldedInto.has(call.name)) {
      // this BatchNorm's values went into the convolution before it
      values.set(call.name, values.get(call.inputs[0])!);
      continue;
    }
    const next = sole.get(call.name);
    const folded = isFoldable(call, next) ? next! : null;
    if (folded) foldedInto.set(folded.name, call);
    const soleReader = call.inputs.length === 1 && sole.get(call.inputs[0]) === call;
    values.set(call.name, emit(call, xs, { folded, soleReader }));
  }
  return values.get(graph.output)!;
}
