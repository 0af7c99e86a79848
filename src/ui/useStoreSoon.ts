import { startTransition, useEffect, useState } from 'react';
import { inTurn, leaveTurn } from './frame-turns';

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
 * A lock read from a store, shown in its turn (frame-turns.ts) both ways: one control's update per
 * drawn frame, each in a task of its own. Rendered at once, a run's start locked the layer map and
 * table, backbone picker, project bar, calibration and the rest in the Train click's own task
 * (126 ms of CPU under 4× CPU throttling, load 10: their render, 79 elements restyled and a layout
 * of the whole document), and a run's end freed them all in one commit. The stores refuse what a
 * run forbids from the moment it starts (a second run, the project's and backbone's edits, the
 * settings, calibration and the head's backend), so a control that locks a few frames late loses
 * nothing. `select` must be stable (a module-level function).
 */
export function useStoreInTurn<S, T>(store: Store<S>, select: (s: S) => T): T {
  // the value first shown, and the key of this component's turn
  const [first] = useState(() => ({ value: select(store.getState()) }));
  const [value, setValue] = useState(first.value);
  useEffect(() => {
    let last = select(store.getState());
    const show = () => {
      const next = last;
      inTurn(first, () => setValue(next));
    };
    // the store may have changed between the first render and this subscription
    if (!Object.is(last, first.value)) show();
    const unsubscribe = store.subscribe((s) => {
      const next = select(s);
      if (Object.is(last, next)) return;
      last = next;
      show();
    });
    return () => {
      unsubscribe();
      leaveTurn(first);
    };
  }, [store, select, first]);
  return value;
}
