import { strFromU8, unzipSync, zipSync } from 'fflate';
import { convertKept, exportFilesReport, headOnlyFiles, type ExportFiles, type ExportInput } from './export-files';
import { retryable } from './model-card';
import type { OnnxOutcome } from './onnx/export';
import type { TfliteOutcome } from './tflite/export';
import { checkExportFiles, checkExportZip, type ExportCheck } from './verify';

/** Everything the studio offers for download, and what re-importing the zip found. */
export interface ExportBundle {
  /** the unzipped layout, for single-file downloads */
  files: Record<string, Uint8Array>;
  zip: Uint8Array;
  /** head + metadata + golden.json, for people who run the backbone themselves */
  headZip: Uint8Array;
  check: ExportCheck;
  /** model.onnx's facts, or why the model has none; null for a head without a layers backbone */
  onnx: OnnxOutcome | null;
  /** model.tflite's facts, or why the model has none */
  tflite: TfliteOutcome | null;
  /** a kept zip (bundleFromZip) whose ONNX and TFLite were converted now: `zip` has them, to be kept in its place */
  converted?: true;
}

export function exportBytes(files: ExportFiles): Record<string, Uint8Array> {
  const enc = new TextEncoder();
  return Object.fromEntries(
    [...files].map(([name, content]) => [name, typeof content === 'string' ? enc.encode(content) : content]),
  );
}

/**
 * A check that throws (no golden.json, a model that does not load) fails, with its reason: thrown,
 * it took every download of the export with it.
 */
async function checkedOrFailed(check: () => Promise<ExportCheck>): Promise<ExportCheck> {
  try {
    return await check();
  } catch (err) {
    const { message } = err as Error;
    console.warn(`The export check could not run: ${message}`);
    return {
      ok: false,
      samples: 0,
      tolerance: 0,
      model: null,
      head: null,
      maxDifference: 0,
      message: `Check failed: ${message}`,
    };
  }
}

/** Builds the export, zips it, and re-imports that very zip to prove it predicts what the studio does. */
export async function checkedExport(input: ExportInput): Promise<ExportBundle> {
  return bundleExport(await exportFilesReport(input));
}

/** Zips an export (exportFilesReport / exportRun) and checks the zip re-imports to the golden outputs. */
export async function bundleExport({
  files,
  onnx,
  tflite,
}: {
  files: ExportFiles;
  onnx: OnnxOutcome | null;
  tflite: TfliteOutcome | null;
}): Promise<ExportBundle> {
  const bytes = exportBytes(files);
  const zip = zipSync(bytes, { level: 6 });
  const check = await checkedOrFailed(() => checkExportZip(zip));
  const headZip = zipSync(exportBytes(headOnlyFiles(files)), { level: 6 });
  return { files: bytes, zip, headZip, check, onnx, tflite };
}

/**
 * The bundle of an export zip the studio wrote and kept (the trained model read back from storage
 * after a reload): every download it had after its run, from the zip's own files (ONNX and TFLite
 * included), and the zip checked against its golden outputs again. One kept while the converters'
 * code could not be loaded has them converted now, rather than refused again for good.
 */
export async function bundleFromZip(kept: Uint8Array): Promise<ExportBundle> {
  const unzipped = unzipSync(kept);
  const files = await convertKept(unzipped);
  const zip = files === unzipped ? kept : zipSync(files, { level: 6 });
  const meta = files['metadata.json']
    ? (JSON.parse(strFromU8(files['metadata.json'])) as { onnx?: OnnxOutcome; tflite?: TfliteOutcome })
    : {};
  // the files already unzipped: a large model is not unpacked twice
  const check = await checkedOrFailed(() => checkExportFiles(files));
  const headZip = zipSync(exportBytes(headOnlyFiles(new Map(Object.entries(files)))), { level: 6 });
  // a head-only export (graph-model backbone) has no standalone model to convert, as after its run
  const standalone = !!files['model.json'];
  // converters that still did not load leave nothing worth keeping: the next visit tries again
  const converted = files !== unzipped && !retryable(meta.onnx) && !retryable(meta.tflite);
  return {
    files,
    zip,
    headZip,
    check,
    onnx: standalone ? (meta.onnx ?? null) : null,
    tflite: standalone ? (meta.tflite ?? null) : null,
    ...(converted && { converted: true as const }),
  };
}
