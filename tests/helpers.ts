import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backbone } from '../src/core/backbones/backbone';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { inspectLayersModel } from '../src/core/backbones/custom';
import { readArtifacts } from '../src/core/backbones/model-files';
import { loadBackbone, type Candidate } from '../src/core/backbones/load';
import { getBackboneSpec, type BackboneSpec } from '../src/core/backbones/registry';
import type { RgbImage } from '../src/core/data/crop';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Shared data lives next to the repository (../shared); env vars override, relative to the repo root. */
export const MODELS_DIR = resolve(REPO_ROOT, process.env.STUDIO_MODELS_DIR ?? '../shared/models');
export const DATASETS_DIR = resolve(REPO_ROOT, process.env.STUDIO_DATASETS_DIR ?? '../shared/datasets');
export const SIGN_DIGITS = join(DATASETS_DIR, 'sign-language-digits');

/** Picks the tfjs backend once per test file (each file runs in its own process). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tfjs backend ${name} did not start`);
}

export function localCandidate(spec: BackboneSpec): Candidate {
  return { source: 'local', files: dirModelFiles(join(MODELS_DIR, dirname(spec.localPath))) };
}

/** A registry backbone loaded from the local models folder (../shared/models). */
export async function loadLocalBackbone(id: string): Promise<Backbone> {
  const spec = getBackboneSpec(id);
  return (await loadBackbone(spec, [localCandidate(spec)])).backbone;
}

/** A models folder's backbone read as someone bringing its files would: its artifacts and what inspection finds. */
export async function inspectModelDir(dir: string) {
  const artifacts = await readArtifacts(dirModelFiles(join(MODELS_DIR, dir)));
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  try {
    return { artifacts, found: inspectLayersModel(model, artifacts.weightData!) };
  } finally {
    model.dispose();
  }
}

/** A solid-colour RGB image. */
export function solidImage(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height, channels: 3 };
}

/** A red and a green class of `n` solid images, each a little different in size and colour. */
export function redGreenImages(n = 12) {
  const colours: [number, number, number][] = [
    [200, 30, 30],
    [30, 200, 30],
  ];
  return {
    classes: ['red', 'green'],
    images: Array.from({ length: n }, (_, i) => ({ id: `img${i}`, label: i % 2 })),
    decode: async (id: string) => {
      const i = Number(id.slice(3));
      const [r, g, b] = colours[i % 2];
      return solidImage(40 + i, 36, [r + i, g, b]);
    },
  };
}

/** Seeded standard normal numbers (Box-Muller over the engine's own PRNG). */
export function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export const FAKE_SPEC: BackboneSpec = {
  id: 'fake',
  name: 'Fake backbone',
  format: 'layers',
  localPath: 'fake/model.json',
  hostedUrl: 'http://127.0.0.1:9/none/model.json',
  inputSize: 8,
  pixelRange: { min: 0, max: 1 },
  featureLayer: 'none',
  featureSize: 3,
  sizeBytes: 0,
  trainable: false,
  description: 'test double',
};

/**
 * A tiny stand-in backbone: the feature vector is the per-channel mean of the input, so it is
 * cheap and its values are predictable. `calls.images` counts images that went through it.
 */
export function fakeBackbone(): Backbone & { calls: { batches: number; images: number } } {
  const calls = { batches: 0, images: 0 };
  return {
    spec: FAKE_SPEC,
    featureModel: null,
    paramCount: 0,
    calls,
    extract(batch) {
      calls.batches++;
      calls.images += batch.shape[0];
      return tf.tidy(() => batch.mean([1, 2]) as tf.Tensor2D);
    },
    dispose() {},
  };
}
