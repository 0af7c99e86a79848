import type { BlockInfo } from '../core/finetune/blocks';
import { trainedBlocks } from '../core/finetune/freeze';

export interface BlockShape {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MAP_HEIGHT = 190;
const BASELINE = 150;
const GAP = 6;
export const HEAD_W = 44;

/**
 * Each block's rectangle in the diagram: height follows its spatial resolution (112×112 tall,
 * 7×7 short), width its channels (log scale: 8 narrow, 1024 wide), all on one baseline, left to
 * right from the input to the head.
 */
export function layoutBlocks(blocks: readonly BlockInfo[]): { shapes: BlockShape[]; width: number; headX: number } {
  const res = blocks.map((b) => b.outputShape[0] ?? 1);
  const maxRes = Math.max(...res, 1);
  let x = 8;
  const shapes = blocks.map((b, i) => {
    const channels = b.outputShape.at(-1) ?? 1;
    const w = 14 + 5 * Math.log2(Math.max(2, channels));
    const h = 24 + 110 * Math.sqrt(res[i] / maxRes);
    const shape = { x, y: BASELINE - h, w, h };
    x += w + GAP;
    return shape;
  });
  return { shapes, width: x + HEAD_W + 16, headX: x + 8 };
}

/** The block index under a point on the diagram: the first block whose right edge lies past it; past the last, blocks.length. */
export function blockAt(shapes: readonly BlockShape[], x: number): number {
  const i = shapes.findIndex((s) => x < s.x + s.w + GAP / 2);
  return i < 0 ? shapes.length : i;
}

export const BASE_Y = BASELINE;

/**
 * The backbone's parameters that train with this choice and those that do not, as the model card
 * counts them (export/model-card.ts paramSplit): a trained block's BatchNorm moving statistics are
 * not trained, so they count as frozen.
 */
export function backboneTotals(
  blocks: readonly BlockInfo[],
  unfreeze: number,
  frozenBlocks?: readonly string[],
): { trainable: number; frozen: number } {
  const trainable = trainedBlocks(blocks, unfreeze, frozenBlocks).reduce((n, b) => n + b.trainableParams, 0);
  return { trainable, frozen: blocks.reduce((n, b) => n + b.params, 0) - trainable };
}
