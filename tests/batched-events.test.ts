import { describe, expect, it } from 'vitest';
import { batchedEvents } from '../src/worker/batched-events';
import type { StudioEvent } from '../src/worker/protocol';

describe("a run's per-batch events cross to the page gathered", () => {
  it('sends the losses in order as batches events, always before the next other event, and flushes the rest at the end', () => {
    const sent: StudioEvent[] = [];
    const b = batchedEvents((e) => sent.push(e));
    const batch = (loss: number): StudioEvent => ({ type: 'batch', epoch: 1, batch: loss, batches: 5, loss });
    for (const loss of [1, 2, 3]) b.onEvent(batch(loss));
    const metrics = { epoch: 1, loss: 2, accuracy: 0.5, valLoss: 2, valAccuracy: 0.5, seconds: 0.1 };
    b.onEvent({ type: 'epoch', metrics });
    for (const loss of [4, 5]) b.onEvent(batch(loss));
    b.flush();
    b.flush();
    expect(sent.some((e) => e.type === 'batch')).toBe(false);
    const at = sent.findIndex((e) => e.type === 'epoch');
    const losses = (from: number, to: number) =>
      sent.slice(from, to).flatMap((e) => (e.type === 'batches' ? e.losses : []));
    expect(losses(0, at)).toEqual([1, 2, 3]);
    expect(losses(at + 1, sent.length)).toEqual([4, 5]);
    expect(sent.filter((e) => e.type === 'batches').every((e) => e.type === 'batches' && e.losses.length > 0)).toBe(
      true,
    );
  });
});
