import * as Comlink from 'comlink';

/**
 * A worker whose script could not be loaded (a page not controlled by the service worker, after a
 * deploy replaced the hashed file names: the script 404s) fires a plain `error` event and never
 * answers: every call to it waited forever, a drop stayed "adding" and a backbone "loading", with no
 * word. A runtime error inside a running worker is an ErrorEvent, and the worker lives on.
 */
export const workerLost = (what: string) =>
  new Error(
    `The studio's ${what} could not be started (its script did not load: the studio was probably updated on the server). Reload the page.`,
  );

/** Comlink's remote for `worker`, whose calls fail with `workerLost` once the script is known not to load. */
export function watchedRemote<T>(worker: Worker, what: string): Comlink.Remote<T> {
  const remote = Comlink.wrap<T>(worker);
  let lost: Error | null = null;
  // the calls still waiting, to fail when the worker is lost: each leaves as it settles (a race
  // against one never-settling promise kept every answer, exports and frames, for the tab's life)
  const waiting = new Set<(err: Error) => void>();
  worker.addEventListener('error', (e) => {
    if ((e as Partial<ErrorEvent>).message) return;
    lost = workerLost(what);
    for (const fail of waiting) fail(lost);
    waiting.clear();
  });
  return new Proxy(remote as object, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      // Comlink's own symbols (releaseProxy, ...) and `then` (a remote is not awaited) stay as they are
      if (typeof name !== 'string' || name === 'then' || typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        if (lost) return Promise.reject(lost);
        return new Promise((resolve, reject) => {
          waiting.add(reject);
          (member as (...a: unknown[]) => Promise<unknown>)(...args).then(
            (v) => (waiting.delete(reject), resolve(v)),
            (err: unknown) => (waiting.delete(reject), reject(err)),
          );
        });
      };
    },
  }) as Comlink.Remote<T>;
}
