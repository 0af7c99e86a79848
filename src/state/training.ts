import { create } from 'zustand';
import type { CropMode } from '../core/data/crop';
import { augmentViewsFor, DEFAULT_SETTINGS, validateSettings, type TrainSettings } from '../core/train/settings';
import type { EpochMetrics } from '../core/train/epochs';
import { proxy, studioWorker } from '../worker/client';
import type { Prediction, StudioEvent, TrainSummary } from '../worker/protocol';
import { resumeProblem, type InterruptedRun } from '../core/train/interrupted';
import { useBackbone } from './backbone';
import { runLabel, thin, type BatchPoint, type RunRecord } from './run-record';

export type { BatchPoint, RunRecord } from './run-record';
import {
  forgetInterrupted,
  forgetStartingPoint,
  keepCheckpoint,
  keepStartingPoint,
  saveTrainedModel,
} from './model-store';
import { useProject } from './project';
import { rememberBackbone } from './custom-backbone';
import { getBackboneSpec, registerBackbone } from '../core/backbones/registry';

export type TrainStatus = 'idle' | 'warming' | 'extracting' | 'training' | 'done' | 'stopped' | 'error';

/** A two-phase run's first model (plain features), shown while and after the full model trains. */
export interface FirstModel {
  valAccuracy: number;
  epochs: EpochMetrics[];
  /** from the Train click to the first model's validation accuracy */
  seconds: number;
}

/** A run is under way (warming shaders, extracting or training): what locks the controls that would disturb it. */
export const isRunning = (status: TrainStatus) =>
  status === 'warming' || status === 'extracting' || status === 'training';

export interface ModelInfo {
  kind: 'trained' | 'imported' | 'restored';
  labels: string[];
  /** the model's square input size */
  inputSize: number;
  cropMode: CropMode;
  name: string;
}

interface TrainingState {
  settings: TrainSettings;
  status: TrainStatus;
  extract: { done: number; total: number };
  /** images in the running run: the first extraction passes are theirs, the rest augmented views */
  runImages: number;
  warmup: { done: number; total: number };
  /** the automatic head recipe's cross-validation: fold trainings done of total */
  recipe: { done: number; total: number };
  epochsPlanned: number;
  batches: BatchPoint[];
  epochs: EpochMetrics[];
  /** a two-phase run: 'first' trains on plain features, 'final' extracts the views and trains the full model */
  phase: 'first' | 'final' | null;
  first: FirstModel | null;
  /** every finished run of this session, oldest first, for side-by-side charts */
  runs: RunRecord[];
  result: TrainSummary | null;
  /** why the last trained model could not be stored for the next visit (null: it was, or none yet) */
  notKept: string | null;
  /** the worker's memory after the last run: tensors and the feature/activation cache */
  memory: { numBytes: number; cacheBytes: number; cachedFeatures: number } | null;
  error: string | null;
  /** each time a backend fell over during the last run and training continued on another */
  fallbacks: string[];
  skipped: { name: string; reason: string }[];
  prediction: (Prediction & { name: string; url: string; file: File }) | null;
  predictError: string | null;
  /** what answers Try it and the webcam: trained here, imported from a zip, or restored from the last session */
  model: ModelInfo | null;
  importError: string | null;
  /** a run a reload cut short, restored from its last checkpoint (state/persist.ts) */
  interrupted: InterruptedRun | null;
  /** the imported model whose head the next runs start from (on the backbone cut from it) */
  startFrom: { modelName: string; labels: string[]; backboneId: string; hiddenUnits: number } | null;
  continueError: string | null;
  /** the imported model becomes the starting point of the next runs; its classes are added to the project */
  continueImported(): Promise<void>;
  startFromScratch(): void;
  importModel(file: File): Promise<void>;
  updateSettings(patch: Partial<TrainSettings>): void;
  /** `resume`: continue the interrupted run from its checkpoint instead of starting a new one */
  train(opts?: { resume?: boolean }): Promise<void>;
  discardInterrupted(): void;
  stop(): void;
  predict(file: File): Promise<void>;
  /** what the last visit left (state/persist.ts reads it back), shown unless this visit already has its own */
  restoreRuns(runs: RunRecord[]): void;
  restoreModel(result: TrainSummary, model: ModelInfo): void;
  restoreInterrupted(run: InterruptedRun): void;
  restoreStartFrom(startFrom: NonNullable<TrainingState['startFrom']>): void;
  /** a replaced project's training leaves the page (its model and runs were stashed first) */
  clearTrained(): void;
}

