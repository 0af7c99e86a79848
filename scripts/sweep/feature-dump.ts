// Extracts, once per (backbone, dataset), the pooled features every sweep recipe needs and keeps
// them on disk (.sweep-cache/, ignored), so recipe sweeps only train heads. Per image: the plain
// view, view 1 (mirror) and view 2 (90% crop), each pooled at the feature layer and at two earlier
// depths (for the "two depths concatenated" trial). The plain rows are the studio's own features
// (same decoder, crop and pooling as trainPipeline); views come from the same augmentedInput.
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { findLayerOwner } from '../../src/core/backbones/backbone';
import { loadBackbone } from '../../src/core/backbones/load';
import { dirModelFiles } from '../../src/core/backbones/node-files';
import { getBackboneSpec } from '../../src/core/backbones/registry';
import { augmentedInput, viewTransform } from '../../src/core/data/augment';
import { readDatasetDir } from '../../src/core/data/dataset-dir';
import { decodeImageFile } from '../../src/core/data/decode-node';

/** Earlier layers pooled besides the feature layer: the end of the 14×14 stage and the widest 7×7 map. */
export const MID_LAYERS: Record<string, [string, string]> = {
  'mobilenet-v1-0.25': ['conv_pw_11_relu', 'conv_pw_12_relu'],
  'mobilenet-v2-0.35': ['block_13_expand_relu', 'block_16_expand_relu'],
};
export const DEPTHS = ['final', 'mid1', 'mid2'] as const;
export type Depth = (typeof DEPTHS)[number];
export const VIEWS = 3;

export interface DumpMeta {
  dataset: string;
  backbone: string;
  classes: string[];
  ids: string[];
  labels: number[];
  sizes: Record<Depth, number>;
}

export interface Dump extends DumpMeta {
  /** rows[view][depth]: [ids.length × sizes[depth]] */
  rows: Float32Array[][];
}

/**
 * `size`: the input resolution when it is not the backbone's own (the FixRes trial); `upsample`:
 * the backbone's own-size input resized up to `size` (what an in-graph resize would feed)
 */
export const dumpDir = (root: string, backbone: string, dataset: string, size?: number, upsample = false) =>
  join(root, backbone, size ? `${dataset}@${size}${upsample ? 'u' : ''}` : dataset);
const file = (dir: string, view: number, depth: Depth) => join(dir, `view${view}.${depth}.f32`);

export async function readDump(
  root: string,
  backbone: string,
  dataset: string,
  size?: number,
  upsample = false,
): Promise<Dump | null> {
  const dir = dumpDir(root, backbone, dataset, size, upsample);
  if (!existsSync(join(dir, 'meta.json'))) return null;
  const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as DumpMeta;
  const rows: Float32Array[][] = [];
  for (let v = 0; v < VIEWS; v++) {
    rows.push(
      await Promise.all(
        DEPTHS.map(async (d) => {
          const b = await readFile(file(dir, v, d));
          return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
        }),
      ),
    );
  }
  return { ...meta, rows };
}

/** Where a dump goes and what it is of. */
export interface DumpTarget {
  root: string;
  datasetsDir: string;
  modelsDir: string;
  backboneId: string;
  dataset: string;
  log: (s: string) => void;
  /** input resolution other than the backbone's declared one (loadCase) */
  size?: number;
  /** build the input at the backbone's declared size, then resize it (bilinear) up to `size` */
  upsample?: boolean;
}

/**
 * The backbone and the dataset's files, decoded batch by batch: what every dump reads. With `size`
 * the same weights take size×size images: both backbones are convolutional up to a global average
 * pool, so only the declared input shape ([null, 224, 224, 3] in model.json) is changed, in memory.
 */
