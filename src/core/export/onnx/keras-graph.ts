/**
 * A TF.js layers model's topology (model.json's modelTopology) as one flat list of layer calls in
 * the order they run: nested models (the studio's head is a Sequential inside the standalone
 * model; Teachable Machine nests its backbone) are inlined, so the converter sees plain layers.
 */

export interface LayerCall {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** names of the tensors this call reads (each tensor is named after the layer that made it) */
  inputs: string[];
}

export interface FlatGraph {
  input: { name: string; shape: (number | null)[] };
  calls: LayerCall[];
  output: string;
}

/** A model the converter cannot express; the message names the layer. */
export class UnsupportedLayerError extends Error {
  constructor(
    readonly layer: string,
    readonly className: string,
    why: string,
  ) {
    super(`layer "${layer}" (${className}) ${why}`);
  }
}

interface KerasLayer {
  class_name: string;
  name?: string;
  config: Record<string, unknown> & { name?: string; layers?: KerasLayer[] };
  inbound_nodes?: [string, number, number, unknown][][];
}

interface ModelConfig {
  name?: string;
  layers: KerasLayer[];
  input_layers?: [string, number, number][];
  output_layers?: [string, number, number][];
}

const MODEL_CLASSES = new Set(['Model', 'Functional', 'Sequential']);
const layerName = (l: KerasLayer) => (l.config.name ?? l.name) as string;

function unwrapTopology(topology: Record<string, unknown>): KerasLayer {
  const t = (topology.model_config ?? topology) as KerasLayer;
  if (!t || !MODEL_CLASSES.has(t.class_name)) throw new Error(`not a layers model topology (${String(t?.class_name)})`);
  return t;
}

/** Flattens `model` applied to tensor `input` (null: the outer model, whose InputLayer starts the graph). */
function inline(
  model: KerasLayer,
  input: string | null,
  out: LayerCall[],
  seen: { input?: FlatGraph['input'] },
): string {
  const cfg = model.config as unknown as ModelConfig;
  if (model.class_name === 'Sequential') {
    let current = input;
    for (const layer of cfg.layers) current = place(layer, current === null ? [] : [current], out, seen);
    if (current === null) throw new Error(`Sequential "${layerName(model)}" has no layers`);
    return current;
  }
  const rename = new Map<string, string>();
  for (const layer of cfg.layers) {
    const name = layerName(layer);
    const nodes = layer.inbound_nodes ?? [];
    if (layer.class_name === 'InputLayer') {
      if (input !== null) rename.set(name, input);
      else place(layer, [], out, seen);
      continue;
    }
    if (nodes.length !== 1) {
      throw new UnsupportedLayerError(
        name,
        layer.class_name,
        `is applied ${nodes.length} times (shared layers); the ONNX and TFLite exports write each layer once`,
      );
    }
    const inputs = nodes[0].map(([from]) => rename.get(from) ?? from);
    rename.set(name, place(layer, inputs, out, seen));
  }
  const outputs = cfg.output_layers ?? [];
  if (outputs.length !== 1)
    throw new Error(`model "${layerName(model)}" has ${outputs.length} outputs; the ONNX and TFLite exports write one`);
  return rename.get(outputs[0][0]) ?? outputs[0][0];
}

function place(layer: KerasLayer, inputs: string[], out: LayerCall[], seen: { input?: FlatGraph['input'] }): string {
  const name = layerName(layer);
  if (MODEL_CLASSES.has(layer.class_name)) {
    if (inputs.length > 1) throw new UnsupportedLayerError(name, layer.class_name, 'takes several inputs');
    return inline(layer, inputs[0] ?? null, out, seen);
  }
  const batchShape = layer.config.batch_input_shape as (number | null)[] | undefined;
  if (layer.class_name === 'InputLayer' || (inputs.length === 0 && batchShape)) {
    if (seen.input)
      throw new UnsupportedLayerError(
        name,
        layer.class_name,
        'is a second input; the ONNX and TFLite exports write models with one image input',
      );
    seen.input = { name, shape: batchShape ?? [] };
    if (layer.class_name === 'InputLayer') return name;
    // a Sequential's first layer declares the input itself
    inputs = [name + '__input'];
    seen.input.name = inputs[0];
  }
  out.push({ name, className: layer.class_name, config: layer.config, inputs });
  return name;
}

export function flattenTopology(topology: Record<string, unknown>): FlatGraph {
  const calls: LayerCall[] = [];
  const seen: { input?: FlatGraph['input'] } = {};
  const output = inline(unwrapTopology(topology), null, calls, seen);
  if (!seen.input) throw new Error('the model declares no input');
  return { input: seen.input, calls, output };
}
