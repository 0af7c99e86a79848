import type { ExportBundle } from '../core/export/bundle';

/**
 * The export as it crosses to the page, and the buffers to transfer with it (moved, not copied).
 * Structured-cloning it copied every byte (the zip, the head zip and each file: model weights,
 * ONNX, TFLite, several MB in all) into fresh memory on the page's main thread right after a run.
 * The zips are made for this bundle alone and go as they are; a file may be a view of a buffer the
 * worker keeps using, so each file goes as a copy made here, off the main thread.
 */
export function bundleForPage(bundle: ExportBundle): { bundle: ExportBundle; transfer: ArrayBuffer[] } {
  const files = Object.fromEntries(Object.entries(bundle.files).map(([name, bytes]) => [name, bytes.slice()]));
  const all = [bundle.zip, bundle.headZip, ...Object.values(files)];
  // a buffer appears once in a transfer list, and a SharedArrayBuffer cannot be transferred
  const transfer = [...new Set(all.map((a) => a.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return { bundle: { ...bundle, files }, transfer };
}
