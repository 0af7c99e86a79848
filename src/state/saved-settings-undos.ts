import { LR_SCHEDULES, type TrainSettings } from '../core/train/settings';
import type { UndoOffer } from './undo';
import { sameProject } from './project-generations';
import { HELD_PREFIX } from './saved-model-undo';

/**
 * The settings undos (Freeze whole backbone, a rate the learning-rate finder set, Continue training)
 * as the autosave stores them: the autosave stores the new settings at once, so an undo that only
 * lived in the page gave back nothing after a reload. Each description holds what its undo puts
 * back, and the fields as the action left them: the revived undo is refused once one changed since.
 */
export interface SavedSettingsBack {
  kind: 'settings-back';
  what: 'freeze' | 'rate' | 'continue';
  label: string;
  /** the settings as they were: what the undo puts back */
  before: Partial<TrainSettings>;
  /** the same fields as the action set them */
  after: Partial<TrainSettings>;
  /** the project it was made in */
  made: number;
  /** freeze: the backbone its block numbers belong to; continue: the one loaded before */
  backboneId?: string | null;
  /** continue: the classes it added, removed again while still empty */
  added?: string[];
  /**
   * continue: the starting point it made, by its model's name and import; after a reload its undo
   * is refused once another is in place (absent in undos stored before)
   */
  point?: { modelName: string; importId?: string };
  /**
   * continue on top of another Continue's starting point: the key that one (a head's weights, too
   * big for the description) is held under until the undo is taken or made final (state/saved-model-undo.ts)
   */
  held?: string;
}

/** a Continue's point and held key as stored (none in other undos); null where unreadable */
function continueParts({ point, held }: Partial<SavedSettingsBack>): Pick<SavedSettingsBack, 'point' | 'held'> | null {
  if (held !== undefined && (typeof held !== 'string' || !held.startsWith(HELD_PREFIX))) return null;
  if (point === undefined) return held === undefined ? {} : { held };
  const { modelName, importId } = (point ?? {}) as Partial<NonNullable<SavedSettingsBack['point']>>;
  if (typeof modelName !== 'string' || (importId !== undefined && typeof importId !== 'string')) return null;
  return { point: { modelName, ...(importId !== undefined && { importId }) }, ...(held !== undefined && { held }) };
}

/**
 * Optional fields an undo may put back unset: the mode's default applies to them (a fine-tune's
 * cosine schedule), which an explicit value put back in their place would override.
 */
const UNSET_ALLOWED = new Set<string>(['lrSchedule', 'earlyStopPatience', 'featureNorm']);

/** the settings an undo puts back: unset where it stored null (`unset`) */
export const settingsBack = (before: Partial<TrainSettings>): Partial<TrainSettings> =>
  Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v === null ? undefined : v]));

/** `settings` with each unset field of `keys` as null, as the undo stores it (settingsBack reads it) */
export const withUnset = (settings: Partial<TrainSettings>, keys: readonly string[]): Partial<TrainSettings> =>
  Object.fromEntries(keys.map((k) => [k, settings[k as keyof TrainSettings] ?? null])) as Partial<TrainSettings>;

/** the fields these undos put back, each with what a stored value must be */
const FIELDS: Partial<Record<keyof TrainSettings, (v: unknown) => boolean>> = {
  unfreeze: (v) => Number.isInteger(v) && (v as number) >= 0,
  frozenBlocks: (v) => Array.isArray(v) && v.every((b) => typeof b === 'string'),
  hiddenUnits: (v) => Number.isInteger(v) && (v as number) >= 0,
  recipe: (v) => v === 'auto' || v === 'manual',
  cropMode: (v) => v === 'center' || v === 'squash' || v === 'pad',
  learningRate: (v) => typeof v === 'number',
  // what "Use suggested learning rate" fills in from the automatic recipe's choice (recipe-shape.ts carriedByHand)
  epochs: (v) => Number.isInteger(v) && (v as number) >= 0,
  batchSize: (v) => Number.isInteger(v) && (v as number) >= 0,
  dropout: (v) => typeof v === 'number',
  weightDecay: (v) => typeof v === 'number',
  earlyStopPatience: (v) => Number.isInteger(v) && (v as number) >= 0,
  lrSchedule: (v) => typeof v === 'string' && (LR_SCHEDULES as readonly string[]).includes(v),
  featureNorm: (v) => v === 'none' || v === 'standardise',
};

function fields(raw: unknown): Partial<TrainSettings> | null {
  if (!raw || typeof raw !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const fits = FIELDS[key as keyof TrainSettings];
    // a cleared rate field is NaN, which JSON stores as null
    const v = key === 'learningRate' && value === null ? NaN : value;
    // an optional field that was unset: null, as JSON keeps no undefined (unset)
    if (v === null && fits && UNSET_ALLOWED.has(key)) {
      out[key] = null;
      continue;
    }
    if (!fits?.(v)) return null;
    out[key] = v;
  }
  return out as Partial<TrainSettings>;
}

export function parseSavedSettingsBack(raw: unknown): SavedSettingsBack | null {
  const s = raw as Partial<SavedSettingsBack> | null;
  if (!s || typeof s !== 'object' || s.kind !== 'settings-back' || typeof s.label !== 'string') return null;
  if (s.what !== 'freeze' && s.what !== 'rate' && s.what !== 'continue') return null;
  if (typeof s.made !== 'number') return null;
  const before = fields(s.before);
  const after = fields(s.after);
  if (!before || !after) return null;
  const added = Array.isArray(s.added) ? s.added.filter((id): id is string => typeof id === 'string') : undefined;
  const backboneId = typeof s.backboneId === 'string' ? s.backboneId : null;
  // read without them, a Continue's undo would start from scratch instead of giving a point back
  const parts = continueParts(s);
  if (!parts) return null;
  return {
    kind: 'settings-back',
    what: s.what,
    label: s.label,
    before,
    after,
    made: s.made,
    backboneId,
    added,
    ...parts,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a field the action set was changed since (by hand, another undo, a restored project). */
export const changedSince = (saved: SavedSettingsBack, now: TrainSettings): boolean =>
  Object.entries(saved.after).some(([k, v]) => !same(now[k as keyof TrainSettings], v));

/** What a settings undo reads and changes of the training store. */
export interface SettingsUndoStores {
  /** a run is warming, extracting or training */
  running(): boolean;
  settings(): TrainSettings;
  updateSettings(patch: Partial<TrainSettings>): void;
}

/** A rate the learning-rate finder set: the rate typed before (and the automatic recipe it may have left) comes back. */
export function rateUndo(saved: SavedSettingsBack, ctx: SettingsUndoStores): UndoOffer<SavedSettingsBack> {
  return {
    label: saved.label,
    saved,
    heldImages: [],
    undo() {
      sameProject(saved.made);
      if (ctx.running()) throw new Error('A run is using this rate: undo when it has ended.');
      // (the rate alone, or with the fields the automatic recipe's choice filled in)
      if (changedSince(saved, ctx.settings()))
        throw new Error(
          Object.keys(saved.after).some((k) => k !== 'learningRate' && k !== 'recipe')
            ? 'The settings it set were changed since.'
            : 'The learning rate was changed since.',
        );
      ctx.updateSettings(settingsBack(saved.before));
    },
    finalise: () => undefined,
  };
}
