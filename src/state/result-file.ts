import * as z from 'zod/mini';
import { RESULT_JSON, RUNS_JSON } from '../core/project/carried';
import { repairSettings } from '../core/train/settings-repair';
import type { TrainSummary } from '../worker/protocol';
import type { RunRecord } from './run-record';
import { upgradeResult, type OlderSummary } from './result-upgrade';

/**
 * The results of the model a project zip carries (`model/result.json`, beside `model/model.zip`)
 * and the project's run history (`runs.json`): opened elsewhere, Evaluate shows what it showed
 * where the model was trained, and the runs compare as they did. Both come from a file anyone can
 * edit, so they are checked field by field (zod) before a component reads them; a bad one is left
 * out with the reason, and the model still answers as an imported one.
 */

/** What a trained model is kept with in storage, as a project zip carries it. */
export interface CarriedTrained {
  result: TrainSummary;
  savedAt: string;
  backboneId?: string;
  headOnly?: boolean;
}

// JSON writes NaN (a diverged loss) as null: read back as NaN, which the page shows as it did
const num = z.pipe(
  z.nullable(z.number()),
  z.transform((v) => v ?? NaN),
);
const count = z.int().check(z.minimum(0));
const pair = z.object({ train: count, val: count });
const epoch = z.object({
  epoch: count,
  loss: num,
  accuracy: num,
  valLoss: num,
  valAccuracy: num,
  seconds: num,
  lr: z.optional(num),
  penalty: z.optional(num),
  stopLoss: z.optional(num),
});
const recipe = z.object({
  hiddenUnits: count,
  dropout: num,
  weightDecay: num,
  standardise: z.boolean(),
  views: z.boolean(),
  epochs: count,
  temperature: z.optional(num),
});
const settings = z.pipe(
  z.record(z.string(), z.unknown()),
  z.transform((s) => repairSettings(s).settings),
);

const summary = z.object({
  history: z.array(epoch),
  stopped: z.boolean(),
  bestEpoch: z.nullable(count),
  stoppedEarly: z.boolean(),
  classes: z.array(z.string()).check(z.minLength(1)),
  images: pair,
  valAccuracy: num,
  valLoss: z.optional(num),
  // optional: results an earlier version kept lack them (filled in by upgradeResult)
  valAccuracyInterval: z.optional(z.tuple([num, num])),
  settings,
  trainedWith: z.optional(settings),
  recipe: z.optional(
    z.nullable(
      z.object({
        chosen: recipe,
        table: z.array(z.object({ recipe, accuracy: num, loss: num })),
        folds: count,
        seconds: num,
      }),
    ),
  ),
  heldForEarlyStop: z.optional(count),
  split: z.optional(count),
  earlyStopSkipped: z.optional(z.nullable(z.object({ smallestClass: count, needed: count }))),
  perClass: z.array(z.object({ count, accuracy: num, precision: num, f1: num, predicted: z.optional(count) })),
  confusion: z.array(z.array(count)),
  valPredictions: z.array(z.object({ id: z.string(), label: count, predicted: count, probabilities: z.array(num) })),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  seconds: z.object({ extract: num, train: num }),
  extracted: count,
  boundary: z.optional(z.string()),
  lifted: z.optional(count),
  phase: z.optional(z.enum(['first', 'final'])),
  partOf: z.optional(pair),
  // left out, the per-class figures since the run ("1 moved to another class") read "other images" after a zip
  imagesPerClass: z.optional(z.object({ train: z.array(count), val: z.array(count) })),
  firstOnAllVal: z.optional(num),
  backends: z.optional(z.object({ extraction: z.string(), training: z.string() })),
  backend: z.string(),
  unfreeze: count,
  trainableParams: count,
  frozenParams: count,
  resumedFrom: z.optional(z.nullable(count)),
  startedFrom: z.optional(z.nullable(z.string())),
});

const trainedFile = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  backboneId: z.optional(z.string()),
  headOnly: z.optional(z.boolean()),
  result: summary,
});

const runsFile = z.object({
  version: z.literal(1),
  runs: z.array(
    z.object({
      n: count,
      label: z.string(),
      valAccuracy: num,
      history: z.array(epoch),
      valLoss: z.optional(num),
      seconds: z.optional(num),
      batches: z.optional(z.array(z.object({ step: count, loss: num, first: z.optional(z.literal(true)) }))),
      settings: z.optional(settings),
      trainedWith: z.optional(settings),
      // each run's data: without them an opened project's runs read "same data and settings"
      backboneId: z.optional(z.string()),
      classes: z.optional(z.array(z.string())),
      images: z.optional(z.object({ train: count, val: count })),
      valSet: z.optional(z.string().check(z.maxLength(64))),
      imageSet: z.optional(z.string().check(z.maxLength(64))),
    }),
  ),
});

/** Where the results disagree with themselves (a table the page would index past its end), or null. */
function inconsistent(r: z.infer<typeof summary>): string | null {
  const n = r.classes.length;
  if (r.perClass.length !== n) return `it has ${r.perClass.length} per-class rows for ${n} classes`;
  if (r.confusion.length !== n || r.confusion.some((row) => row.length !== n))
    return `its confusion matrix is not ${n}×${n}`;
  if (r.valPredictions.some((p) => p.label >= n || p.predicted >= n || p.probabilities.length !== n))
    return 'a validation prediction names a class it does not have';
  const per = r.imagesPerClass;
  if (per && (per.train.length !== n || per.val.length !== n)) return `its images per class are not ${n} counts`;
  if (r.bestEpoch !== null && (r.bestEpoch < 1 || r.bestEpoch > r.history.length))
    return `its best epoch ${r.bestEpoch} is not one of its ${r.history.length} epochs`;
  return null;
}

// the field a person could look for in the file, not the validator's own wording
const why = (err: z.core.$ZodError) => {
  const at = err.issues[0].path.join('.');
  return at ? `${at}: missing or not the kind of value it should be` : 'its layout is not the one written here';
};

/** `bytes` as JSON the schema accepts; throws naming the file and the first thing wrong. */
function parseFile<S extends z.ZodMiniType>(bytes: Uint8Array, path: string, schema: S, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new Error(`${path} is not ${what} this studio reads (${why(parsed.error)})`);
  return parsed.data;
}

/** A carried model's results (`path`: the file they came in, named in what is wrong); throws with what is wrong. */
export function readTrained(bytes: Uint8Array, path = RESULT_JSON): CarriedTrained {
  const { savedAt, backboneId, headOnly, result } = parseFile(bytes, path, trainedFile, 'results');
  const problem = inconsistent(result);
  if (problem) throw new Error(`${path} is not consistent: ${problem}`);
  return {
    result: upgradeResult(result as OlderSummary),
    savedAt,
    ...(backboneId !== undefined && { backboneId }),
    ...(headOnly !== undefined && { headOnly }),
  };
}

/** The carried run history; throws with what is wrong. */
export function readRuns(bytes: Uint8Array): RunRecord[] {
  return parseFile(bytes, RUNS_JSON, runsFile, 'a run history').runs as RunRecord[];
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export const trainedBytes = (t: CarriedTrained): Uint8Array => encode({ version: 1, ...t });
export const runsBytes = (runs: RunRecord[]): Uint8Array => encode({ version: 1, runs });
