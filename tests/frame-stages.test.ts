// @vitest-environment happy-dom
import { act, createElement, startTransition } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';

// ui/useFrameStages.ts: a panel's parts shown a drawn frame apart, started again by a new value.
// Its frames are stood in for: each waits in `frames` until the test draws it.
const frames: (() => void)[] = [];
vi.mock('../src/ui/after-frame', () => ({
  afterNextFrame: (run: () => void) => {
    let live = true;
    frames.push(() => live && run());
    return () => (live = false);
  },
}));
const { useFrameStages } = await import('../src/ui/useFrameStages');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** what the panel reads at once (a zustand hook renders its change in the task that made it) */
const useShown = create(() => ({ model: true }));
let reached = 0;
function Panel() {
  const model = useShown((s) => s.model);
  reached = useFrameStages(4, model);
  return null;
}

let root: Root;
beforeEach(() => {
  frames.length = 0;
  useShown.setState({ model: true });
  root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(Panel)));
});
afterEach(() => act(() => root.unmount()));

/** draws every frame asked for so far */
const draw = () => act(() => frames.splice(0).forEach((f) => f()));

describe('useFrameStages', () => {
  it('shows one more part per drawn frame, up to its total', () => {
    expect(reached).toBe(1);
    for (const want of [2, 3, 4, 4]) {
      draw();
      expect(reached).toBe(want);
    }
    expect(frames).toHaveLength(0);
  });

  it('starts again at a new value, and reaches its total', () => {
    for (let i = 0; i < 3; i++) draw();
    act(() => useShown.setState({ model: false }));
    expect(reached).toBe(1);
    for (let i = 0; i < 3; i++) draw();
    expect(reached).toBe(4);
  });

  it("reaches its total when its value flips while a frame's step is on its way", () => {
    // the model is dropped and read back (a backend switch) just as a drawn frame's step was posted:
    // that step, a transition, was rendered after the restart and lost in it, with no frame asked
    // for again, and Deploy showed no downloads at all
    act(() => {
      frames.splice(0).forEach((f) => startTransition(() => f()));
      useShown.setState({ model: false });
    });
    act(() => {
      frames.splice(0).forEach((f) => startTransition(() => f()));
      useShown.setState({ model: true });
    });
    expect(reached).toBe(1);
    for (let i = 0; i < 5; i++) draw();
    expect(reached).toBe(4);
  });
});
