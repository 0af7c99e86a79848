import { afterEach, describe, expect, it, vi } from 'vitest';

// core/yield.ts in a browser (no setImmediate): one MessageChannel for every call, in order
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('yieldToEventLoop without setImmediate', () => {
  it('resolves every call in the order made, through one channel, each after a task turn', async () => {
    const Real = MessageChannel;
    let made = 0;
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal(
      'MessageChannel',
      class extends Real {
        constructor() {
          super();
          made++;
        }
      },
    );
    const { yieldToEventLoop } = await import('../src/core/yield');
    const order: number[] = [];
    let microtasksRan = false;
    const all = [0, 1, 2, 3].map((i) => yieldToEventLoop().then(() => order.push(i)));
    void Promise.resolve().then(() => (microtasksRan = true));
    await Promise.resolve();
    // not a microtask: nothing has resolved yet
    expect(order).toEqual([]);
    expect(microtasksRan).toBe(true);
    await Promise.all(all);
    await yieldToEventLoop();
    expect(order).toEqual([0, 1, 2, 3]);
    expect(made).toBe(1);
  });
});
