import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import type { FeatureCache } from '../features/cache';
import { backboneBlocks, boundaryDepth } from './blocks';
import type { Suffix } from './suffix';

/**
 * Fine-tuned weights live in the backbone's own layers, so predictions, the studio's try-it
 * panel and the exported standalone model all see them with no special case. Two rules keep
 * that safe:
 *
 * 1. The pretrained values of every layer a run changes are kept (once, on first change) and
 *    put back at the start of every training run, so each run starts from ImageNet weights, not
 *    from the previous run's result.
 * 2. Whenever the backbone's weights change (installing trained weights, or restoring the
 *    originals), cached activations that depend on a changed layer are dropped: those at a
 *    boundary above the lowest changed block, and the pooled features. Boundaries at or below
 *    it stay valid, so repeated fine-tuning runs at one boundary reuse their cache.
 */
interface State {
  /** layer name → its pretrained weight values */
  originals: Layers;
  /** depth (blocks.ts boundaryDepth) of the boundary above which the weights now differ, or null */
  changedAbove: number | null;
  /** the kept copy the backbone holds now (keptTuned), or null: pretrained or not copied */
  holding: TunedWeights | null;
}

/**
 * A fine-tuned model's own copy of its backbone weights. A next run puts the pretrained weights
 * back before it extracts, and one that keeps no model (stopped, failed) leaves them there: the
 * model kept before must then get its weights back, or its head runs on features it never saw.
 */
export interface TunedWeights {
  depth: number;
  layers: Layers;
}

const states = new WeakMap<Backbone, State>();

function state(backbone: Backbone): State {
  let s = states.get(backbone);
  if (!s) {
    s = { originals: new Map(), changedAbove: null, holding: null };
    states.set(backbone, s);
  }
  return s;
}

function dropStale(backbone: Backbone, cache: FeatureCache | undefined, depth: number): void {
  if (!cache) return;
  const blocks = backboneBlocks(backbone);
  cache.dropWhere(backbone.spec.id, (boundary) => boundaryDepth(blocks, boundary) > depth);
}

type Layers = Map<string, tf.Tensor[]>;

/**
 * The named layers' weights as they are now. clone() shares each variable's data (no copy): a later
 * write() or optimizer step gives the variable new data, so the copy keeps these values.
 */
const copyLayers = (model: tf.LayersModel, names: Iterable<string>): Layers =>
  new Map([...names].map((name) => [name, model.getLayer(name).weights.map((w) => w.read().clone())]));

/** Writes kept values into the named layers (write() shares the kept tensors' data; they stay usable). */
function writeLayers(model: tf.LayersModel, layers: Layers): void {
  for (const [name, values] of layers) model.getLayer(name).weights.forEach((w, i) => w.write(values[i]));
}

/** Whether the backbone currently holds fine-tuned weights, and from which boundary up. */
export function fineTunedAbove(backbone: Backbone): number | null {
  return states.get(backbone)?.changedAbove ?? null;
}

/** Puts the pretrained weights back (no-op when nothing changed). Returns true when it changed anything. */
export function restorePretrained(backbone: Backbone, cache?: FeatureCache): boolean {
  const s = states.get(backbone);
  if (!s || s.changedAbove === null || !backbone.featureModel) return false;
  // the kept originals stay for the next restore
  writeLayers(backbone.featureModel, s.originals);
  dropStale(backbone, cache, s.changedAbove);
  s.changedAbove = null;
  s.holding = null;
  return true;
}

/** A copy of the fine-tuned weights the backbone holds now (null: it holds the pretrained ones). */
export function keepTuned(backbone: Backbone): TunedWeights | null {
  const s = states.get(backbone);
  const model = backbone.featureModel;
  if (!s || s.changedAbove === null || !model) return null;
  s.holding = { depth: s.changedAbove, layers: copyLayers(model, s.originals.keys()) };
  return s.holding;
}

export function holdsTuned(backbone: Backbone, tuned: TunedWeights): boolean {
  return states.get(backbone)?.holding === tuned;
}

/** Puts a kept copy back into the backbone (between runs: cached rows above it are dropped). */
export function putTuned(backbone: Backbone, tuned: TunedWeights, cache?: FeatureCache): void {
  const model = backbone.featureModel;
  if (!model || holdsTuned(backbone, tuned)) return;
  restorePretrained(backbone, cache);
  // a backbone loaded again (a backend fell over) has no originals kept yet
  const s = state(backbone);
  keepOriginals(s, model, tuned.layers.keys());
  writeLayers(model, tuned.layers);
  s.changedAbove = tuned.depth;
  s.holding = tuned;
  dropStale(backbone, cache, tuned.depth);
}

