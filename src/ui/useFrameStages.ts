import { startTransition, useEffect, useState } from 'react';
import { afterNextFrame } from './after-frame';

/**
 * How many of `total` parts of a panel to show: the first at mount, one more after each drawn
 * frame (as a transition), so a large panel appearing is laid out a part per frame. The first
 * model's results mounted in one frame: 270 new layout objects, 55 ms of layout and a 141 ms task
 * under 4× CPU throttling (load 11).
 */
export function useFrameStages(total: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= total) return;
    return afterNextFrame(() => startTransition(() => setShown((n) => n + 1)));
  }, [shown, total]);
  return Math.min(shown, total);
}
