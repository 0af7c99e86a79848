import { create } from 'zustand';
import type { LrFindEvent } from '../core/find-learning-rate';
import type { LrPoint } from '../core/train/lr-range-test';
import { DEFAULT_SETTINGS, SETTING_LABELS, validateSettings } from '../core/train/settings';
import { proxy, studioWorker } from '../worker/client';
import type { BackendInfo } from '../worker/protocol';
import type { TrainSettings } from '../core/train/settings';
import type { ProjectClass } from './project';
import { storeContext } from './store-context';

export type LrFinderStatus = 'idle' | 'extracting' | 'sweeping' | 'done' | 'error';

/** The finder works on the backbone now (extracting its features or sweeping the rates). */
export const isFinding = (s: { status: LrFinderStatus }): boolean =>
  s.status === 'extracting' || s.status === 'sweeping';

/**
 * The settings a sweep's curve depends on: the split and the crop choose the features it trains on
 * (find-learning-rate.ts), the rest shape its head and steps (lr-range-test.ts, train/step.ts). The
 * learning rate, the epochs and the blocks do not: the sweep trains a fresh head on pretrained features.
 */
export const SWEPT_WITH = [
  'batchSize',
  'hiddenUnits',
  'dropout',
  'weightDecay',
  'classWeights',
  'cropMode',
  'valSplit',
  'seed',
] as const satisfies readonly (keyof TrainSettings)[];

export type SweptWith = Pick<TrainSettings, (typeof SWEPT_WITH)[number]>;

const sweptWithOf = (s: TrainSettings) => Object.fromEntries(SWEPT_WITH.map((k) => [k, s[k]])) as SweptWith;

/**
 * What stops a sweep among the settings: the problems of those it uses alone. A learning rate
 * cleared or out of range, or a half-typed epoch count, must not keep the finder from filling it in.
 */
export function sweepProblems(s: TrainSettings): string[] {
  // the settings it does not use checked at their (valid) defaults
  return validateSettings({ ...DEFAULT_SETTINGS, ...sweptWithOf(s) });
}

/**
 * The settings the curve was measured with that are set otherwise `now`, by their form labels;
 * empty while it still holds (setting one back makes it hold again).
 */
export function sweepChanges(sweptWith: SweptWith | null, now: TrainSettings): string[] {
  if (!sweptWith) return [];
  return SWEPT_WITH.filter((k) => !Object.is(sweptWith[k], now[k])).map((k) => SETTING_LABELS[k]);
}

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
  /** the settings the shown curve was measured with (sweepChanges says whether it still holds) */
  sweptWith: SweptWith | null;
  /** why a sweep's answer was dropped (the images changed while it ran) */
  notice: string | null;
  run(): Promise<void>;
  /**
   * the data or the backbone changed: a curve measured before no longer holds, and a sweep running
   * now is dropped when it returns; `what` changed, in words ("The images")
   */
  forget(what?: string): void;
  /** puts the suggestion, rounded to two significant digits, into the learning-rate setting, while it holds */
  apply(): void;
}

/** What the finder needs of the other stores (wired by state/coordinator.ts). */
export interface LrSuggestionContext {
  settings(): TrainSettings;
  classes(): readonly ProjectClass[];
  /** the suggestion becomes the learning-rate setting */
  useRate(learningRate: number): void;
  /** a training run is going (it uses the backbone) */
  running(): boolean;
  /** the sweep lost the head's backend (`from`) and the worker dropped it: shown as after a run's fallback */
  headLost(e: { from: string; backend: BackendInfo }): void;
}

export const lrSuggestionContext = storeContext<LrSuggestionContext>('lr-suggestion');

/** counts runs and forgets: a sweep whose number is no longer the latest ran on data that changed since */
let generation = 0;
/** what changed under the running sweep, for its notice */
let changedWhile = 'The images';

const CLEARED = { points: [], suggestion: null, sweptWith: null, diverged: false, stopped: false, error: null };

