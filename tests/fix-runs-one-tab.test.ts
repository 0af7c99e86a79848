import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Tabs as the browser links them: one lock, and channels that hear each other's messages. A steal
 * makes the holder's request reject, as Web Locks does.
 */
function browser() {
  const channels = new Set<{ onmessage: ((e: MessageEvent) => void) | null }>();
  class Channel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor() {
      channels.add(this);
    }
    postMessage(data: unknown) {
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
  /** the holding page goes (its reload): the next waiting tab gets the lock */
  const pageGone = () => {
    holder = null;
    waiting.shift()?.();
  };
  return { pageGone };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('a tab asked for the project while a drop is still coming in', () => {
  it('saves and lets go only once the drop is in, telling the asking tab how far it is', async () => {
    vi.useFakeTimers();
    const { pageGone } = browser();
    const { claimProject } = await import('../src/state/one-tab');
    // tab A holds the project and is adding a 2,000-file drop
    let adding: { done: number; total: number } | null = { done: 640, total: 2000 };
    const listeners = new Set<() => void>();
    const intake = {
      coming: () => adding,
      watch: (changed: () => void) => (listeners.add(changed), () => void listeners.delete(changed)),
    };
    const left: string[] = [];
    expect(await claimProject((how) => left.push(how), intake)).toBe(true);
    // tab B asks (its own module: a page of its own)
    vi.resetModules();
    const b = await import('../src/state/one-tab');
    const words: unknown[] = [];
    let taken = false;
    const taking = b
      .takeProject(
        () => undefined,
        undefined,
        (w) => words.push(w),
      )
      .then((last) => ((taken = true), last));
    await vi.advanceTimersByTimeAsync(30_000);
    // A has not saved and gone: the rest of the drop would not have been in what it saved
    expect(left).toEqual([]);
    expect(taken).toBe(false);
    expect(words.at(-1)).toEqual({ type: 'saving', adding: { done: 640, total: 2000 } });
    // the drop ends: A saves, its page goes, B has the project, nothing left out
    adding = null;
    for (const l of listeners) l();
    await vi.advanceTimersByTimeAsync(0);
    expect(left).toEqual(['asked']);
    pageGone();
    await vi.advanceTimersByTimeAsync(0);
    expect(await taking).toEqual({ type: 'saving' });
    expect(b.leftOutNotice(await taking)).toBeNull();
  });

  it('stops waiting for a drop that never ends, in time for its save, and says what was left out', async () => {
    vi.useFakeTimers();
    const { pageGone } = browser();
    const { claimProject, INTAKE_WAIT_MS } = await import('../src/state/one-tab');
    const stuck = { coming: () => ({ done: 1260, total: 2000 }), watch: () => () => undefined };
    const left: string[] = [];
    await claimProject((how) => left.push(how), stuck);
    vi.resetModules();
    const b = await import('../src/state/one-tab');
    const taking = b.takeProject(() => undefined);
    await vi.advanceTimersByTimeAsync(INTAKE_WAIT_MS - 1);
    expect(left).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(left).toEqual(['asked']);
    // inside the asking tab's cap for the adding (300 s): the save begins, and gets a cap of its own
    expect(INTAKE_WAIT_MS).toBeLessThanOrEqual(240_000);
    pageGone();
    const last = await taking;
    expect(last).toEqual({ type: 'saving', leftOut: { done: 1260, total: 2000 } });
    expect(b.leftOutNotice(last)).toBe(
      'The other tab was still adding a drop when the project moved here: the last 740 of its 2000 files (in name order) were not added. Add those files again here.',
    );
  });
});

describe('the wait for images coming in', () => {
  it('ends at once with nothing coming in, when the intake ends, or at the cap', async () => {
    vi.useFakeTimers();
    const { intakeEnded } = await import('../src/state/one-tab');
    const never = () => () => undefined;
    await expect(intakeEnded({ coming: () => null, watch: never }, 1000)).resolves.toBe(true);
    let coming: { done: number; total: number } | null = { done: 0, total: 0 };
    let changed = () => {};
    let unwatched = false;
    const ending = intakeEnded(
      {
        coming: () => coming,
        watch: (c) => ((changed = c), () => void (unwatched = true)),
      },
      1000,
    );
    // a change that does not end it (the folder read, its adding begun)
    coming = { done: 0, total: 10 };
    changed();
    await vi.advanceTimersByTimeAsync(500);
    coming = null;
    changed();
    await expect(ending).resolves.toBe(true);
    expect(unwatched).toBe(true);
    const capped = intakeEnded({ coming: () => ({ done: 1, total: 2 }), watch: never }, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(capped).resolves.toBe(false);
  });
});
