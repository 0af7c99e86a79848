/**
 * A backbone download that gives up when it stops moving. A stalled connection or a captive
 * portal never fails by itself: without this the load sat at its progress forever, and every
 * later pick and worker call queued behind it. A slow but moving download is never cut off.
 */
export const STALL_MS = 30_000;

export function stallMessage(url: string, stallMs: number): string {
  return `The download of ${url} stalled: no data for ${Math.round(stallMs / 1000)} s`;
}

/**
 * Fetches `url` and reads its whole body; rejects when no byte arrives for `stallMs`, or when
 * `signal` aborts (the caller no longer wants it: another file of the same copy failed).
 */
export async function fetchBytes(
  url: string,
  fetchFn: typeof fetch,
  stallMs = STALL_MS,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reject!: (err: Error) => void;
  const stopped = new Promise<never>((_, r) => (reject = r));
  // every race below handles it; this covers the gap should none be waiting when it fires
  stopped.catch(() => undefined);
  let stopError: Error | undefined;
  const stop = (err: Error) => {
    stopError ??= err;
    controller.abort(stopError);
    reject(stopError);
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stop(new Error(stallMessage(url, stallMs))), stallMs);
  };
  const callOff = () => stop(new Error(`the download of ${url} was called off`));
  // a fetchFn that ignores the signal (or a body that never settles) still cannot hold the load
  const guard = <T>(p: Promise<T>) => Promise.race([p, stopped]);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  if (signal?.aborted) callOff();
  signal?.addEventListener('abort', callOff);
  arm();
  try {
    let res: Response;
    try {
      res = await guard(fetchFn(url, { signal: controller.signal }));
    } catch (err) {
      if (stopError) throw stopError;
      throw new Error(`${url} could not be reached (${(err as Error).message})`);
    }
    if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
    reader = res.body?.getReader();
    if (!reader) return new Uint8Array(await guard(res.arrayBuffer()));
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await guard(reader.read());
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      arm();
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.byteLength;
    }
    return bytes;
  } catch (err) {
    if (stopError) {
      reader?.cancel(stopError).catch(() => undefined);
      throw stopError;
    }
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', callOff);
  }
}
