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

/** Batch buffers kept for refilling: the one being decoded into comes from here, the one in the forward pass returns */
const SPARES = 2;
/** no batch asked for this long: the extraction is over, and its ~10 MB buffers are let go */
export const SPARES_IDLE_MS = 3000;

/**
 * Batch buffers the model's thread is done with, kept to be filled again while batches keep
 * coming. An extraction's last two would otherwise stay in the worker until the next one.
 */
export class SpareBuffers {
  private kept: ArrayBuffer[] = [];
  private idle: ReturnType<typeof setTimeout> | undefined;

  take(): ArrayBuffer | undefined {
    return this.kept.pop();
  }

  keep(buffer: ArrayBuffer): void {
    if (buffer.byteLength && this.kept.length < SPARES) this.kept.push(buffer);
    clearTimeout(this.idle);
    this.idle = setTimeout(() => (this.kept = []), SPARES_IDLE_MS);
  }

  get size(): number {
    return this.kept.length;
  }
}

interface Decoder {
  remote: Comlink.Remote<DecodeWorkerApi>;
  /** buffers this worker filled and the model's thread is done with */
  spares: SpareBuffers;
}

let pool: Decoder[] = [];
/** buffers of joined batches (several workers) the model's thread is done with */
const joinedSpares = new SpareBuffers();

function workers(): Decoder[] {
  if (!pool.length)
    pool = Array.from({ length: decodeWorkerCount() }, (_, i) => ({
      remote: Comlink.wrap<DecodeWorkerApi>(
        new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: `decode ${i + 1}` }),
      ),
      spares: new SpareBuffers(),
    }));
  return pool;
}

/**
 * Model inputs of a batch from the decode workers (started on first use, one pool per thread that
 * asks; a batch is split into contiguous runs, one per worker), reading the files through
 * `blobOf`: extraction's `Decoder.inputs`. Batch buffers handed back (`recycle`) are transferred
 * to a worker with its next batch and filled again, so steady extraction allocates none.
 */
export function workerInputs(blobOf: (id: string) => Blob): BatchInputs {
  const inputs: BatchInputs = async (ids, size, mode, range) => {
    const decoders = workers();
    const chunks = chunksOf(ids, decoders.length);
    const parts = await Promise.all(
      chunks.map(async (chunk, i) => {
        const spare = decoders[i].spares.take();
        const blobs = chunk.map((id) => blobOf(id));
        const input = await (spare
          ? decoders[i].remote.inputs(blobs, size, mode, range, Comlink.transfer(spare, [spare]))
          : decoders[i].remote.inputs(blobs, size, mode, range));
        return { input, size: chunk.length };
      }),
    );
    const r = joinBatchInputs(parts, parts.length > 1 ? joinedSpares.take() : undefined);
    // the runs were copied into the joined batch: their buffers can go back at once
    if (parts.length > 1) parts.forEach((p, i) => decoders[i].spares.keep(p.input.pixels.buffer as ArrayBuffer));
    return { pixels: r.pixels, failed: r.failed.map((f) => ({ id: ids[f.index], reason: f.reason })) };
  };
  inputs.recycle = (pixels) => {
    const decoders = workers();
    (decoders.length > 1 ? joinedSpares : decoders[0].spares).keep(pixels.buffer as ArrayBuffer);
  };
  return inputs;
}
