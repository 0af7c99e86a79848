import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import { rowInto, toHalf, type Row } from '../features/float16';
import { yieldToEventLoop } from '../yield';
import { StoppedError } from '../features/extract';
import { boundaryDepth, IMAGE_BOUNDARY, type BlockInfo } from './blocks';
import { buildSuffix, joinSource, poolJoined, sideShape } from './suffix';

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
  // the suffix's side input (the pooled earlier map, suffix.ts) rides after the activation in its
  // rows: passed on from rows that carry it, computed on the way up from rows below that map
  const side = sideShape(backbone, boundary);
  const sideSize = side ? side.reduce((a, b) => a * b, 1) : 0;
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
    // how this table's rows give the side input: carried in them (sideIn), or made from their activation
    const sideIn = side && sideShape(backbone, lower) ? sideSize : 0;
    const mid = joinSource(backbone);
    const toMid = side && !sideIn && mid !== lower ? buildSuffix(backbone, lower, ALL_FROZEN, mid!) : null;
    const sideOf = (x: tf.Tensor4D) => poolJoined(backbone, toMid ? toMid.apply(x) : x);
    try {
      for (let i = 0; i < todo.length; i += 16) {
        await yieldToEventLoop();
        if (shouldStop?.()) throw new StoppedError();
        const part = todo.slice(i, i + 16);
        const stride = size + sideIn;
        const whole = new Float32Array(part.length * stride);
        part.forEach((id, r) => rowInto(source.get(id)!, whole, r * stride));
        const flat = new Float32Array(part.length * size);
        part.forEach((_, r) => flat.set(whole.subarray(r * stride, r * stride + size), r * size));
        const [out, made] = tf.tidy(() => {
          const x = tf.tensor4d(flat, [part.length, shape[0], shape[1], shape[2]]);
          return [bridge.apply(x), side && !sideIn ? sideOf(x) : tf.zeros([0])];
        });
        const [data, madeSide] = (await Promise.all([out.data(), made.data()])) as Float32Array[];
        tf.dispose([out, made]);
        const row = data.length / part.length;
        part.forEach((id, r) => {
          const lifted = data.subarray(r * row, (r + 1) * row);
          const carried = sideIn
            ? whole.subarray(r * stride + size, (r + 1) * stride)
            : madeSide.subarray(r * sideSize, (r + 1) * sideSize);
          const values = sideSize ? new Float32Array(row + sideSize) : lifted;
          if (sideSize) {
            values.set(lifted);
            values.set(carried, row);
          }
          // made from float16 it is no exact prefix output: kept float16, it says so (evaluate-delivered.ts)
          const inexact = half || !(source.get(id) instanceof Float32Array);
          target.set(id, inexact ? toHalf(values) : values.slice());
        });
        filled += part.length;
        onProgress?.(filled);
      }
    } finally {
      bridge.dispose();
      toMid?.dispose();
    }
  }
  return filled;
}
