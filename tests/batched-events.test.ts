import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchedEvents } from '../src/worker/batched-events';
import type { StudioEvent } from '../src/worker/protocol';

const batch = (loss: number): StudioEvent => ({ type: 'batch', epoch: 1, batch: loss, batches: 5, loss });
const extract = (done: number): StudioEvent => ({ type: 'extract', done, total: 100 });
const epoch = (n: number): StudioEvent => ({
  type: 'epoch',
  metrics: { epoch: n, loss: 2, accuracy: 0.5, valLoss: 2, valAccuracy: 0.5, seconds: 0.1 },
});

/** The events the page receives, unpacked from the gathered messages, and how many messages that took. */
function page() {
  const messages: StudioEvent[] = [];
  const unpack = (e: StudioEvent): StudioEvent[] => (e.type === 'gathered' ? e.events.flatMap(unpack) : [e]);
  return { messages, send: (e: StudioEvent) => messages.push(e), events: () => messages.flatMap(unpack) };
}

describe("a run's events cross to the page gathered", () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('keeps the order, gathers losses into batches events and sends at most one message per interval', () => {
    const p = page();
    const b = batchedEvents(p.send, 200);
    for (const loss of [1, 2, 3]) b.onEvent(batch(loss));
    b.onEvent(epoch(1));
    for (const loss of [4, 5]) b.onEvent(batch(loss));
    // the first event goes at once, the rest wait for the interval
    expect(p.messages).toHaveLength(1);
    vi.advanceTimersByTime(199);
    expect(p.messages).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(p.messages).toHaveLength(2);
    expect(p.messages[1].type).toBe('gathered');
    expect(p.events().map((e) => (e.type === 'batches' ? e.losses : e.type))).toEqual([[1], [2, 3], 'epoch', [4, 5]]);
    expect(p.events().some((e) => e.type === 'batch')).toBe(false);
  });

  it('reduces progress counts to the newest and sends urgent events at once, after what waited', () => {
    const p = page();
    const b = batchedEvents(p.send, 200);
    for (let done = 1; done <= 50; done++) b.onEvent(extract(done));
    b.onEvent({ type: 'skipped', id: 'a', reason: 'broken' });
    b.onEvent(extract(51));
    b.onEvent(extract(52));
    expect(p.messages).toHaveLength(1);
    b.onEvent({ type: 'phase', phase: 'final', epochs: 30 });
    expect(p.messages).toHaveLength(2);
    expect(p.events()).toEqual([
      extract(1),
      extract(50),
      { type: 'skipped', id: 'a', reason: 'broken' },
      extract(52),
      { type: 'phase', phase: 'final', epochs: 30 },
    ]);
    // nothing left to send: the timer that was waiting was cleared
    vi.advanceTimersByTime(1000);
    expect(p.messages).toHaveLength(2);
  });

  it('end sends what waits, once, and resolves only after the page has handled it', async () => {
    const p = page();
    let handled: () => void = () => {};
    const b = batchedEvents((e) => {
      p.send(e);
      // comlink's answer to a proxied call: after the page's handler has run
      return new Promise<void>((resolve) => (handled = resolve));
    }, 200);
    b.onEvent(batch(1));
    b.onEvent(batch(2));
    b.onEvent(epoch(1));
    let ended = false;
    const ending = b.end().then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    handled();
    await ending;
    expect(ended).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(p.events().map((e) => (e.type === 'batches' ? e.losses : e.type))).toEqual([[1], [2], 'epoch']);
  });

  it('end with nothing waiting still makes a round trip (events sent before it may be in flight), and a page error does not fail the run', async () => {
    const p = page();
    const b = batchedEvents((e) => {
      p.send(e);
      if (e.type === 'gathered') throw new Error('page handler threw');
    }, 200);
    b.onEvent({ type: 'phase', phase: 'final', epochs: 3 });
    expect(p.messages).toHaveLength(1);
    await expect(b.end()).resolves.toBeUndefined();
    expect(p.messages).toEqual([
      { type: 'phase', phase: 'final', epochs: 3 },
      { type: 'gathered', events: [] },
    ]);
  });
});