/**
 * A synchronous forward on a kept copy (null: the pretrained weights) while the backbone holds
 * other weights (a run's), which are put back before it returns: the ops it dispatched hold their
 * weights, so a run's next batch sees its own, and no cached row is touched.
 */
export function onTuned<T>(backbone: Backbone, tuned: TunedWeights | null, forward: () => T): T {
  // a model kept on the pretrained backbone, asked while a run's final evaluation holds its weights there
  if (!tuned) return onPretrained(backbone, forward);
  const model = backbone.featureModel;
  if (!model || holdsTuned(backbone, tuned)) return forward();
  // a later run may have tuned blocks below this copy's: those answer with their pretrained values
  const s = states.get(backbone);
  const layers = new Map(s && s.changedAbove !== null ? s.originals : []);
  for (const [name, values] of tuned.layers) layers.set(name, values);
  return forwardWith(model, layers, forward);
}

/** `forward`, run synchronously with `layers` written in, and what was there put back before it returns */
function forwardWith<T>(model: tf.LayersModel, layers: Layers, forward: () => T): T {
  const held = copyLayers(model, layers.keys());
  try {
    writeLayers(model, layers);
    return forward();
  } finally {
    writeLayers(model, held);
    for (const values of held.values()) tf.dispose(values);
  }
}

/**
 * The mirror of onTuned: a synchronous forward on the pretrained weights while the backbone holds
 * fine-tuned ones (a model trained here keeps them there). A head-only import was trained on the
 * stock backbone's features; on tuned blocks its answers were silently wrong. The weights held
 * are put back before it returns, and no cached row is touched.
 */
export function onPretrained<T>(backbone: Backbone, forward: () => T): T {
  const s = states.get(backbone);
  const model = backbone.featureModel;
  if (!s || s.changedAbove === null || !model) return forward();
  return forwardWith(model, s.originals, forward);
}

/** Frees a kept copy (its model was replaced). */
export function dropTuned(backbone: Backbone | null, tuned: TunedWeights): void {
  const s = backbone && states.get(backbone);
  if (s?.holding === tuned) s.holding = null;
  for (const values of tuned.layers.values()) tf.dispose(values);
}

/**
 * Runs `work` on the pretrained backbone and puts the fine-tuned weights back afterwards, so a
 * trained model survives (the LR finder sweeps the head on pretrained features). Rows cached
 * meanwhile above the changed boundary are pretrained ones: they are dropped again at the end.
 */
export async function withPretrained<T>(
  backbone: Backbone,
  cache: FeatureCache | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const s = states.get(backbone);
  const model = backbone.featureModel;
  if (!s || s.changedAbove === null || !model) return work();
  const depth = s.changedAbove;
  const holding = s.holding;
  const tuned = copyLayers(model, s.originals.keys());
  restorePretrained(backbone, cache);
  try {
    return await work();
  } finally {
    writeLayers(model, tuned);
    // the variables now hold the data; the clones' own references go
    for (const values of tuned.values()) tf.dispose(values);
    s.changedAbove = depth;
    s.holding = holding;
    dropStale(backbone, cache, depth);
  }
}

/** Installs a trained suffix into the backbone, keeping the pretrained values first. */
export function installFineTuned(backbone: Backbone, suffix: Suffix, cache?: FeatureCache): void {
  const model = backbone.featureModel;
  if (!model) return;
  const s = state(backbone);
  keepOriginals(s, model, suffix.layerNames);
  suffix.writeBack();
  s.holding = null;
  const depth = boundaryDepth(backboneBlocks(backbone), suffix.boundary);
  s.changedAbove = s.changedAbove === null ? depth : Math.min(s.changedAbove, depth);
  dropStale(backbone, cache, depth);
}

/** The pretrained values of layers about to change, kept once (the first change's). */
function keepOriginals(s: State, model: tf.LayersModel, names: Iterable<string>): void {
  const fresh = [...names].filter((name) => !s.originals.has(name));
  for (const [name, values] of copyLayers(model, fresh)) s.originals.set(name, values);
}

/** Frees the kept pretrained values (call before disposing the backbone). */
export function releasePretrained(backbone: Backbone): void {
  const s = states.get(backbone);
  if (!s) return;
  for (const values of s.originals.values()) tf.dispose(values);
  states.delete(backbone);
}
