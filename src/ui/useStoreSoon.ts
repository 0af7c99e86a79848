import { startTransition, useEffect, useState } from 'react';

interface Store<S> {
  getState(): S;
  subscribe(listener: (state: S) => void): () => void;
}

/**
 * Equal, or plain objects with the same keys holding identical values. Arrays count as equal only
 * when identical: zustand's `shallow` copies both into Maps, element by element (a run's batch
 * losses, at every update).
 */
function sameShallow(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * A store's selected value, re-rendered as a transition. A zustand hook subscribes through
 * useSyncExternalStore, whose updates React always renders at once, inside the task that changed
 * the store: a run's worker events (every 200 ms) rendered the status line, stages, steps, charts
 * and results in the worker message's own task (128 ms under 4× CPU throttling). A transition is
 * rendered in slices of a few ms that yield to the browser between components. For what a user
 * watches (progress, charts, results), not for what must lock at once (the Train button).
 * `select` must be stable (a module-level function); shallow-equal (sameShallow) selections do not re-render.
 */
export function useStoreSoon<S, T>(store: Store<S>, select: (s: S) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    let last = select(store.getState());
    const update = (s: S) => {
      const next = select(s);
      if (sameShallow(last, next)) return;
      last = next;
      startTransition(() => setValue(next));
    };
    // the store may have changed between the first render and this subscription
    startTransition(() => setValue((shown) => (sameShallow(shown, last) ? shown : last)));
    return store.subscribe(update);
  }, [store, select]);
  return value;
}

/**
 * A lock read from a store: it takes hold at once (rendered in the task that locks, so nothing can
 * be changed under a starting run) and lets go as a transition. The end of a run unlocked every
 * control a run locks (the layer map and table, the backbone picker, the project bar, the class
 * cards) in the worker message's own task: 128 ms of React under 4× CPU throttling (load 14), the
 * quiet run's longest task of extraction + training. A control that stays locked a few frames
 * longer loses nothing. `select` must be stable (a module-level function).
 */
export function useLockSoonFree<S, T>(store: Store<S>, select: (s: S) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    let last = select(store.getState());
    const show = (next: T) => {
      // inside the click that starts a run, an update React renders before the click's task ends
      if (next) setValue(next);
      else startTransition(() => setValue(next));
    };
    // the store may have changed between the first render and this subscription
    show(last);
    return store.subscribe((s) => {
      const next = select(s);
      if (Object.is(last, next)) return;
      last = next;
      show(next);
    });
  }, [store, select]);
  return value;
}
