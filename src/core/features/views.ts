import type { Backbone } from '../backbones/backbone';
import { augmentedInput, viewTransform } from '../data/augment';
import { extractFeatures, extractInto, type Decoder, type ExtractOptions, type ExtractTarget } from './extract';
import type { CropMode, RgbImage } from '../data/crop';
import type { Row } from './float16';

export interface ViewOptions extends Omit<ExtractOptions, 'toInput' | 'onProgress'> {
  /** progress within view k (1-based); only when `before` is given (the views then run one by one) */
  onProgress?: (k: number, done: number) => void;
  /** backbone passes settled so far over all the views (views × ids in all) */
  onPasses?: (passes: number) => void;
  /** runs before view k is extracted (fine-tuning lifts rows from a lower boundary there) */
  before?: (k: number) => Promise<void>;
  /**
   * the images a view of which could not be read, once at the end; their plain row may be cached all
   * the same (made by the decode worker, or by an earlier run), so a run must leave them out of training itself
   */
  onFailed?: (failed: { id: string; reason: string }[]) => void;
}

/** extractInto's targets for augmented views `from`..`to` (one: `from` alone), each into its own table */
export function viewTargets(
  backbone: Backbone,
  tableOf: (k: number) => Map<string, Row>,
  from: number,
  cropMode: CropMode,
  to = from,
): ExtractTarget[] {
  const { inputSize, pixelRange } = backbone.spec;
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    table: tableOf(from + i),
    toInput: (img: RgbImage, id: string) =>
      augmentedInput(img, inputSize, cropMode, pixelRange, viewTransform(id, from + i)),
  }));
}

/**
 * Augmented views 1..views of `ids` (training images only: validation is never augmented), each
 * into its own cache table, so the views of an image are computed once and reused by every run.
 * Returns how many backbone passes it made.
 */
export async function extractViews(
  backbone: Backbone,
  ids: readonly string[],
  decode: Decoder,
  tableOf: (k: number) => Map<string, Row>,
  views: number,
  options: ViewOptions,
): Promise<number> {
  const { before, onProgress, onPasses, onFailed, ...rest } = options;
  const toInput = (k: number) => viewTargets(backbone, tableOf, k, rest.cropMode)[0].toInput;
  if (!before) {
    // every view of an image from one decode (decoding was a sixth of extraction's time on wasm)
    const targets = viewTargets(backbone, tableOf, 1, rest.cropMode, views);
    const r = await extractInto(backbone, ids, decode, targets, { ...rest, onProgress: (done) => onPasses?.(done) });
    onFailed?.(r.failed);
    return r.computed;
  }
  let computed = 0;
  const failed = new Map<string, { id: string; reason: string }>();
  for (let k = 1; k <= views; k++) {
    await before?.(k);
    const r = await extractFeatures(backbone, ids, decode, tableOf(k), {
      ...rest,
      toInput: toInput(k),
      onProgress: (done) => {
        onProgress?.(k, done);
        onPasses?.((k - 1) * ids.length + done);
      },
    });
    computed += r.computed;
    for (const f of r.failed) if (!failed.has(f.id)) failed.set(f.id, f);
  }
  onFailed?.([...failed.values()]);
  return computed;
}

/** Every cached row of each image across `tables` (views), image by image. */
export function viewRows(tables: Map<string, Row>[], ids: readonly string[]): Row[][] {
  return ids.map((id) => tables.flatMap((t) => (t.has(id) ? [t.get(id)!] : [])));
}
