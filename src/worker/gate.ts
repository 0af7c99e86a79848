/**
 * Calibration switches the one global tfjs backend back and forth; nothing else may run while it
 * does. `shared` jobs run side by side; an `exclusive` one waits for those in flight and holds new
 * ones back until it ends.
 */
export function gate() {
  let inFlight = 0;
  let drained: (() => void) | null = null;
  let closed: Promise<void> | null = null;
  return {
    async shared<T>(job: () => Promise<T> | T): Promise<T> {
      while (closed) await closed;
      inFlight++;
      try {
        return await job();
      } finally {
        if (--inFlight === 0) drained?.();
      }
    },
    async exclusive<T>(job: () => Promise<T>): Promise<T> {
      while (closed) await closed;
      let open!: () => void;
      closed = new Promise<void>((resolve) => (open = resolve));
      try {
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
        drained = null;
        return await job();
      } finally {
        closed = null;
        open();
      }
    },
  };
}

export type Gate = ReturnType<typeof gate>;

/** `api` with every method but `free` ones run through `g.shared`. */
export function gated<A extends object>(api: A, g: Gate, free: readonly (keyof A)[]): A {
  const out = { ...api } as Record<string, unknown>;
  for (const [name, fn] of Object.entries(api)) {
    if (typeof fn === 'function' && !free.includes(name as keyof A))
      out[name] = (...args: unknown[]) => g.shared(() => (fn as (...a: unknown[]) => unknown).apply(api, args));
  }
  return out as A;
}
