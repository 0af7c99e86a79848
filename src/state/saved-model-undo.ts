import { slot } from './model-store';
import type { UndoOffer } from './undo';

/**
 * The model undos whose action takes what they give back out of storage ("Start from scratch
 * instead" forgets the starting point; a run, "Use the model trained here" or another import takes
 * the imported model's place): what they give back is held in model storage under a key of its own
 * until the undo is taken or made final, and their description (stored with the project by the
 * autosave, state/saved-undo.ts parseSaved) names that key, so a reload while the toast is up can
 * still undo. Before, the page alone held it, and a reload lost it for good.
 */
export type SavedModelUndo =
  | {
      kind: 'starting-point';
      label: string;
      key: string;
      /** the project it was made in: its starting point is not another project's */
      made?: number;
    }
  | {
      kind: 'imported-model';
      label: string;
      key: string;
      /** the id of the import that took its place, or null: a trained model did (after a reload, the one read back) */
      took: string | null;
      made?: number;
    };

/** what every held key starts with (state/trained-stash.ts forgets those no pending undo names at start-up) */
export const HELD_PREFIX = 'undo-held-';

let holds = 0;
export const heldKey = (what: 'start' | 'import'): string =>
  `${HELD_PREFIX}${what}-${Date.now().toString(36)}-${(holds++).toString(36)}`;

/** the held keys the undos revived at start-up name (the clearing then comes before any this page offers) */
const named = new Set<string>();
export const namedHeldKeys = (): ReadonlySet<string> => named;
/** A held key a revived undo names (a model undo's, a Continue's on top of another): the start-up's clearing leaves it. */
export const nameHeld = (key: string): void => void named.add(key);

const held = <T>(key: string) => slot<T>(key, 'What an undo gives back');

/**
 * Holds `value` for the undo under `key`; resolves to why storage refused it (a reload during the
 * toast then loses it, as before), or null.
 */
export function holdForUndo<T>(key: string, value: T): Promise<string | null> {
  return held<T>(key).keep(value);
}

/** what the undo held, or undefined (never held, forgotten, or storage that cannot be read) */
export const loadHeld = <T>(key: string): Promise<T | undefined> =>
  held<T>(key)
    .load()
    .catch(() => undefined);

export async function forgetHeld(key: string): Promise<void> {
  named.delete(key);
  await held(key)
    .forget()
    .catch((err: Error) => console.warn(`What an undo held was not forgotten: ${err.message}`));
}

/** Forgets what an undo held, once its hold (made by the page that offered it: `holding`) has landed. */
export const forgetHeldAfter = (key: string, holding?: Promise<unknown>) => async (): Promise<void> => {
  await holding;
  await forgetHeld(key);
};

/** Read back from the autosave's list: null for anything else (state/saved-undo.ts parseSaved). */
export function parseSavedModel(raw: unknown): SavedModelUndo | null {
  const s = raw as Partial<SavedModelUndo> | null;
  if (!s || typeof s !== 'object' || typeof s.label !== 'string') return null;
  if (typeof s.key !== 'string' || !s.key.startsWith(HELD_PREFIX)) return null;
  const made = typeof s.made === 'number' ? { made: s.made } : {};
  if (s.kind === 'starting-point') return { kind: s.kind, label: s.label, key: s.key, ...made };
  if (s.kind === 'imported-model') {
    const took = typeof s.took === 'string' ? s.took : null;
    return { kind: s.kind, label: s.label, key: s.key, took, ...made };
  }
  return null;
}

/**
 * A model undo the autosave stored, rebuilt after a reload by `build` (state/model-in-use.ts
 * revivedModelUndo); its held key is left by the start-up's clearing (state/trained-stash.ts).
 */
export function reviveModelUndo(
  saved: SavedModelUndo,
  build: (saved: SavedModelUndo) => UndoOffer<SavedModelUndo>,
): UndoOffer<SavedModelUndo> {
  nameHeld(saved.key);
  return build(saved);
}
