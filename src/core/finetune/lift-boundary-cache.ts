import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import { rowInto, toHalf, type Row } from '../features/float16';
import { yieldToEventLoop } from '../yield';
import { StoppedError } from '../features/extract';
import { boundaryDepth, IMAGE_BOUNDARY, type BlockInfo } from './blocks';
import { buildSuffix } from './suffix';

const ALL_FROZEN = { has: () => true };

/**
 * Moving the freeze boundary up reuses the cache: activations at a lower boundary already hold
 * everything below it, so the new boundary's rows come from running only the frozen blocks in
 * between on them — no decoding, no pass through the bottom of the backbone. Fills `target` for
 * the `ids` it lacks from the nearest lower boundary that has them; returns how many it filled.
 * Call with the backbone's pretrained weights in place (the cached tables describe those).
 */
export async function liftFromBelow(
  backbone: Backbone,
  blocks: readonly BlockInfo[],
  boundary: string,
  lowerTable: (lowerBoundary: string) => Map<string, Row> | undefined,
  ids: readonly string[],
  target: Map<string, Row>,
  half: boolean,
  shouldStop?: () => boolean,
  onProgress?: (filled: number) => void,
): Promise<number> {
  const depth = boundaryDepth(blocks, boundary);
  const below = [
    ...blocks
      .slice(0, Math.max(0, depth))
      .map((b) => b.outputLayer)
      .reverse(),
    IMAGE_BOUNDARY,
  ];
  let filled = 0;
  for (const lower of below) {
    const source = lowerTable(lower);
    const todo = source ? ids.filter((id) => !target.has(id) && source.has(id)) : [];
    if (!source || !todo.length) continue;
    const { inputSize } = backbone.spec;
    const shape =
      lower === IMAGE_BOUNDARY ? [inputSize, inputSize, 3] : blocks[boundaryDepth(blocks, lower)].outputShape;
    const size = shape.reduce((a, b) => a * b, 1);
    const bridge = buildSuffix(backbone, lower, ALL_FROZEN, boundary);
    try {
      for (let i = 0; i < todo.length; i += 16) {
        await yieldToEventLoop();
        if (shouldStop?.()) throw new StoppedError();
        const part = todo.slice(i, i + 16);
        const flat = new Float32Array(part.length * size);
        part.forEach((id, r) => rowInto(source.get(id)!, flat, r * size));
        const out = tf.tidy(() => bridge.apply(tf.tensor4d(flat, [part.length, shape[0], shape[1], shape[2]])));
        const data = (await out.data()) as Float32Array;
        out.dispose();
        const row = data.length / part.length;
        part.forEach((id, r) => {
          const values = data.subarray(r * row, (r + 1) * row);
          // made from float16 it is no exact prefix output: kept float16, it says so (evaluate-delivered.ts)
          const inexact = half || !(source.get(id) instanceof Float32Array);
          target.set(id, inexact ? toHalf(values) : values.slice());
        });
        filled += part.length;
        onProgress?.(filled);
      }
    } finally {
      bridge.dispose();
    }
  }
  return filled;
}
