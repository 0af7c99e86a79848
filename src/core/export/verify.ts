import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { readArtifacts } from '../backbones/model-files';
import { GOLDEN_JSON, goldenBatch, maxDifference, type GoldenJson } from './golden';

/** What re-importing an export found: each model part against the golden pairs. */
export interface ExportCheck {
  ok: boolean;
  samples: number;
  tolerance: number;
  /** max absolute probability difference over all samples and classes; null where that part is absent */
  model: number | null;
  head: number | null;
  /** largest of the two */
  maxDifference: number;
  /** the finding in one line for people, made here so the page can show it without this module (and TF.js) */
  message: string;
}

type FileMap = Record<string, Uint8Array>;

/**
 * A model.json and its weight files as artifacts, checked as a backbone's are (readArtifacts): a
 * model.json without weightsManifest, or weights that do not add up, is said in plain words.
 */
export async function readPart(files: FileMap, dir: string): Promise<tf.io.ModelArtifacts | null> {
  const jsonBytes = files[`${dir}model.json`];
  if (!jsonBytes) return null;
  return readArtifacts({
    where: `${dir}model.json`,
    readModelJson: async () => strFromU8(jsonBytes),
    readShard: async (path) => {
      const bytes = files[`${dir}${path}`];
      if (!bytes) throw new Error('it is not in the zip');
      // a view into a larger buffer (an unzipped entry may be one) is copied out; a whole one is not
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
    },
  });
}

/** A model.json + its weights, loaded the way any tfjs user would (from the bytes alone). */
export async function loadPart(files: FileMap, dir: string): Promise<tf.LayersModel | null> {
  const artifacts = await readPart(files, dir);
  return artifacts && tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

async function outputDifference(model: tf.LayersModel, input: tf.Tensor, expected: number[][]): Promise<number> {
  const out = model.predict(input) as tf.Tensor2D;
  try {
    return await maxDifference(out, expected);
  } finally {
    out.dispose();
  }
}

/** Unzips an export and checks the full model and the head reproduce golden.json. */
export async function checkExportZip(zip: Uint8Array): Promise<ExportCheck> {
  return checkExportFiles(unzipSync(zip));
}

/**
 * Checks every model in the files against golden.json: one taking images (model.json of the full
 * export) gets the golden inputs, one taking features (head/model.json, or model.json of the
 * head-only download) gets the golden features.
 */
export async function checkExportFiles(files: FileMap): Promise<ExportCheck> {
  const goldenBytes = files[GOLDEN_JSON];
  if (!goldenBytes) throw new Error(`the export has no ${GOLDEN_JSON}`);
  const golden = JSON.parse(strFromU8(goldenBytes)) as GoldenJson;
  const expected = golden.samples.map((s) => s.probabilities);
  const inputBytes = files[golden.inputs.file];
  const found: { model: number | null; head: number | null } = { model: null, head: null };
  for (const dir of ['', 'head/']) {
    if (!expected.length) break;
    const model = await loadPart(files, dir);
    if (!model) continue;
    try {
      if (model.inputs[0].shape.length === 4) {
        if (!inputBytes) continue;
        const x = goldenBatch(golden, inputBytes);
        found.model = await outputDifference(model, x, expected);
        x.dispose();
      } else {
        const x = tf.tensor2d(golden.samples.map((s) => s.features));
        found.head = await outputDifference(model, x, expected);
        x.dispose();
      }
    } finally {
      model.dispose();
    }
  }
  const maxDiff = Math.max(found.model ?? 0, found.head ?? 0);
  const check = {
    ok: (found.model !== null || found.head !== null) && maxDiff <= golden.tolerance,
    samples: golden.samples.length,
    tolerance: golden.tolerance,
    ...found,
    maxDifference: maxDiff,
  };
  return { ...check, message: checkMessage(check) };
}

const sci = (x: number) => x.toExponential(1);

/** One line for people: what the check compared and what it found. */
export function checkMessage(c: Omit<ExportCheck, 'message'>): string {
  const parts = [c.model !== null && `full model ${sci(c.model)}`, c.head !== null && `head ${sci(c.head)}`]
    .filter(Boolean)
    .join(', ');
  return c.ok
    ? `Checked: re-imported model matches (max difference ${sci(c.maxDifference)} on ${c.samples} validation images: ${parts})`
    : `Check failed: the re-imported model differs from the studio's by up to ${sci(c.maxDifference)} (tolerance ${sci(c.tolerance)}; ${parts || 'nothing to check'})`;
}