export async function loadCase(
  modelsDir: string,
  datasetsDir: string,
  backboneId: string,
  dataset: string,
  size?: number,
) {
  const declared = getBackboneSpec(backboneId);
  const spec = size ? { ...declared, inputSize: size } : declared;
  const files = dirModelFiles(join(modelsDir, dirname(spec.localPath)));
  const read = files.readModelJson;
  if (size)
    files.readModelJson = async () =>
      (await read()).replace(
        new RegExp(`\\[null,\\s*${declared.inputSize},\\s*${declared.inputSize},\\s*3\\]`, 'g'),
        `[null, ${size}, ${size}, 3]`,
      );
  const { backbone } = await loadBackbone(spec, [{ source: 'local', files }]);
  const data = await readDatasetDir(join(datasetsDir, dataset));
  return { spec, backbone, data };
}

/**
 * Runs `model` on every image's VIEWS views (the studio's own decoder, crop and augmentedInput),
 * batch by batch, and hands each view's outputs (after `post`) to `onBatch` with the batch's first image.
 */
export async function forEachView(
  spec: ReturnType<typeof getBackboneSpec>,
  model: tf.LayersModel,
  files: readonly { path: string }[],
  post: (maps: tf.Tensor4D[]) => tf.Tensor[],
  onBatch: (first: number, view: number, values: Float32Array[]) => void,
  log: (s: string) => void,
  /** build each input at this size and resize it (bilinear, half-pixel centres) to spec.inputSize */
  buildAt?: number,
) {
  const batch = 8;
  for (let i = 0; i < files.length; i += batch) {
    const part = files.slice(i, i + batch);
    const images = await Promise.all(part.map((f) => decodeImageFile(f.path)));
    for (let v = 0; v < VIEWS; v++) {
      const outs = tf.tidy(() => {
        const built = tf.stack(
          images.map((img, j) =>
            augmentedInput(img, buildAt ?? spec.inputSize, 'center', spec.pixelRange, viewTransform(part[j].path, v)),
          ),
        ) as tf.Tensor4D;
        const x = buildAt ? tf.image.resizeBilinear(built, [spec.inputSize, spec.inputSize], false, true) : built;
        return post([model.predict(x)].flat() as tf.Tensor4D[]);
      });
      const values = (await Promise.all(outs.map((o) => o.data()))) as Float32Array[];
      tf.dispose(outs);
      onBatch(i, v, values);
    }
    log(`\r${spec.id} ${Math.min(i + batch, files.length)}/${files.length}`);
  }
  log('\n');
}

export async function writeDump(t: DumpTarget) {
  const { root, backboneId, dataset, log } = t;
  const { spec, backbone, data } = await loadCase(t.modelsDir, t.datasetsDir, backboneId, dataset, t.size);
  const owner = findLayerOwner(backbone.featureModel!, spec.featureLayer)!;
  const layers = [spec.featureLayer, ...MID_LAYERS[backboneId]];
  const model = tf.model({
    inputs: owner.inputs,
    outputs: layers.map((l) => owner.getLayer(l).output as tf.SymbolicTensor),
  });
  const n = data.files.length;
  const sizes = Object.fromEntries(DEPTHS.map((d, i) => [d, (model.outputs[i].shape as number[])[3]])) as Record<
    Depth,
    number
  >;
  const rows = Array.from({ length: VIEWS }, () => DEPTHS.map((d) => new Float32Array(n * sizes[d])));
  await forEachView(
    spec,
    model,
    data.files,
    (maps) => maps.map((m) => m.mean([1, 2])),
    (i, v, values) => DEPTHS.forEach((d, k) => rows[v][k].set(values[k], i * sizes[d])),
    log,
    t.upsample ? getBackboneSpec(backboneId).inputSize : undefined,
  );
  const dir = dumpDir(root, backboneId, dataset, t.size, t.upsample);
  await mkdir(dir, { recursive: true });
  for (let v = 0; v < VIEWS; v++) for (const [k, d] of DEPTHS.entries()) await writeFile(file(dir, v, d), rows[v][k]);
  const meta: DumpMeta = {
    dataset,
    backbone: backboneId,
    classes: data.classes,
    ids: data.files.map((f) => f.path),
    labels: data.files.map((f) => f.label),
    sizes,
  };
  await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
  backbone.dispose();
}
