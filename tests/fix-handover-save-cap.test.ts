import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Tabs as the browser links them (as in fix-runs-one-tab.test.ts): one lock, and channels that hear
 * each other. `mute` silences the channels open so far (a holder frozen midway); a steal makes the
 * holder's request reject, as Web Locks does.
 */
function browser() {
  const channels = new Set<{ onmessage: ((e: MessageEvent) => void) | null }>();
  const muted = new Set<unknown>();
  class Channel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor() {
      channels.add(this);
    }
    postMessage(data: unknown) {
      if (muted.has(this)) return;
      for (const c of channels) if (c !== this) queueMicrotask(() => c.onmessage?.({ data } as MessageEvent));
    }
    close() {
      channels.delete(this);
    }
  }
  let holder: (() => void) | null = null;
  const waiting: (() => void)[] = [];
  const request = (_name: string, options: LockOptions, granted: () => Promise<never>) =>
    new Promise((_resolve, reject) => {
      const grant = () => {
        holder = () => reject(new DOMException('stolen', 'AbortError'));
        void granted();
      };
      if (!holder || options.steal) {
        holder?.();
        return grant();
      }
      waiting.push(grant);
      options.signal?.addEventListener('abort', () => reject(options.signal!.reason as Error));
    });
  vi.stubGlobal('navigator', { locks: { request } });
  vi.stubGlobal('BroadcastChannel', Channel);
  const pageGone = () => {
    holder = null;
    waiting.shift()?.();
  };
  const mute = () => channels.forEach((c) => muted.add(c));
  /** a holder that says it is still at work for ever (a bug): `word(t)` is what it says at t ms */
  const endlessHolder = (word: (t: number) => object) => {
    void request('lock', {}, () => new Promise<never>(() => undefined)).catch(() => (stolenAt = Date.now()));
    const ch = new Channel();
    const start = Date.now();
    ch.onmessage = () => {
      const beat = () => ch.postMessage({ type: 'saving', ...word(Date.now() - start) });
      beat();
      setInterval(beat, 2000);
    };
    let stolenAt: number | null = null;
    return { stolenAt: () => (stolenAt === null ? null : stolenAt - start) };
  };
  return { pageGone, mute, endlessHolder };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** tab A holds the project while a 2,000-file drop comes in; tab B asks for it */
async function dropThenAsk(saveMs: number) {
  vi.useFakeTimers();
  const tabs = browser();
  const { claimProject } = await import('../src/state/one-tab');
  const a = { adding: { done: 0, total: 2000 } as { done: number; total: number } | null };
  const listeners = new Set<() => void>();
  const intake = {
    coming: () => a.adding,
    watch: (changed: () => void) => (listeners.add(changed), () => void listeners.delete(changed)),
  };
  const left: string[] = [];
  // A's save (its autosave held off while the drop came in) takes saveMs, then its page reloads
  await claimProject((how) => {
    left.push(how);
    if (how === 'asked') setTimeout(tabs.pageGone, saveMs);
  }, intake);
  vi.resetModules();
  const b = await import('../src/state/one-tab');
  const state = { taken: false };
  const taking = b.takeProject(() => undefined).then((last) => ((state.taken = true), last));
  const dropEnds = () => {
    a.adding = null;
    for (const l of listeners) l();
  };
  return { ...tabs, left, state, taking, dropEnds };
}

describe('a handover whose holder saves a long drop', () => {
  it('is not taken over while a drop added for 239 s is then saved for 70 s', async () => {
    const t = await dropThenAsk(70_000);
    await vi.advanceTimersByTimeAsync(239_000);
    expect(t.left).toEqual([]);
    t.dropEnds();
    // past the asking tab's 300 s from the ask: A is still writing the drop's files
    await vi.advanceTimersByTimeAsync(69_000);
    expect(t.left).toEqual(['asked']);
    expect(t.state.taken).toBe(false);
    // its save done, its page goes: B holds the project, A was never overtaken
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.state.taken).toBe(true);
    expect(t.left).toEqual(['asked']);
    expect(await t.taking).toEqual({ type: 'saving' });
  });

  it('is taken over HANDOVER_MS after a holder that goes silent in its save', async () => {
    const t = await dropThenAsk(10 * 60_000);
    await vi.advanceTimersByTimeAsync(239_000);
    t.dropEnds();
    await vi.advanceTimersByTimeAsync(11_000);
    // A freezes at 250 s: its last word came at 250 s at the latest
    t.mute();
    await vi.advanceTimersByTimeAsync(13_000);
    expect(t.left).toEqual(['asked']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.left).toEqual(['asked', 'overtaken']);
    expect(t.state.taken).toBe(true);
  });

  it('is taken over in the end from a holder that says it is at work for ever', async () => {
    vi.useFakeTimers();
    const tabs = browser();
    const { takeProject } = await import('../src/state/one-tab');
    // says it is adding for ever: the adding's cap (300 s from the ask)
    const adding = tabs.endlessHolder(() => ({ adding: { done: 1, total: 2 } }));
    void takeProject(() => undefined);
    await vi.advanceTimersByTimeAsync(299_000);
    expect(adding.stolenAt()).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(adding.stolenAt()).toBe(300_000);
  });

  it('gives a save a cap of its own once only, however often the holder says it began', async () => {
    vi.useFakeTimers();
    const tabs = browser();
    const { takeProject } = await import('../src/state/one-tab');
    // adding for 200 s, then saving and adding by turns for ever
    const flipping = tabs.endlessHolder((t) =>
      t < 200_000 || Math.floor(t / 2000) % 2 ? { adding: { done: 1, total: 2 } } : {},
    );
    void takeProject(() => undefined);
    await vi.advanceTimersByTimeAsync(499_000);
    expect(flipping.stolenAt()).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flipping.stolenAt()).toBe(500_000);
  });
});
