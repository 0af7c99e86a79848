/**
 * Errors after which training can continue on another backend: the GPU went away (WebGPU device
 * lost, WebGL context lost), a kernel is missing on this backend, or it ran out of memory. Other
 * errors (bad data, a diverging loss) would fail the same way anywhere, so they are not retried.
 */
export class BackendLostError extends Error {
  override name = 'BackendLostError';
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`The ${backend} backend stopped working: ${reason}`);
  }
}

const FAULT = [
  /device (was |is )?lost/i,
  /context (was |is )?lost/i,
  /CONTEXT_LOST/,
  /kernel '?\w+'? (is )?not (registered|implemented|found)/i,
  /not (yet )?implemented on (the )?\w+ backend/i,
  /out ?of ?memory|failed to allocate|allocation failed|exceeds the maximum/i,
  // case-sensitive and whole: with the i flag "OOM" matched a class called "Bedroom" or "Mushroom"
  /\bOOM\b/,
  /Failed to (link|compile) (vertex|fragment|shader)/i,
];

/**
 * The engine's own errors: about the data, a diverging loss or the user's Stop, never about the
 * backend, whatever their message quotes (a class name, say). Matched by name, which survives the
 * worker boundary where the class does not.
 */
const ENGINE_ERRORS = new Set([
  'DatasetError',
  'NonFiniteLossError',
  'StoppedError',
  'ContinueError',
  'CustomBackboneError',
  'ModelImportError',
  'ProjectFileError',
  'ZipLimitError',
]);

export function isBackendFault(err: unknown): boolean {
  if (err instanceof BackendLostError) return true;
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  if (typeof name === 'string' && ENGINE_ERRORS.has(name)) return false;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return FAULT.some((re) => re.test(message));
}

/**
 * The backend to continue on after the last of `failed` broke: the next one down the studio's
 * order (webgpu → webgl → wasm → cpu) that is available and has not failed. It never goes back
 * up: a backend above the one that broke was passed over for a reason (absent, or software).
 */
export function nextBackend(failed: readonly string[], available: readonly string[]): string | null {
  const order = ['webgpu', 'webgl', 'wasm', 'cpu'];
  const last = order.indexOf(failed[failed.length - 1] ?? '');
  return order.slice(last + 1).find((b) => available.includes(b) && !failed.includes(b)) ?? null;
}
