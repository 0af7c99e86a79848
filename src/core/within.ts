/**
 * How long the page waits for browser storage before going on without it: a tab of an older version
 * holding it open, or an old WebKit bug, never lets it answer (the start, New and Open project)
 */
export const STORAGE_PATIENCE_MS = 10_000;

/**
 * `promise`, or a rejection with `late()`'s error once `ms` have passed without an answer: browser
 * storage held open by an older tab never answers, and what waits on it would wait for good.
 */
export function within<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  return Promise.race([promise, silent]).finally(() => clearTimeout(timer));
}
