import { describe, expect, it, vi } from 'vitest';

// the hook is called as a function: its layout effect runs at once, its state is kept across calls
const kept = vi.hoisted(() => ({ state: undefined as unknown, now: 0 }));
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useState: (init: () => unknown) => [(kept.state ??= init())],
  useLayoutEffect: (effect: () => void) => effect(),
}));
const { useThrottledLive } = await import('../src/ui/announce');

describe('useThrottledLive: the status line is live only for the words to be said', () => {
  it('off for the counts in between, polite for a new stage and for a count every few seconds', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => kept.now);
    const attrs: Record<string, string> = {};
    const line = { current: { setAttribute: (k: string, v: string) => void (attrs[k] = v) } as unknown as HTMLElement };
    const render = (at: number, stage: string, text: string) => {
      kept.now = at;
      useThrottledLive({ current: line.current }, stage, text);
      return attrs['aria-live'];
    };
    expect(render(0, 'idle', '')).toBe('off');
    expect(render(100, 'extracting', 'Extracting features 0/90')).toBe('polite');
    expect(render(300, 'extracting', 'Extracting features 2/90')).toBe('off');
    expect(render(500, 'extracting', 'Extracting features 4/90')).toBe('off');
    expect(render(5_200, 'extracting', 'Extracting features 50/90')).toBe('polite');
    expect(render(5_400, 'extracting', 'Extracting features 52/90')).toBe('off');
    expect(render(5_600, 'training', 'Training: epoch 1 of 3')).toBe('polite');
    expect(render(5_800, 'done', 'Training finished')).toBe('polite');
  });
});