const FLUSH_MS = 250;

/** Test hook: ?fault=gpu-lost-after-epoch-N really loses the GPU after epoch N (see worker/faults.ts). */
function testFaultEpoch(): number | null {
  const m = /[?&]fault=gpu-lost-after-epoch-(\d+)/.exec(globalThis.location?.search ?? '');
  return m ? Number(m[1]) : null;
}

export const useTraining = create<TrainingState>((set, get) => ({
  settings: { ...DEFAULT_SETTINGS },
  status: 'idle',
  extract: { done: 0, total: 0 },
  runImages: 0,
  warmup: { done: 0, total: 0 },
  recipe: { done: 0, total: 0 },
  epochsPlanned: DEFAULT_SETTINGS.epochs,
  batches: [],
  epochs: [],
  phase: null,
  first: null,
  runs: [],
  result: null,
  notKept: null,
  memory: null,
  error: null,
  fallbacks: [],
  skipped: [],
  prediction: null,
  model: null,
  importError: null,
  predictError: null,
  interrupted: null,
  startFrom: null,
  continueError: null,

  updateSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  restoreRuns: (runs) =>
    set((t) =>
      runs.length && !t.runs.length
        ? { runs, batches: t.batches.length ? t.batches : (runs.at(-1)?.batches ?? []) }
        : {},
    ),
  restoreModel: (result, model) => set((t) => (t.result ? {} : { result, epochs: result.history, model })),
  restoreInterrupted: (run) =>
    set((t) =>
      t.status === 'idle'
        ? { interrupted: run, epochs: run.checkpoint.history, epochsPlanned: run.settings.epochs }
        : {},
    ),
  restoreStartFrom: (startFrom) => set({ startFrom }),
  clearTrained() {
    get().startFromScratch();
    set({
      result: null,
      model: null,
      prediction: null,
      epochs: [],
      batches: [],
      interrupted: null,
      runs: [],
      startFrom: null,
    });
  },

  async train(opts = {}) {
    const classes = useProject.getState().classes;
    const names = new Map<string, string>();
    const images = classes.flatMap((c, label) =>
      c.images.map((img) => {
        names.set(img.id, `${img.file.name} (${c.name})`);
        return { id: img.id, label, blob: img.file as Blob };
      }),
    );
    const backboneId = useBackbone.getState().loaded?.id ?? null;
    const resuming = opts.resume ? get().interrupted : null;
    if (resuming) {
      const problem = resumeProblem(resuming, { classes: classes.map((c) => c.name), images, backboneId });
      if (problem) {
        set({ error: `The interrupted run cannot be resumed: ${problem}` });
        return;
      }
      // the run continues with exactly the settings it started with
      set({ settings: resuming.settings });
    }
    const { settings } = get();
    const problems = validateSettings(settings, useBackbone.getState().loaded?.blocks.length);
    if (problems.length) {
      set({ status: 'error', error: problems.join('. ') });
      return;
    }
    const resume = resuming?.checkpoint;
    // a new run replaces the interrupted one: a reload during its extraction must not bring that back
    if (!resume) void forgetInterrupted();
    set({
      status: 'extracting',
      extract: { done: 0, total: images.length },
      runImages: images.length,
      warmup: { done: 0, total: 0 },
      recipe: { done: 0, total: 0 },
      batches: [],
      epochs: resume ? resume.history : [],
      result: null,
      error: null,
      fallbacks: [],
      skipped: [],
      epochsPlanned: settings.epochs,
      interrupted: null,
      phase: null,
      first: null,
    });
    const startedAt = performance.now();
    const modelInfo = (result: TrainSummary, name: string): ModelInfo => ({
      kind: 'trained',
      labels: result.classes,
      inputSize: getBackboneSpec(useBackbone.getState().loaded?.id ?? useBackbone.getState().selected).inputSize,
      cropMode: result.settings.cropMode,
      name,
    });
    const kept = {
      settings,
      classes: classes.map((c) => c.name),
      images: images.map(({ id, label }) => ({ id, label })),
      backboneId: backboneId ?? '',
    };
    // Events can arrive hundreds of times a second (tiny heads on fast backends): collect them and
    // publish a few times a second so the page never spends its time re-rendering charts.
    let pendingBatches: BatchPoint[] = [];
    let pendingEpochs: EpochMetrics[] = [];
    let step = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
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
    // Events travel on their own port, so a few can arrive after the result: ignore those.
    let finished = false;
    const onEvent = (e: StudioEvent) => {
      if (e.type === 'checkpoint') {
        if (!finished) void keepCheckpoint({ ...kept, checkpoint: e.checkpoint, savedAt: new Date().toISOString() });
        return;
      }
      // ...except skipped images (a run that fails for want of readable images must still say why)
      // and fallbacks (the page must know where training went)
      if (finished && e.type !== 'skipped' && e.type !== 'fallback') return;
      if (e.type === 'warmup')
        set({ status: e.done < e.total ? 'warming' : 'extracting', warmup: { done: e.done, total: e.total } });
      else if (e.type === 'extract') set({ status: 'extracting', extract: { done: e.done, total: e.total } });
      else if (e.type === 'recipe') set({ recipe: { done: e.done, total: e.total } });
      else if (e.type === 'fallback') {
        const from = e.epoch
          ? `from epoch ${e.epoch + 1}; the ${e.epoch} finished epoch${e.epoch > 1 ? 's are' : ' is'} kept`
          : 'from the start (no epoch had finished; extracted features are kept)';
        set((st) => ({
          fallbacks: [
            ...st.fallbacks,
            `The ${e.from} backend stopped working (${e.reason}). Training continues on ${e.to} ${from}.`,
          ],
        }));
        useBackbone.getState().backendFellBack(e);
      } else if (e.type === 'skipped')
        set((s) => ({ skipped: [...s.skipped, { name: names.get(e.id) ?? e.id, reason: e.reason }] }));
      else if (e.type === 'phase') {
        flush();
        // the full model's epochs start a chart of their own; the first model's stay beside them
        set(
          e.phase === 'first'
            ? { phase: 'first', epochs: [], epochsPlanned: e.epochs }
            : { phase: 'final', status: 'extracting', epochs: [], epochsPlanned: e.epochs },
        );
      } else if (e.type === 'first-model') {
        flush();
        const seconds = (performance.now() - startedAt) / 1000;
        set({
          first: { valAccuracy: e.result.valAccuracy, epochs: e.result.history, seconds },
          result: e.result,
          prediction: null,
          model: modelInfo(e.result, 'trained here (first model: plain features; a better one is training)'),
        });
      } else if (e.type === 'batch') {
        if (get().status !== 'training') set({ status: 'training' });
        pendingBatches.push({ step: ++step, loss: e.loss });
        schedule();
      } else if (e.type === 'epoch') {
        pendingEpochs.push(e.metrics);
        schedule();
      }
    };
    try {
      await studioWorker().setTestFault(testFaultEpoch());
      const result = await studioWorker().train(
        classes.map((c) => c.name),
        images,
        settings,
        proxy(onEvent),
        resume,
      );
      flush();
      finished = true;
      void forgetInterrupted();
      set({
        status: result.stopped ? 'stopped' : 'done',
        result,
        epochs: result.history,
        runs: result.history.length
          ? [
              ...get().runs,
              {
                n: get().runs.length + 1,
                label: runLabel(result.settings, augmentViewsFor(result.settings)),
                valAccuracy: result.valAccuracy,
                history: result.history,
                valLoss: (result.bestEpoch ? result.history[result.bestEpoch - 1] : result.history.at(-1))?.valLoss,
                seconds: result.seconds.extract + result.seconds.train,
                batches: thin(get().batches),
                settings: result.settings,
              },
            ]
          : get().runs,
        prediction: null,
        phase: null,
        model: modelInfo(result, 'trained here'),
      });
      set({ notKept: null });
      void saveTrainedModel(result).then((why) => {
        if (why && get().result === result)
          set({
            notKept: `The trained model is not kept for your next visit (${why}): it works until you close this page. Download it to keep it.`,
          });
      });
      // the run may have moved to another backend (fallback): the header shows where the model lives
      const active = result.backends?.extraction ?? result.backend;
      useBackbone.getState().showActiveBackend(active);
      set({ memory: await studioWorker().memory() });
    } catch (err) {
      flush();
      finished = true;
      void forgetInterrupted();
      const message = (err as Error).message;
      if (message === 'stopped') set({ status: 'stopped', phase: null });
      else set({ status: 'error', error: message, phase: null });
    }
  },

  stop() {
    void studioWorker().stop();
  },

  async continueImported() {
    set({ continueError: null });
    let r: Awaited<ReturnType<ReturnType<typeof studioWorker>['continueImported']>>;
    try {
      r = await studioWorker().continueImported(get().model?.name);
    } catch (err) {
      set({ continueError: `This model cannot be continued: ${(err as Error).message}` });
      return;
    }
    const { spec, start, ...info } = r;
    // a head-only model continues on the backbone already loaded; a whole model brings its own
    if (useBackbone.getState().loaded?.id !== spec.id) {
      registerBackbone(spec);
      rememberBackbone(spec);
      useBackbone.getState().adoptLoaded(spec.id, info);
    }
    // the classes it knows are there to drop images on (a class it does not know is a new one)
    const project = useProject.getState();
    for (const label of start.labels) if (!project.classes.some((c) => c.name === label)) project.addClass(label);
    const startFrom = {
      modelName: start.modelName,
      labels: start.labels,
      backboneId: spec.id,
      hiddenUnits: start.hiddenUnits,
    };
    set((s) => ({
      startFrom,
      settings: { ...s.settings, hiddenUnits: start.hiddenUnits, unfreeze: 0, frozenBlocks: [] },
      result: null,
      memory: null,
    }));
    void keepStartingPoint({ ...startFrom, start });
  },

  startFromScratch() {
    void studioWorker().startFromScratch();
    void forgetStartingPoint();
    set({ startFrom: null });
  },

  discardInterrupted() {
    void forgetInterrupted();
    set({ interrupted: null, epochs: get().result?.history ?? [] });
  },

  async importModel(file) {
    try {
      const info = await studioWorker().importModel(new Uint8Array(await file.arrayBuffer()));
      set({
        model: {
          kind: 'imported',
          labels: info.labels,
          inputSize: info.inputSize,
          cropMode: info.cropMode,
          name: `${file.name} (${info.source === 'studio' ? 'Transfer Studio' : 'Teachable Machine'} model)`,
        },
        importError: null,
        continueError: null,
        prediction: null,
      });
    } catch (err) {
      set({ importError: `${file.name}: ${(err as Error).message}` });
    }
  },

  async predict(file) {
    const url = URL.createObjectURL(file);
    const old = get().prediction;
    if (old) URL.revokeObjectURL(old.url);
    try {
      const p = await studioWorker().predict(file);
      set({ prediction: { ...p, name: file.name, url, file }, predictError: null });
    } catch (err) {
      URL.revokeObjectURL(url);
      set({ prediction: null, predictError: `${file.name}: ${(err as Error).message}` });
    }
  },
}));

/**
 * While a run uses the classes, images and backbone, edits that would change them under it are
 * refused with this reason (a class deleted mid-run was trained on anyway and broke the model's
 * download; a backbone switched mid-run left a head that fits neither). Images can still be added.
 */
export const RUN_LOCK =
  'Training is running: Stop it to rename, move or delete classes and images, or to change the backbone. Images you add now join the next run.';
