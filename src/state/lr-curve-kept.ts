import { openDatabase } from '../core/storage/databases';
import type { LrPoint } from '../core/train/lr-range-test';
import type { SweptWith, useLrSuggestion } from './lr-suggestion';
import type { ProjectClass } from './project';
import { currentProject } from './project-generations';

/**
 * The learning-rate finder's curve, kept in browser storage beside the project (a few hundred
 * numbers), so a reload shows it again instead of asking for another sweep. It comes back only onto
 * what it was measured on: the same project, the same images under the same labels, the same backbone.
 */
export interface KeptCurve {
  points: LrPoint[];
  suggestion: number | null;
  diverged: boolean;
  stopped: boolean;
  sweptWith: SweptWith | null;
  backboneId: string;
  /** the labelled images it was measured on (labelledPrint) */
  print: string;
  made: number;
}

const KEY = 'lr-curve';
const model = () => openDatabase('model');

/** The class ids in order, each with its image ids in order, as one short hash (FNV-1a, 52 bits). */
export function labelledPrint(classes: readonly ProjectClass[]): string {
  let h = 0xcbf29ce484222325n;
  const mask = (1n << 52n) - 1n;
  const text = classes.map((c) => `${c.id}:${c.images.map((i) => i.id).join(',')}`).join(';');
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & mask;
  return `${classes.length}-${h.toString(36)}`;
}

const warn = (what: string) => (err: Error) => console.warn(`The learning-rate curve ${what}: ${err.message}`);

export async function loadKeptCurve(): Promise<KeptCurve | null> {
  const kept = (await (await model()).get('model', KEY)) as KeptCurve | undefined;
  return kept && Array.isArray(kept.points) && typeof kept.print === 'string' ? kept : null;
}

/** What keeping and restoring read of the other stores (state/coordinator.ts hands them over). */
export interface CurveStores {
  classes(): readonly ProjectClass[];
  loadedBackboneId(): string | null;
  /** told of each backbone load */
  onBackboneLoad(listener: () => void): () => void;
  /** the learning-rate finder's store, whose curve is kept (a store does not import another) */
  finder: Pick<typeof useLrSuggestion, 'getState' | 'setState' | 'subscribe'>;
}

/**
 * Stores each finished sweep's curve and forgets it once the finder drops it (the data or backbone
 * changed); after a reload, puts it back when its backbone has loaded. Returns the unsubscribe function.
 */
export function keepLrCurve(stores: CurveStores): () => void {
  const useLrSuggestion = stores.finder;
  let restored = false;
  const stopKeeping = useLrSuggestion.subscribe((s, prev) => {
    if (s.points === prev.points) return;
    const backboneId = stores.loadedBackboneId();
    if (s.status === 'done' && s.points.length && backboneId) {
      restored = true;
      const { points, suggestion, diverged, stopped, sweptWith } = s;
      const print = labelledPrint(stores.classes());
      const kept: KeptCurve = {
        points,
        suggestion,
        diverged,
        stopped,
        sweptWith,
        backboneId,
        print,
        made: currentProject(),
      };
      void (async () => (await model()).put('model', kept, KEY))().catch(warn('is not kept for a reload'));
    } else if (prev.points.length && !s.points.length)
      void (async () => (await model()).delete('model', KEY))().catch(warn('could not be forgotten'));
  });
  const stopRestoring = stores.onBackboneLoad(() => {
    // once a visit, onto a finder with nothing to show: a sweep of this visit is newer
    if (restored || useLrSuggestion.getState().status !== 'idle') return;
    const backboneId = stores.loadedBackboneId();
    void loadKeptCurve()
      .then((kept) => {
        if (!kept || restored || kept.backboneId !== backboneId || stores.loadedBackboneId() !== backboneId) return;
        restored = true;
        const now = useLrSuggestion.getState();
        if (kept.made !== currentProject() || kept.print !== labelledPrint(stores.classes()) || now.status !== 'idle')
          return;
        const { points, suggestion, diverged, stopped, sweptWith } = kept;
        useLrSuggestion.setState({ status: 'done', points, suggestion, diverged, stopped, sweptWith, notice: null });
      })
      .catch(warn('could not be read back'));
  });
  return () => {
    stopKeeping();
    stopRestoring();
  };
}
