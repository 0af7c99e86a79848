import * as Comlink from 'comlink';
import type { BatchInputs } from '../core/features/extract';
import type { DecodeWorkerApi } from './decode.worker';

let remote: Comlink.Remote<DecodeWorkerApi> | null = null;

/**
 * Model inputs of a batch from the decode worker (started on first use, one per thread that asks),
 * reading the files through `blobOf`: extraction's `Decoder.inputs`.
 */
export function workerInputs(blobOf: (id: string) => Blob): BatchInputs {
  return async (ids, size, mode, range) => {
    remote ??= Comlink.wrap<DecodeWorkerApi>(
      new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' }),
    );
    const r = await remote.inputs(
      ids.map((id) => blobOf(id)),
      size,
      mode,
      range,
    );
    return { pixels: r.pixels, failed: r.failed.map((f) => ({ id: ids[f.index], reason: f.reason })) };
  };
}