export const useLrSuggestion = create<LrFinderState>((set, get) => ({
  status: 'idle',
  extract: { done: 0, total: 0 },
  step: { done: 0, total: 0 },
  points: [],
  suggestion: null,
  diverged: false,
  stopped: false,
  error: null,
  sweptWith: null,
  notice: null,

  async run() {
    const ctx = lrSuggestionContext.get();
    // the panel locks the finder a frame after Train: a press in that frame swept beside the run,
    // on the backbone its fine-tuning writes
    if (ctx.running()) {
      set({
        status: 'error',
        error: 'A training run is using the backbone: find the learning rate once it has ended.',
        notice: null,
      });
      return;
    }
    const settings = ctx.settings();
    const problems = sweepProblems(settings);
    if (problems.length) {
      set({ status: 'error', error: problems.join('. '), notice: null });
      return;
    }
    const mine = ++generation;
    const sweptWith = sweptWithOf(settings);
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
      sweptWith: null,
      stopped: false,
      error: null,
      notice: null,
    });
    let finished = false;
    // its answer, a stop or a failure alike, is for images that are gone: said instead
    const stale = () => {
      if (mine === generation) return false;
      set({ status: 'idle', ...CLEARED, notice: `${changedWhile} changed while the finder ran: run it again.` });
      return true;
    };
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
      // the worker dropped it whatever became of the curve: the page shows where heads train now
      if (r.headLost) ctx.headLost(r.headLost);
      if (stale()) return;
      set({
        status: 'done',
        points: r.points,
        suggestion: r.suggestion,
        sweptWith,
        diverged: r.diverged,
        stopped: !!r.stopped,
      });
    } catch (err) {
      finished = true;
      if (stale()) return;
      // Stop while features were extracted: nothing to show, and no error (a run's Stop reads the same)
      if ((err as Error).message === 'stopped') set({ status: 'idle', stopped: true });
      else set({ status: 'error', error: (err as Error).message });
    }
  },

  forget(what = 'The images') {
    generation++;
    // the sweep in progress shows its progress until it returns, then goes (run)
    if (isFinding(get())) changedWhile = what;
    else set({ status: 'idle', ...CLEARED, notice: null });
  },

  apply() {
    const { suggestion, sweptWith } = get();
    const ctx = lrSuggestionContext.get();
    // measured with other settings, it is not offered (LrFinder says which changed)
    if (suggestion === null || sweepChanges(sweptWith, ctx.settings()).length) return;
    ctx.useRate(Number(suggestion.toPrecision(2)));
  },
}));

/** The same images under the same labels (class order and ids), whatever the classes are called. */
function sameLabelledImages(now: readonly ProjectClass[], before: readonly ProjectClass[]): boolean {
  return (
    now === before ||
    (now.length === before.length &&
      now.every((c, i) => {
        const b = before[i];
        return (
          c === b ||
          (c.id === b.id &&
            (c.images === b.images ||
              (c.images.length === b.images.length && c.images.every((im, k) => im.id === b.images[k].id))))
        );
      }))
  );
}

/** a store's changes, as zustand hands them (the stores themselves are handed by state/coordinator.ts) */
interface Changes<S> {
  subscribe(listener: (s: S, prev: S) => void): () => void;
}

/** Forgets the curve when what it was measured on changes; returns the unsubscribe function. */
export function forgetLrSuggestionOnChange(
  project: Changes<{ classes: readonly ProjectClass[] }>,
  backbone: Changes<{ lastLoad: { before: { id: string } | null; loaded: { id: string } } | null }>,
): () => void {
  const unsubscribe = [
    // a learning-rate curve measured on other images or another backbone no longer holds: it goes
    // rather than offer its rate for data it never saw (the same backbone moved onto another
    // backend gives the same features, and a renamed class the same labels: its curve stays)
    project.subscribe((s, prev) => !sameLabelledImages(s.classes, prev.classes) && useLrSuggestion.getState().forget()),
    backbone.subscribe(
      (s, prev) =>
        s.lastLoad !== prev.lastLoad &&
        s.lastLoad?.before?.id !== s.lastLoad?.loaded.id &&
        useLrSuggestion.getState().forget('The backbone'),
    ),
  ];
  return () => unsubscribe.forEach((u) => u());
}
