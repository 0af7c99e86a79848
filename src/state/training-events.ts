import type { EpochMetrics } from '../core/train/epochs';
import type { BackendInfo, StudioEvent, TrainSummary } from '../worker/protocol';
import type { BatchPoint } from './run-record';
import type { TrainingState } from './training';

const FLUSH_MS = 250;

/** What one run's event handler works on: the training store and the hand-offs of this run. */
export interface RunEventsContext {
  get(): TrainingState;
  set(patch: Partial<TrainingState> | ((s: TrainingState) => Partial<TrainingState>)): void;
  /** image id → "file (class)" for the skipped-image list */
  names: ReadonlyMap<string, string>;
  /** a two-phase run's first model answers from now on (shown with the seconds since the Train click) */
  firstModel(result: TrainSummary): void;
  /** the run continued on another backend: the header shows the worker's backend state */
  fellBack(e: { from: string; backend: BackendInfo }): void;
}

/**
 * The page's side of one run's event stream: progress and phases go to the store at once; batch
 * and epoch points, which can arrive hundreds of times a second (tiny heads on fast backends), are
 * collected and published a few times a second, so the page never spends its time re-rendering
 * charts (checkpoints are stored by the worker). `finish` publishes what is pending and closes the stream.
 */
export function runEvents(ctx: RunEventsContext) {
  const { get, set } = ctx;
  let pendingBatches: BatchPoint[] = [];
  let pendingEpochs: EpochMetrics[] = [];
  let step = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Events travel on their own port, so a few can arrive after the result: ignore those.
  let finished = false;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pendingBatches.length || pendingEpochs.length) {
      const b = pendingBatches;
      const e = pendingEpochs;
      set((s) => ({
        batches: b.length ? [...s.batches, ...b] : s.batches,
        epochs: e.length ? [...s.epochs, ...e] : s.epochs,
      }));
    }
    pendingBatches = [];
    pendingEpochs = [];
  };
  const schedule = () => (timer ??= setTimeout(flush, FLUSH_MS));

  const fallback = (e: Extract<StudioEvent, { type: 'fallback' }>) => {
    const from = e.epoch
      ? `from epoch ${e.epoch + 1}; the ${e.epoch} finished epoch${e.epoch > 1 ? 's are' : ' is'} kept`
      : 'from the start (no epoch had finished; extracted features are kept)';
    set((st) => ({
      fallbacks: [
        ...st.fallbacks,
        `The ${e.from} backend stopped working (${e.reason}). Training continues on ${e.to} ${from}.`,
      ],
    }));
    ctx.fellBack(e);
  };

  const onEvent = (e: StudioEvent) => {
    if (e.type === 'gathered') {
      for (const one of e.events) onEvent(one);
      // the worker already spaced these out: its points go out with its progress, in one render
      flush();
      return;
    }
    // ...except skipped images (a run that fails for want of readable images must still say why)
    // and fallbacks (the page must know where training went)
    if (finished && e.type !== 'skipped' && e.type !== 'fallback') return;
    switch (e.type) {
      case 'warmup':
        return set({ status: e.done < e.total ? 'warming' : 'extracting', warmup: { done: e.done, total: e.total } });
      case 'extract':
        return set({ status: 'extracting', extract: { done: e.done, total: e.total } });
      case 'recipe':
        return set({ recipe: { done: e.done, total: e.total } });
      case 'fallback':
        return fallback(e);
      case 'skipped':
        return set((s) => ({ skipped: [...s.skipped, { name: ctx.names.get(e.id) ?? e.id, reason: e.reason }] }));
      case 'phase':
        flush();
        // the full model's epochs start a chart of their own; the first model's stay beside them. A first
        // phase again (a fallback's restart) trains a new first model: the old one's curve leaves the chart
        return set((s) =>
          e.phase === 'first'
            ? {
                phase: 'first',
                epochs: [],
                epochsPlanned: e.epochs,
                firstImages: e.images ?? null,
                first: s.first && { ...s.first, besideFull: false },
              }
            : {
                phase: 'final',
                status: 'extracting',
                epochs: [],
                epochsPlanned: e.epochs,
                first: s.first && { ...s.first, besideFull: true },
              },
        );
      case 'checkpoint':
        return set({ checkpointRefused: e.refused });
      case 'plan':
        // the automatic recipe's epochs, which the run's start and a 'final' phase could not know
        return set({ epochsPlanned: e.epochs });
      case 'first-model':
        flush();
        return ctx.firstModel(e.result);
      case 'batch':
      case 'batches': {
        if (get().status !== 'training') set({ status: 'training' });
        // the chart tells the first model's batches from the full model's, whose loss starts high again
        const first = get().phase === 'first' ? ({ first: true } as const) : {};
        for (const loss of e.type === 'batch' ? [e.loss] : e.losses)
          pendingBatches.push({ step: ++step, loss, ...first });
        schedule();
        return;
      }
      case 'epoch':
        pendingEpochs.push(e.metrics);
        schedule();
        return;
    }
  };

  return {
    onEvent,
    finish() {
      flush();
      finished = true;
    },
  };
}
