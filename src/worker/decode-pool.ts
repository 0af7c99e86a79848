import * as Comlink from 'comlink';
import { chunksOf, joinBatchInputs } from '../core/data/decode-batch';
import type { BatchInputs } from '../core/features/extract';
import type { DecodeWorkerApi } from './decode.worker';

/**
 * How many decode workers share a batch. On an NVIDIA H200 one decode worker fed 385–615
 * images/s to a backbone that forwards 1,400–1,620 on WebGPU (docs/performance.md): on a GPU,
 * decoding is the limit. The page and the model's worker keep two cores; a 2-core machine keeps
 * the single decode worker it had.
 */
export function decodeWorkerCount(cores = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.min(4, Math.max(1, cores - 2));
}

let pool: Comlink.Remote<DecodeWorkerApi>[] = [];

function workers(): Comlink.Remote<DecodeWorkerApi>[] {
  if (!pool.length)
    pool = Array.from({ length: decodeWorkerCount() }, (_, i) =>
      Comlink.wrap<DecodeWorkerApi>(
        new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: `decode ${i + 1}` }),
      ),
    );
  return pool;
}

/**
 * Model inputs of a batch from the decode workers (started on first use, one pool per thread that
 * asks; a batch is split into contiguous runs, one per worker), reading the files through
 * `blobOf`: extraction's `Decoder.inputs`.
 */
export function workerInputs(blobOf: (id: string) => Blob): BatchInputs {
  return async (ids, size, mode, range) => {
    const remotes = workers();
    const chunks = chunksOf(ids, remotes.length);
    const parts = await Promise.all(
      chunks.map(async (chunk, i) => ({
        input: await remotes[i].inputs(
          chunk.map((id) => blobOf(id)),
          size,
          mode,
          range,
        ),
        size: chunk.length,
      })),
    );
    const r = joinBatchInputs(parts);
    return { pixels: r.pixels, failed: r.failed.map((f) => ({ id: ids[f.index], reason: f.reason })) };
  };
}
