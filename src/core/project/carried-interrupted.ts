import type { InterruptedRun } from '../train/interrupted';
import { isCount, isObj, isStr } from './json-checks';

/**
 * An interrupted run as a project zip carries it (core/project/carried.ts lists its paths): all of
 * InterruptedRun as JSON but its checkpoint's float arrays (the trained values and early stopping's
 * best ones), which are one binary entry, little-endian float32, named by their lengths in the JSON.
 * Left out, a project opened elsewhere could not resume a run it could resume here.
 */
export const INTERRUPTED_JSON = 'interrupted/run.json';
export const INTERRUPTED_BIN = 'interrupted/values.bin';

type Files = Map<string, Uint8Array>;

/** JSON has no Infinity or NaN (early stopping's best loss starts at Infinity): written as a tagged string */
const NUMBER_TAG = '$number';
const tagged = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isFinite(value) ? { [NUMBER_TAG]: String(value) } : value;
const untagged = (_key: string, value: unknown) =>
  isObj(value) && Object.keys(value).length === 1 && typeof value[NUMBER_TAG] === 'string'
    ? Number(value[NUMBER_TAG])
    : value;

export function interruptedFiles(run: InterruptedRun): Files {
  const { values, early, ...checkpoint } = run.checkpoint;
  const arrays = [...values, ...(early?.saved ?? [])];
  const json = {
    version: 1,
    run: {
      ...run,
      checkpoint: {
        ...checkpoint,
        values: values.map((v) => v.length),
        early: early && { ...early, saved: early.saved && early.saved.map((s) => s.length) },
      },
    },
  };
  const bytes = new Uint8Array(arrays.reduce((n, a) => n + a.length * 4, 0));
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const a of arrays)
    for (const x of a) {
      view.setFloat32(at, x, true);
      at += 4;
    }
  return new Map([
    [INTERRUPTED_JSON, new TextEncoder().encode(JSON.stringify(json, tagged, 2))],
    [INTERRUPTED_BIN, bytes],
  ]);
}

const isLengths = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length <= 10_000 && v.every((n) => isCount(n, 2 ** 28));

/** The interrupted run the zip carries; throws with what is wrong, null when it carries none. */
export function readInterruptedRun(files: Files): InterruptedRun | null {
  const json = files.get(INTERRUPTED_JSON);
  const bin = files.get(INTERRUPTED_BIN);
  if (!json && !bin) return null;
  if (!json || !bin) throw new Error(`${json ? INTERRUPTED_BIN : INTERRUPTED_JSON} is missing`);
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(json), untagged);
  } catch {
    throw new Error(`${INTERRUPTED_JSON} is not valid JSON`);
  }
  const bad = (why: string): never => {
    throw new Error(`${INTERRUPTED_JSON} ${why}`);
  };
  if (!isObj(v) || v.version !== 1 || !isObj(v.run)) return bad('is not an interrupted run this studio reads');
  const run = v.run;
  if (!Array.isArray(run.classes) || !run.classes.every((c) => isStr(c, 200))) bad('needs its class names');
  const images = run.images;
  if (!Array.isArray(images) || !images.every((i) => isObj(i) && isStr(i.id, 300) && isCount(i.label, 1000)))
    bad('needs its images');
  if (!isStr(run.backboneId, 300) || !run.backboneId || !isStr(run.savedAt, 100)) bad('needs its backbone and time');
  if (!isObj(run.settings)) bad('needs its settings');
  const c = run.checkpoint;
  if (!isObj(c) || !isCount(c.epoch, 100_000) || !Array.isArray(c.history) || !isLengths(c.values))
    return bad('needs its checkpoint');
  const early = c.early;
  if (early !== null && (!isObj(early) || (early.saved !== null && !isLengths(early.saved))))
    bad('has a bad early-stopping state');
  const earlyLengths = (isObj(early) && (early.saved as number[] | null)) || [];
  const lengths = [...c.values, ...earlyLengths];
  const expected = lengths.reduce((n, l) => n + l, 0) * 4;
  if (bin.length !== expected)
    throw new Error(`${INTERRUPTED_BIN} holds ${bin.length} bytes where its checkpoint needs ${expected}`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  const arrays = lengths.map((length) => {
    const a = new Float32Array(length);
    for (let i = 0; i < length; i++, at += 4) a[i] = view.getFloat32(at, true);
    return a;
  });
  const values = arrays.slice(0, c.values.length);
  const checkpoint = {
    ...c,
    values,
    early: isObj(early) ? { ...early, saved: early.saved === null ? null : arrays.slice(values.length) } : null,
  };
  return { ...run, checkpoint } as unknown as InterruptedRun;
}
