import { afterEach, describe, expect, it, vi } from 'vitest';

describe('one tab holds the project', () => {
  const timeout = AbortSignal.timeout;
  afterEach(() => {
    AbortSignal.timeout = timeout;
    vi.unstubAllGlobals();
  });

  it('claims the project in a browser with Web Locks but no AbortSignal.timeout (its TypeError left the page blank)', async () => {
    // Safari 15.4-15.x, Chrome 69-102: navigator.locks, and no AbortSignal.timeout
    (AbortSignal as { timeout?: unknown }).timeout = undefined;
    const seen: (AbortSignal | undefined)[] = [];
    const request = (_name: string, options: LockOptions, granted: () => Promise<never>) => {
      seen.push(options.signal);
      void granted();
      return new Promise(() => undefined);
    };
    vi.stubGlobal('navigator', { locks: { request } });
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        onmessage = null;
        postMessage() {}
        close() {}
      },
    );
    const { claimProject, holdsProjectLock } = await import('../src/state/one-tab');
    await expect(claimProject(() => undefined)).resolves.toBe(true);
    expect(seen[0]).toBeInstanceOf(AbortSignal);
    // held through the lock: start-up may forget stashes no undo of this page names
    expect(holdsProjectLock()).toBe(true);
  });

  it('a browser without Web Locks has the project, but not the lock: nothing says no other tab is writing', async () => {
    vi.resetModules();
    vi.stubGlobal('navigator', {});
    const { claimProject, holdsProjectLock } = await import('../src/state/one-tab');
    await expect(claimProject(() => undefined)).resolves.toBe(true);
    expect(holdsProjectLock()).toBe(false);
  });
});

describe('the wait for the tab holding the project', () => {
  it('lasts while the holder says it is still saving, and ends after a quiet spell or the cap', async () => {
    vi.useFakeTimers();
    const { quietFor } = await import('../src/state/one-tab');
    // a long save: word every 2 s for 40 s, past the 15 s a quiet holder gets (taken midway, it lost images)
    const saving = quietFor(15_000, 300_000);
    for (let t = 0; t < 40_000; t += 2_000) {
      vi.advanceTimersByTime(2_000);
      saving.heard();
    }
    expect(saving.signal.aborted).toBe(false);
    vi.advanceTimersByTime(15_000);
    expect(saving.signal.aborted).toBe(true);
    expect((saving.signal.reason as DOMException).name).toBe('TimeoutError');
    // a frozen holder says nothing: 15 s
    const frozen = quietFor(15_000, 300_000);
    vi.advanceTimersByTime(14_999);
    expect(frozen.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(frozen.signal.aborted).toBe(true);
    // one saying it saves forever: the cap
    const stuck = quietFor(15_000, 60_000);
    for (let t = 0; t < 60_000; t += 2_000) {
      vi.advanceTimersByTime(2_000);
      stuck.heard();
    }
    expect(stuck.signal.aborted).toBe(true);
    vi.useRealTimers();
  });
});
