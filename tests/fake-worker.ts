/**
 * The page's handle on the worker (src/worker/client.ts), faked for store tests:
 * `vi.mock('../src/worker/client', () => import('./fake-worker'))`. Each test puts the calls it
 * needs into `worker`; any other call resolves to undefined, as a worker with nothing to say.
 */
type Call = (...args: never[]) => unknown;

export const worker: Record<string, Call> = {};

export const studioWorker = () =>
  new Proxy(worker, { get: (calls, name: string) => calls[name] ?? (async () => undefined) });
/** callbacks cross no boundary here */
export const proxy = <T>(f: T) => f;
export const onWorkerStart = () => undefined;

export function resetWorker(): void {
  for (const k of Object.keys(worker)) delete worker[k];
}

/** A localStorage for Node, optionally full. */
export function installLocalStorage(): { store: Map<string, string>; full: { on: boolean } } {
  const store = new Map<string, string>();
  const full = { on: false };
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full.on) throw new DOMException('full', 'QuotaExceededError');
      store.set(k, v);
    },
    removeItem: (k: string) => void store.delete(k),
  };
  return { store, full };
}
