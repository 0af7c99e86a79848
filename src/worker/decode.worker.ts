// Extraction's decoding beside the model's worker: each batch's image files are decoded and made
// into model inputs here (core/data/decode-batch.ts) while the studio worker runs the backbone on
// the batch before, so the forward pass does not wait for decoding (pipeline ÷ raw in the bench).
import * as Comlink from 'comlink';
import type { CropMode, PixelRange } from '../core/data/crop';
import { decodeBatchInput } from '../core/data/decode-batch';

const api = {
  /** `spare`: a batch buffer the model's thread is done with, transferred back to be filled again */
  async inputs(blobs: Blob[], size: number, mode: CropMode, range: PixelRange, spare?: ArrayBuffer) {
    const r = await decodeBatchInput(blobs, size, mode, range, spare);
    return Comlink.transfer(r, [r.pixels.buffer]);
  },
};

export type DecodeWorkerApi = typeof api;

Comlink.expose(api);
