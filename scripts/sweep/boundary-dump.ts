// The fine-tuning rows' cache: per image and view (plain, mirror, 90% crop, the same views as
// feature-dump.ts), the activation at the freeze boundary for the top 1 and the top 2 blocks
// unfrozen, so a sweep cell trains only those blocks and the head (as the studio's boundary
// cache does). Kept in .sweep-cache/<backbone>/<dataset>/ beside the pooled features.
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backbone } from '../../src/core/backbones/backbone';
import { backboneBlocks, boundaryForUnfreeze } from '../../src/core/finetune/blocks';
import { dumpDir, forEachView, loadCase, VIEWS, type DumpTarget } from './feature-dump';

/** The unfreeze depths the cache holds. */
export const UNFREEZE = [1, 2] as const;

export interface BoundaryRows {
  /** image paths, in the feature dump's order */
  ids: string[];
  /** the layer whose output is cached (boundaryForUnfreeze) */
  boundary: string;
  /** activation shape without the batch axis */
  shape: number[];
  /** rows[view]: [images × shape] in the dump's image order */
  rows: Float32Array[];
}

interface BoundaryMeta {
  ids: string[];
  boundaries: string[];
  shapes: number[][];
}

const file = (dir: string, k: number, v: number) => join(dir, `boundary${k}.view${v}.f32`);

export async function readBoundary(
  root: string,
  backbone: string,
  dataset: string,
  unfreeze: number,
): Promise<BoundaryRows | null> {
  const dir = dumpDir(root, backbone, dataset);
  if (!existsSync(join(dir, 'boundary.json'))) return null;
  const meta = JSON.parse(await readFile(join(dir, 'boundary.json'), 'utf8')) as BoundaryMeta;
  const k = UNFREEZE.indexOf(unfreeze as (typeof UNFREEZE)[number]);
  if (k < 0) throw new Error(`the sweep caches boundaries for unfreeze ${UNFREEZE.join(', ')} only`);
  const rows: Float32Array[] = [];
  for (let v = 0; v < VIEWS; v++) {
    const b = await readFile(file(dir, k, v));
    rows.push(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4));
  }
  return { ids: meta.ids, boundary: meta.boundaries[k], shape: meta.shapes[k], rows };
}

/** Extracts every boundary of UNFREEZE in one pass per image and view. */
export async function writeBoundaries(t: DumpTarget): Promise<void> {
  const { root, backboneId, dataset, log } = t;
  const { spec, backbone, data } = await loadCase(t.modelsDir, t.datasetsDir, backboneId, dataset);
  const model = backbone.featureModel!;
  const blocks = backboneBlocks(backbone as Backbone);
  const boundaries = UNFREEZE.map((u) => boundaryForUnfreeze(blocks, u));
  const outputs = boundaries.map((b) => model.getLayer(b).output as tf.SymbolicTensor);
  const prefix = tf.model({ inputs: model.inputs, outputs });
  const shapes = outputs.map((o) => (o.shape as number[]).slice(1));
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const n = data.files.length;
  const rows = sizes.map((size) => Array.from({ length: VIEWS }, () => new Float32Array(n * size)));
  await forEachView(
    spec,
    prefix,
    data.files,
    (maps) => maps,
    (i, v, values) => values.forEach((x, k) => rows[k][v].set(x, i * sizes[k])),
    log,
  );
  const dir = dumpDir(root, backboneId, dataset);
  for (const [k, byView] of rows.entries()) for (const [v, r] of byView.entries()) await writeFile(file(dir, k, v), r);
  const meta: BoundaryMeta = { ids: data.files.map((f) => f.path), boundaries, shapes };
  await writeFile(join(dir, 'boundary.json'), JSON.stringify(meta));
  backbone.dispose();
}
