import { Unzip, UnzipInflate } from 'fflate';
import { yieldToEventLoop } from './yield';

/**
 * Limits for an untrusted zip. Sizes are checked while inflating, entry by entry: the declared
 * size (when the header gives one) before a byte is inflated, then the bytes actually produced,
 * so a header that lies about its size cannot get past them either.
 */
export interface ZipLimits {
  entries: number;
  /** largest single file, uncompressed */
  fileBytes: number;
  /** all the files taken, uncompressed */
  totalBytes: number;
  /** past `ratioFloorBytes` in all, what was inflated may be at most this many times the zip */
  ratio: number;
  ratioFloorBytes: number;
}

export class ZipLimitError extends Error {
  override name = 'ZipLimitError';
}

/** compressed bytes pushed at a time: deflate inflates at most ~1,032×, so one push makes at most ~16 MB */
const CHUNK = 16 * 1024;
/** pushes between yields, so a page reading a large zip keeps painting */
const PUSHES_PER_YIELD = 64;

const mib = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

/**
 * Unzips `bytes` keeping only the entries `want` accepts (it may throw to refuse the whole zip,
 * e.g. for an unsafe path); every limit breached is a ZipLimitError that says which and where.
 */
export async function boundedUnzip(
  bytes: Uint8Array,
  limits: ZipLimits,
  want: (name: string) => boolean = () => true,
): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  let entries = 0;
  let total = 0;
  let failure: Error | null = null;
  const bomb = (name: string, why: string) =>
    new ZipLimitError(`"${name}" ${why}: the zip looks like a zip bomb. Nothing was imported.`);
  const allowed = () => Math.min(limits.totalBytes, Math.max(limits.ratioFloorBytes, limits.ratio * bytes.length));
  const unzip = new Unzip((file) => {
    if (failure) return;
    try {
      if (++entries > limits.entries)
        throw new ZipLimitError(`The zip holds more than ${limits.entries} files. Nothing was imported.`);
      if (!want(file.name) || file.name.endsWith('/')) return;
      const declared = file.originalSize;
      if (declared !== undefined && declared > limits.fileBytes)
        throw bomb(file.name, `says it unpacks to ${mib(declared)}, over the limit of ${mib(limits.fileBytes)} a file`);
      const parts: Uint8Array[] = [];
      let got = 0;
      file.ondata = (err, chunk, final) => {
        if (failure) return;
        if (err) {
          failure = new ZipLimitError(`The zip is damaged ("${file.name}": ${err.message}). Nothing was imported.`);
          return;
        }
        got += chunk.length;
        total += chunk.length;
        if (declared !== undefined && got > declared)
          failure = bomb(file.name, `unpacks to more than the ${declared} bytes its header says`);
        else if (got > limits.fileBytes)
          failure = bomb(file.name, `unpacks to over ${mib(limits.fileBytes)}, the limit a file`);
        else if (total > allowed())
          failure = bomb(file.name, `brings what it unpacks to over ${mib(allowed())} from a ${mib(bytes.length)} zip`);
        if (failure) {
          file.terminate();
          return;
        }
        parts.push(chunk);
        if (!final) return;
        if (declared !== undefined && got !== declared)
          failure = new ZipLimitError(
            `The zip is damaged ("${file.name}" is ${got} bytes, its header says ${declared}). Nothing was imported.`,
          );
        else out[file.name] = concat(parts, got);
      };
      file.start();
    } catch (err) {
      failure =
        err instanceof ZipLimitError
          ? err
          : new ZipLimitError(`The zip is damaged ("${file.name}": ${(err as Error).message}). Nothing was imported.`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0, pushes = 0; at < bytes.length && !failure; at += CHUNK) {
      unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
      if (++pushes % PUSHES_PER_YIELD === 0) await yieldToEventLoop();
    }
  } catch (err) {
    failure ??=
      err instanceof ZipLimitError
        ? err
        : new ZipLimitError(`The zip is damaged: ${(err as Error).message}. Nothing was imported.`);
  }
  if (failure) throw failure;
  return out;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
