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
  /**
   * other poolings of the same maps in the same pass (dumps written since session acc9):
   * extra[pool][view][depth], [ids.length × POOL_WIDTH[pool] · sizes[depth]]
   */
  extra?: Partial<Record<ExtraPool, Float32Array[][]>>;
}

/**
 * Poolings besides the global average: the global max, generalised mean (p = 3) and the 2×2 grid
 * of average-pooled quadrants (top-left, top-right, bottom-left, bottom-right, each `C` wide; on
 * an odd map the middle row and column belong to both halves, so a mirror swaps left and right).
 */
export const EXTRA_POOLS = ['max', 'gem', 'grid'] as const;
export type ExtraPool = (typeof EXTRA_POOLS)[number];
export const POOL_WIDTH: Record<ExtraPool, number> = { max: 1, gem: 1, grid: 4 };

/** The extra poolings of one [B, H, W, C] map, in EXTRA_POOLS order. */
export function extraPools(m: tf.Tensor4D): tf.Tensor2D[] {
  const [, h, w] = m.shape;
  const gem = m
    .relu()
    .pow(3)
    .mean([1, 2])
    .pow(1 / 3) as tf.Tensor2D;
  const half = (n: number) => [Math.ceil(n / 2), n - Math.ceil(n / 2)];
  const [h0, h1] = half(h);
  const [w0, w1] = half(w);
  const quad = (y: number, x: number) =>
    m.slice([0, y ? h1 : 0, x ? w1 : 0, 0], [-1, y ? h - h1 : h0, x ? w - w1 : w0, -1]).mean([1, 2]);
  const grid = tf.concat([quad(0, 0), quad(0, 1), quad(1, 0), quad(1, 1)], 1) as tf.Tensor2D;
  return [m.max([1, 2]) as tf.Tensor2D, gem, grid];
}

/**
 * `size`: the input resolution when it is not the backbone's own (the FixRes trial); `upsample`:
 * the backbone's own-size input resized up to `size` (what an in-graph resize would feed)
 */
export const dumpDir = (root: string, backbone: string, dataset: string, size?: number, upsample = false) =>
  join(root, backbone, size ? `${dataset}@${size}${upsample ? 'u' : ''}` : dataset);
const file = (dir: string, view: number, depth: Depth, pool?: ExtraPool) =>
  join(dir, `view${view}.${depth}${pool ? `.${pool}` : ''}.f32`);

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
  const read = async (v: number, d: Depth, pool?: ExtraPool) => {
    const b = await readFile(file(dir, v, d, pool));
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const views = Array.from({ length: VIEWS }, (_, v) => v);
  const rows = await Promise.all(views.map((v) => Promise.all(DEPTHS.map((d) => read(v, d)))));
  const extra: Dump['extra'] = {};
  for (const pool of EXTRA_POOLS)
    if (existsSync(file(dir, 0, 'final', pool)))
      extra[pool] = await Promise.all(views.map((v) => Promise.all(DEPTHS.map((d) => read(v, d, pool)))));
  return { ...meta, rows, extra };
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
  const extra = EXTRA_POOLS.map((p) =>
    Array.from({ length: VIEWS }, () => DEPTHS.map((d) => new Float32Array(n * POOL_WIDTH[p] * sizes[d]))),
  );
  // per depth: the average, then the extra poolings
  const per = 1 + EXTRA_POOLS.length;
  await forEachView(
    spec,
    model,
    data.files,
    (maps) => maps.flatMap((m) => [m.mean([1, 2]), ...extraPools(m)]),
    (i, v, values) =>
      DEPTHS.forEach((d, k) => {
        rows[v][k].set(values[k * per], i * sizes[d]);
        EXTRA_POOLS.forEach((p, e) => extra[e][v][k].set(values[k * per + 1 + e], i * POOL_WIDTH[p] * sizes[d]));
      }),
    log,
    t.upsample ? getBackboneSpec(backboneId).inputSize : undefined,
  );
  const dir = dumpDir(root, backboneId, dataset, t.size, t.upsample);
  await mkdir(dir, { recursive: true });
  for (let v = 0; v < VIEWS; v++)
    for (const [k, d] of DEPTHS.entries()) {
      await writeFile(file(dir, v, d), rows[v][k]);
      for (const [e, p] of EXTRA_POOLS.entries()) await writeFile(file(dir, v, d, p), extra[e][v][k]);
    }
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
