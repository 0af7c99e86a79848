import { startTransition, useEffect, useState } from 'react';
import { afterNextFrame } from './after-frame';

/**
 * How many of `total` parts of a panel to show: the first at mount, one more after each drawn
 * frame (as a transition), so a large panel appearing is laid out a part per frame. The first
 * model's results mounted in one frame: 270 new layout objects, 55 ms of layout and a 141 ms task
 * under 4× CPU throttling (load 11). With `restartWith`, a new value starts the stages again.
 */
export function useFrameStages(total: number, restartWith?: unknown): number {
  const [stage, setStage] = useState({ shown: 1, of: restartWith });
  // a new value to show (restartWith): its parts take it a frame apart again (useStagedValue)
  if (!Object.is(stage.of, restartWith)) setStage({ shown: 1, of: restartWith });
  const { shown } = stage;
  // keyed on the stage itself, not its count: a restart that found the count at 1 left it at 1, and
  // the frame's step already posted (a transition) was rendered after the restart and lost in it,
  // with no frame asked for again (Deploy kept no downloads after a backend switch's drop and read-back)
  useEffect(() => {
    if (stage.shown >= total) return;
    return afterNextFrame(() => startTransition(() => setStage((s) => ({ ...s, shown: s.shown + 1 }))));
  }, [stage, total]);
  return Math.min(shown, total);
}

/**
 * `value` for a part that takes it in stage `stage` of `useFrameStages(total, value)`: the value it
 * showed before until that stage comes. A run's final model arrived in one render of every part
 * of the results already shown for its first model (the per-class table, the confusion matrix, the
 * top losses, the downloads): a 117 ms task of CPU under 4× CPU throttling (load 13).
 */
export function useStagedValue<T>(value: T, stage: number, reached: number): T {
  const [held, setHeld] = useState(value);
  const ready = reached >= stage;
  // stored from the render that shows it (React's pattern for a value kept from earlier renders)
  if (ready && held !== value) setHeld(value);
  return ready ? value : held;
}
