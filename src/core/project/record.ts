import { cleanName } from '../data/problems';
import { changedSettings, DEFAULT_SETTINGS, type TrainSettings } from '../train/settings';
import { repairSettings } from '../train/settings-repair';
import { isCount, isObj, isStr, within } from './json-checks';

/**
 * A project as data: classes with their images' names and types (the bytes travel separately, as
 * blobs in IndexedDB or files in a project zip), the training settings and the backbone choice.
 */
export interface ProjectRecord {
  version: 1;
  classes: { id: string; name: string; images: RecordImage[] }[];
  settings: TrainSettings;
  backboneId: string;
  /** how Try it and the camera decide; absent in records from before they were kept */
  live?: LiveChoices;
  /**
   * the freeze choice made on each other backbone tried, by backbone id (picking one again brings
   * its choice back); absent when none was
   */
  freezeChoices?: Record<string, FreezeChoice>;
  /**
   * the image review's "train again to update the results" marks, by image id: what was done to the
   * image since the results shown and the class it was in (absent when none)
   */
  reviewMarks?: Record<string, ReviewMark>;
  /** the images whose mistake a person marked "Label is right" (results tiles), by id; absent when none */
  labelChecks?: string[];
  savedAt: string;
  /** read back only: the settings that were not valid and went back to their defaults, by name */
  settingsReset?: string[];
}

/** What the image review did to an image since the results shown ("moved to dogs", "deleted"), and its class then. */
export interface ReviewMark {
  what: string;
  from: string;
}

/** Which top blocks of a backbone train, and which of those stay frozen. */
export interface FreezeChoice {
  unfreeze: number;
  frozenBlocks: string[];
}

/** How the deployed model's answers are shown: part of the project, like the settings it was trained with. */
export interface LiveChoices {
  /** below this top probability the answer is "unknown" */
  threshold: number;
  /** how much of the previous frames' probabilities a live answer keeps */
  smoothing: number;
  /** classes listed (0: all) */
  topK: number;
  /**
   * whether a person chose the threshold (else the model's class count decides it). Absent in
   * projects saved before it was kept: a threshold other than LIVE_DEFAULTS' was chosen then.
   */
  thresholdChosen?: boolean;
}

/**
 * How Try it and the camera decide until the project says otherwise. Its threshold stands for none
 * chosen: the model in use's class count decides it then (core/live/decision.ts defaultThreshold).
 */
export const LIVE_DEFAULTS: Readonly<LiveChoices> = Object.freeze({ smoothing: 0.5, threshold: 0.5, topK: 3 });

/** Whether the choices' threshold is a person's: a deliberate 50% is one, though it equals LIVE_DEFAULTS'. */
export const thresholdChosen = (live: LiveChoices): boolean =>
  live.thresholdChosen ?? live.threshold !== LIVE_DEFAULTS.threshold;

/**
 * Whether a project holds anything a person made: classes, or settings or answer choices other
 * than a new project's. Replacing one that does is offered back (Undo). The backbone is left out:
 * a new project keeps the one loaded, and picking one again is a click.
 */
export function madeByHand(record: ProjectRecord): boolean {
  const live = record.live ?? LIVE_DEFAULTS;
  return (
    record.classes.length > 0 ||
    changedSettings(DEFAULT_SETTINGS, record.settings).length > 0 ||
    thresholdChosen(live) ||
    live.smoothing !== LIVE_DEFAULTS.smoothing ||
    live.topK !== LIVE_DEFAULTS.topK
  );
}

/** the "Show top" choices (0: all); a saved value between them is taken to the nearest */
export const TOP_K_CHOICES = [1, 3, 5, 10, 0] as const;

function nearestTopK(k: number): number {
  // "all" (0) stays all; a count past the largest choice shows all too
  if (k === 0 || k > 10) return 0;
  return TOP_K_CHOICES.filter((c) => c > 0).reduce((a, b) => (Math.abs(b - k) < Math.abs(a - k) ? b : a));
}

export interface RecordImage {
  id: string;
  name: string;
  type: string;
  /** where its bytes are inside a project zip */
  path?: string;
}

/**
 * How a stored image's path is looked up among the project's files (project-zip.ts; the CLI reads an
 * unzipped project the same way): composed (Finder's Compress stores a name decomposed when its disk does),
 * and a lone half of a surrogate pair as the U+FFFD a zip stored for it (zips written before `safe`
 * cut by letters).
 */
export const pathKey = (path: string) => path.replace(/\p{Cs}/gu, '\uFFFD').normalize('NFC');

export class ProjectFileError extends Error {
  override name = 'ProjectFileError';
}

/**
 * The one rule for names, applied where they come in (adding files and folders, typing, opening a
 * project, restoring the autosave): what can be added can be saved and restored. Longer names are
 * shortened (a file keeps its extension) and the user is told.
 */
export const NAME_LIMITS = Object.freeze({ className: 200, fileName: 1000 });

/** `name` cut to `max` characters with an ellipsis, the extension kept; the same name when it fits. */
export function fitName(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const ext = /\.[\p{L}\p{N}]{1,8}$/u.exec(name)?.[0] ?? '';
  return chars.slice(0, max - ext.length - 1).join('') + '…' + ext;
}

