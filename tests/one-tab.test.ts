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
    const { claimProject } = await import('../src/state/one-tab');
    await expect(claimProject(() => undefined)).resolves.toBe(true);
    expect(seen[0]).toBeInstanceOf(AbortSignal);
  });
});
