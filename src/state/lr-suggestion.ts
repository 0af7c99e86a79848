import { create } from 'zustand';
import type { LrFindEvent } from '../core/find-learning-rate';
import type { LrPoint } from '../core/train/lr-range-test';
import { validateSettings } from '../core/train/settings';
import { proxy, studioWorker } from '../worker/client';
import type { TrainSettings } from '../core/train/settings';
import type { ProjectClass } from './project';
import { storeContext } from './store-context';

export type LrFinderStatus = 'idle' | 'extracting' | 'sweeping' | 'done' | 'error';

/** The finder works on the backbone now (extracting its features or sweeping the rates). */
export const isFinding = (s: { status: LrFinderStatus }): boolean =>
  s.status === 'extracting' || s.status === 'sweeping';

interface LrFinderState {
  status: LrFinderStatus;
  extract: { done: number; total: number };
  step: { done: number; total: number };
  points: LrPoint[];
  suggestion: number | null;
  diverged: boolean;
  /** Stop cut the sweep short (its curve is shown, without a suggestion) */
  stopped: boolean;
  error: string | null;
  run(): Promise<void>;
  /** the data or the backbone changed: a curve measured before no longer holds */
  forget(): void;
  /** puts the suggestion, rounded to two significant digits, into the learning-rate setting */
  apply(): void;
}

/** What the finder needs of the other stores (wired by state/coordinator.ts). */
export interface LrSuggestionContext {
  settings(): TrainSettings;
  /** blocks of the loaded backbone (undefined: none loaded) */
  blocks(): number | undefined;
  classes(): readonly ProjectClass[];
  /** the suggestion becomes the learning-rate setting */
  useRate(learningRate: number): void;
}

export const lrSuggestionContext = storeContext<LrSuggestionContext>('lr-suggestion');

export const useLrSuggestion = create<LrFinderState>((set, get) => ({
  status: 'idle',
  extract: { done: 0, total: 0 },
  step: { done: 0, total: 0 },
  points: [],
  suggestion: null,
  diverged: false,
  stopped: false,
  error: null,

  async run() {
    const ctx = lrSuggestionContext.get();
    const settings = ctx.settings();
    const problems = validateSettings(settings, ctx.blocks());
    if (problems.length) {
      set({ status: 'error', error: problems.join('. ') });
      return;
    }
    const classes = ctx.classes();
    const images = classes.flatMap((c, label) =>
      c.images.map((img) => ({ id: img.id, label, blob: img.file as Blob })),
    );
    set({
      status: 'extracting',
      extract: { done: 0, total: images.length },
      step: { done: 0, total: 0 },
      points: [],
      suggestion: null,
      stopped: false,
      error: null,
    });
    let finished = false;
    const onEvent = (e: LrFindEvent) => {
      if (finished) return;
      if (e.type === 'extract') set({ extract: { done: e.done, total: e.total } });
      else if (e.type === 'lr-step') set({ status: 'sweeping', step: { done: e.step, total: e.steps } });
    };
    try {
      const r = await studioWorker().findLearningRate(
        classes.map((c) => c.name),
        images,
        settings,
        proxy(onEvent),
      );
      finished = true;
      set({ status: 'done', points: r.points, suggestion: r.suggestion, diverged: r.diverged, stopped: !!r.stopped });
    } catch (err) {
      finished = true;
      // Stop while features were extracted: nothing to show, and no error (a run's Stop reads the same)
      if ((err as Error).message === 'stopped') set({ status: 'idle', stopped: true });
      else set({ status: 'error', error: (err as Error).message });
    }
  },

  forget() {
    if (isFinding(get())) return;
    set({ status: 'idle', points: [], suggestion: null, diverged: false, stopped: false, error: null });
  },

  apply() {
    const { suggestion } = get();
    if (suggestion !== null) lrSuggestionContext.get().useRate(Number(suggestion.toPrecision(2)));
  },
}));