/** The saved choices when they are all in the controls' ranges; otherwise the defaults stay (not worth refusing a project for). */
function parseLive(v: unknown): LiveChoices | undefined {
  if (!isObj(v) || !within(v.threshold, 0, 1) || !within(v.smoothing, 0, 0.95) || !within(v.topK, 0, 1000))
    return undefined;
  if (!Number.isInteger(v.topK)) return undefined;
  // a hand-edited count the "Show top" list does not offer would show as another one
  const live: LiveChoices = { threshold: v.threshold, smoothing: v.smoothing, topK: nearestTopK(v.topK) };
  return typeof v.thresholdChosen === 'boolean' ? { ...live, thresholdChosen: v.thresholdChosen } : live;
}

/** The saved freeze choices that are well formed (the rest are dropped: they only spare a few clicks). */
function parseFreezeChoices(v: unknown): Record<string, FreezeChoice> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, FreezeChoice> = {};
  for (const [id, c] of Object.entries(v).slice(0, 50)) {
    if (id.length > 300 || !isObj(c) || !isCount(c.unfreeze, 200)) continue;
    const blocks = c.frozenBlocks;
    if (!Array.isArray(blocks) || blocks.length > 200 || !blocks.every((b) => isStr(b, 200))) continue;
    out[id] = { unfreeze: c.unfreeze, frozenBlocks: blocks as string[] };
  }
  return Object.keys(out).length ? out : undefined;
}

function parseReviewMarks(v: unknown): Record<string, ReviewMark> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, ReviewMark> = {};
  for (const [id, m] of Object.entries(v).slice(0, 20_000)) {
    if (id.length > 200 || !isObj(m) || !isStr(m.what, 300) || !isStr(m.from, 200)) continue;
    out[id] = { what: m.what as string, from: m.from as string };
  }
  return Object.keys(out).length ? out : undefined;
}

function parseLabelChecks(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const ids = [...new Set(v.slice(0, 20_000).filter((id) => isStr(id, 200)) as string[])];
  return ids.length ? ids : undefined;
}

/** Gives every item after the first with an id already taken a new id (in place). */
function unique(items: { id: string }[]): void {
  const taken = new Set(items.map((it) => it.id));
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) {
      let k = 2;
      while (taken.has(`${it.id}~${k}`)) k++;
      it.id = `${it.id}~${k}`;
      taken.add(it.id);
    }
    seen.add(it.id);
  }
}

/**
 * Checks untrusted project JSON field by field and says what is wrong where, so a hand-edited
 * or foreign file is rejected with a reason instead of half-loading. Settings are the exception:
 * one that is not valid goes back to its default and is named in `settingsReset` (the studio's own
 * form can store an emptied field), so a project is never lost for a setting.
 */
export function parseProjectRecord(value: unknown): ProjectRecord {
  const fail = (why: string): never => {
    throw new ProjectFileError(`project.json is not a valid project: ${why}`);
  };
  if (!isObj(value)) fail('it is not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.version !== 1) fail(`unsupported version ${JSON.stringify(v.version)} (this studio reads version 1)`);
  if (!Array.isArray(v.classes)) fail('"classes" must be a list');
  const classes = (v.classes as unknown[]).map((c, i) => {
    if (!isObj(c)) return fail(`class ${i + 1} is not an object`);
    if (!isStr(c.id, 200) || !c.id) fail(`class ${i + 1} has no id`);
    if (typeof c.name !== 'string') fail(`class ${i + 1} needs a name`);
    // as leaving the name field keeps it (core/data/problems.ts cleanName): a tab closed mid-edit saved
    // "Cats " as typed, and it came back into the exported labels; one emptied stays empty, to be asked for
    const name = fitName(cleanName(c.name as string), NAME_LIMITS.className);
    if (!Array.isArray(c.images)) fail(`class "${name}" has no image list`);
    const images = (c.images as unknown[]).map((im, j) => {
      if (!isObj(im) || !isStr(im.id, 200) || !im.id || typeof im.name !== 'string') {
        return fail(`image ${j + 1} of class "${name}" needs a string id and name`);
      }
      if (im.path !== undefined && !isStr(im.path, 2000)) return fail(`image "${im.name}" has a bad path`);
      // an odd type is not worth refusing a project for: the bytes say what the image is
      const type = isStr(im.type, 200) ? im.type : '';
      return {
        id: im.id,
        name: fitName(im.name, NAME_LIMITS.fileName),
        type,
        ...(im.path !== undefined ? { path: im.path as string } : {}),
      };
    });
    return { id: c.id as string, name, images };
  });
  // Two classes (or images) sharing an id would be renamed and deleted together: each gets its own.
  unique(classes);
  unique(classes.flatMap((c) => c.images));
  if (!isObj(v.settings)) fail('"settings" must be an object');
  const { settings, reset } = repairSettings(v.settings as Record<string, unknown>);
  if (!isStr(v.backboneId, 200)) fail('"backboneId" must be a string');
  const live = parseLive(v.live);
  const freezeChoices = parseFreezeChoices(v.freezeChoices);
  const reviewMarks = parseReviewMarks(v.reviewMarks);
  const labelChecks = parseLabelChecks(v.labelChecks);
  return {
    version: 1,
    classes,
    settings,
    backboneId: v.backboneId as string,
    savedAt: isStr(v.savedAt, 100) ? (v.savedAt as string) : '',
    ...(live && { live }),
    ...(freezeChoices && { freezeChoices }),
    ...(reviewMarks && { reviewMarks }),
    ...(labelChecks && { labelChecks }),
    ...(reset.length ? { settingsReset: reset } : {}),
  };
}
