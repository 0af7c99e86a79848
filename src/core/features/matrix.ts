import * as tf from '@tensorflow/tfjs';
import { frameOrderOfImage, holdOfImage, type LabelledImage } from '../data/train-val';
import type { ImageRows } from '../train/rows';
import { rowInto, type Row } from './float16';
import { viewRows } from './views';

/** The cached rows of `images` as an [n, featureSize] matrix, with their labels. */
export function featureMatrix(
  table: Map<string, Row>,
  images: LabelledImage[],
  featureSize: number,
): { x: tf.Tensor2D; labels: Int32Array } {
  const { x, labels } = viewMatrix([table], images, featureSize);
  return { x, labels };
}

/** The cached rows of `images` as flat arrays: tables[0] the plain image, then augmented views. */
export function imageRows(tables: Map<string, Row>[], images: LabelledImage[], featureSize: number): ImageRows {
  const flat = (t: Map<string, Row>) => {
    const out = new Float32Array(images.length * featureSize);
    images.forEach((img, i) => rowInto(t.get(img.id)!, out, i * featureSize));
    return out;
  };
  const rows: ImageRows = {
    plain: flat(tables[0]),
    views: tables.slice(1).map(flat),
    labels: Int32Array.from(images, (i) => i.label),
    featureSize,
  };
  const groups = images.map(holdOfImage);
  if (groups.some((g) => g !== undefined)) {
    rows.groups = groups;
    rows.order = images.map(frameOrderOfImage);
  }
  return rows;
}

/**
 * Every view's row of `images` (tables[0] the plain image, then augmented views) stacked into one
 * matrix; views[i] lists the rows of image i, as TrainData.views wants them.
 */
export function viewMatrix(tables: Map<string, Row>[], images: LabelledImage[], featureSize: number) {
  const perImage = viewRows(
    tables,
    images.map((i) => i.id),
  );
  const flat = new Float32Array(perImage.reduce((n, r) => n + r.length, 0) * featureSize);
  let next = 0;
  const views = perImage.map((rows) => rows.map((r) => (rowInto(r, flat, next * featureSize), next++)));
  return { x: tf.tensor2d(flat, [next, featureSize]), labels: Int32Array.from(images, (img) => img.label), views };
}
