import { create } from 'zustand';
import { getBackboneSpec } from '../core/backbones/registry';
import { nextSlice } from '../core/frame-slices';
import { yieldToEventLoop } from '../core/yield';
import { changedSettings, validateSettings } from '../core/train/settings';
import { proxy, studioWorker } from '../worker/client';
import type { ImageInput, TrainSummary } from '../worker/protocol';
import { inRunOrder, plannedEpochs, resumeProblem, type InterruptedRun } from '../core/train/interrupted';
import { imageCount } from '../core/project/project-limits';
import { batchesOf, newestRunShown, recordRun } from './run-record';
import { imageSetPrint } from '../core/data/image-set';
import { forgetInterrupted, loadInterrupted, noteTrained, saveTrainedModel } from './model-store';
import { discardUndo, freezeUndo, resumeUndo, setAsideUndo, type TrainingUndoContext } from './training-undos';
import type { ProjectClass } from './project';
import { keepPutAside, putAsideStill } from './saved-undo';
import { ownedByProject, revivedSetAsideUndo, setAsideInterrupted } from './saved-interrupted-undo';
import { storeContext } from './store-context';
import { runEvents } from './training-events';
import { clearedTraining, idleState, runImages, runStart, testFaultEpoch } from './training-run';
import { isRunning, type TrainingContext, type TrainingState } from './training-types';

export type { BatchPoint, RunRecord } from './run-record';
export { isRunning } from './training-types';
export type { FirstModel, TrainingContext, TrainingState, TrainStatus } from './training-types';

export const trainingContext = storeContext<TrainingContext>('training');
const wired = trainingContext.get;

const NOT_KEPT = (why: string) =>
  `The trained model is not kept for your next visit (${why}): it works until you close this page or change the backbone or its backend. Download it to keep it.`;

export const useTraining = create<TrainingState>((set, get) => {
  /** the result on the page and whether its model is in storage (once its save has ended) */
  let keeping: { for: TrainSummary; kept: Promise<boolean> } | null = null;
  /** each run's number, and when the latest has wholly ended (its checkpoint forgotten too) */
  let runCount = 0;
  let runEnded: Promise<void> = Promise.resolve();
  /**
   * the starting run, until its train message is posted: a Stop pressed before then is kept here, as
   * the worker's own Stop flag is cleared by the run it stops when that run starts
   */
  let unposted: { stopped: boolean } | null = null;

  /** what the undos of this store read and change (state/training-undos.ts) */
  const undoing: TrainingUndoContext = {
    running: () => isRunning(get().status),
    runsStarted: () => runCount,
    settings: () => get().settings,
    interrupted: () => get().interrupted,
    loadedBackboneId: () => wired().backbone().loaded?.id ?? null,
    updateSettings: (patch) => get().updateSettings(patch),
    stop: () => get().stop(),
    restoreInterrupted: (run) => get().restoreInterrupted(run),
    showInterrupted: (run, notKept) =>
      set({
        interrupted: run,
        epochs: run.checkpoint.history,
        epochsPlanned: plannedEpochs(run),
        ...(notKept !== undefined && { checkpointRefused: notKept }),
      }),
  };

  /** The settings a run starts with, or why it cannot start (a resumed run keeps its own settings). */
  function runPlan(resuming: InterruptedRun | null, classes: readonly ProjectClass[], images: ImageInput[]) {
    const { loaded } = wired().backbone();
    if (resuming) {
      const problem = resumeProblem(resuming, {
        classes: classes.map((c) => c.name),
        images,
        backboneId: loaded?.id ?? null,
      });
      if (problem) return { error: `The interrupted run cannot be resumed: ${problem}` };
    }
    // the run continues with exactly the settings it started with
    const edited = get().settings;
    const settings = resuming?.settings ?? edited;
    const problems = validateSettings(settings, loaded?.blocks.length);
    if (problems.length) return { invalid: problems.join('. ') };
    if (settings !== edited) set({ settings });
    const replaced = resuming && changedSettings(resuming.settings, edited).length ? edited : null;
    return { settings, replaced };
  }

  /** A model this run made (its first or its final one) answers from now on. */
  function handOver(result: TrainSummary, name: string): void {
    noteTrained(result);
    const { loaded, selected } = wired().backbone();
    wired().modelTrained({
      kind: 'trained',
      labels: result.classes,
      inputSize: getBackboneSpec(loaded?.id ?? selected).inputSize,
      cropMode: result.settings.cropMode,
      name,
    });
  }

  /**
   * A finished run: its results and history on the page, its model kept for the next visit. The
   * result's message task only shows the end; the hand-over to Try it, forgetting the stored
   * interrupted run and the model's save each come in a task of their own (all of it in that one
   * task was 50-70 ms under 4× CPU throttling, load 19).
   */
  async function finished(result: TrainSummary, imageSet?: string): Promise<void> {
    const { runs, batches, first, epochs } = get();
    // a first model kept over a full model stopped short (or failed): the full model's epochs stay the
    // chart's own, the first model's beside them (ui/Charts.tsx firstEpochs). Its own history here
    // drew the first model's curve twice and dropped the full model's.
    const besideFull = result.phase === 'first' && first?.besideFull;
    let settle!: (kept: boolean) => void;
    keeping = { for: result, kept: new Promise((resolve) => (settle = resolve)) };
    set({
      status: result.stopped ? 'stopped' : 'done',
      result,
      resultStored: false,
      lastRunShown: true,
      epochs: besideFull ? epochs : result.history,
      runs: result.history.length
        ? [...runs, recordRun(result, runs.length + 1, batches, wired().backbone().loaded?.id, imageSet)]
        : runs,
      phase: null,
      notKept: null,
      // a finished run is not resumed: its model is what a reload brings back
      checkpointRefused: null,
    });
    await yieldToEventLoop();
    handOver(result, 'trained here');
    await yieldToEventLoop();
    // asked before the model's export (seconds of the worker's time): asked after, the results'
    // memory line came a while after the results
    const memory = studioWorker().memory();
    // the checkpoint goes once the model is in storage: a reload while the export is built and
    // written brought back the model before, with this run in the history and nothing to resume.
    // Not if a later run started meanwhile (its checkpoint is the stored one now) or an interrupted
    // run was offered back (an undo stored it again).
    const run = runCount;
    void saveTrainedModel(result).then(async (why) => {
      // not kept (storage full): the checkpoint stays, a reload's way back to this run
      if (!why && runCount === run && !get().interrupted) await forgetInterrupted().catch(() => undefined);
      settle(!why);
      if (why && get().result === result) set({ notKept: NOT_KEPT(why) });
    });
    // the run may have moved to another backend (fallback): the header shows where the model lives
    wired().ranOn(result.backends?.extraction ?? result.backend);
    set({ memory: await memory });
  }

  return {
    ...idleState(),

    // a run keeps the settings it started with: the settings, layer map and table lock in their turn (ui/frame-turns.ts)
    updateSettings: (patch) => set((s) => (isRunning(s.status) ? {} : { settings: { ...s.settings, ...patch } })),
    showKept(result, stored = true) {
      if (isRunning(get().status)) return false;
      // shown again unstored (Continue undone), its save's outcome stands: storage may hold an older model
      if (stored || keeping?.for !== result) keeping = { for: result, kept: Promise.resolve(stored) };
      // its own run's batches beside its epochs (the batch chart kept the newer run's, unsaid)
      const batches = batchesOf(result, get().runs) ?? [];
      set({
        result,
        resultStored: stored,
        epochs: result.history,
        batches,
        first: null,
        notKept: null,
        lastRunShown: false,
        // measured after another run: not this model's
        memory: null,
      });
      return true;
    },
    modelKept: () => {
      const { result } = get();
      return result && keeping?.for === result ? keeping.kept : Promise.resolve(false);
    },
    replaceSettings: (settings) => set((s) => (isRunning(s.status) ? {} : { settings })),
    restoreRuns: (runs) =>
      set((t) =>
        runs.length && !t.runs.length
          ? {
              runs,
              // read back before the runs, a model chosen again ("Use that model instead") is not the newest run's
              ...(t.result && t.resultStored && { lastRunShown: newestRunShown(t.result, runs) }),
              // the shown result's own run's, when it left a record (a kept model may be an earlier run's)
              batches: t.batches.length
                ? t.batches
                : ((t.result && batchesOf(t.result, runs)) ?? runs.at(-1)?.batches ?? []),
            }
          : {},
      ),
    restoreResult(result) {
      // a run started meanwhile (Train pressed while the model was read back) has the charts
      if (get().result || isRunning(get().status)) return false;
      keeping = { for: result, kept: Promise.resolve(true) };
      const batches = batchesOf(result, get().runs);
      // an interrupted run offered back (restored before the model) keeps its charts: Resume continues them
      const charts = get().interrupted ? {} : { epochs: result.history, ...(batches && { batches }) };
      set({ result, resultStored: true, lastRunShown: newestRunShown(result, get().runs), ...charts });
      return true;
    },
    restoreInterrupted: (run) =>
      set((t) =>
        t.status === 'idle'
          ? {
              interrupted: run,
              epochs: run.checkpoint.history,
              epochsPlanned: plannedEpochs(run),
              checkpointRefused: null,
            }
          : {},
      ),
    clearTrained: () => set(clearedTraining),
    backboneReplaced: (other) =>
      set((s) => ({
        result: null,
        memory: null,
        status: 'idle',
        // the Train step's charts kept the other backbone's run beside "No run yet" (an interrupted run's stay)
        ...(other && !s.interrupted && { epochs: [], batches: [], first: null }),
      })),
    continueFrom: (hiddenUnits, cropMode) =>
      set((s) => ({
        // the imported head's own shape on plain features: the automatic recipe would pick another;
        // and its crop: the head learnt features of images cropped that way
        settings: {
          ...s.settings,
          hiddenUnits,
          unfreeze: 0,
          frozenBlocks: [],
          recipe: 'manual',
          ...(cropMode && { cropMode }),
        },
        result: null,
        memory: null,
      })),

    async train(opts = {}) {
      // one run at a time: Train locks in its turn (ui/frame-turns.ts), a frame or more after the click
      if (isRunning(get().status)) return;
      // a run started now would train the settings, classes and head that Continue (or a project
      // being replaced) then replaces
      const switching = wired().modelSwitching();
      if (switching) return set({ error: `${switching}: train once that is done.` });
      const classes = wired().classes();
      const resuming = opts.resume ? get().interrupted : null;
      // only a resumed run needs the image list before it starts (to check it is the same project)
      const plan = runPlan(resuming, classes, resuming ? runImages(classes).images : []);
      if ('error' in plan) return set({ error: plan.error });
      if ('invalid' in plan) return set({ status: 'error', error: plan.invalid });
      const { settings } = plan;
      const resume = resuming?.checkpoint;
      const setAside = resume ? null : get().interrupted;
      const count = imageCount(classes);
      // the run locks the page in the click's own task; the list the worker gets, the stored
      // interrupted run forgotten and the message to the worker come in the next one (the Train
      // click was one 137 ms task under 4x CPU throttling, load 13)
      // a run that ends with no model of its own (stopped while it extracts, failed) gives the page
      // back the results of the model that still answers
      const shownBefore = (({ result, resultStored, epochs, batches, first, lastRunShown, memory }) => ({
        result,
        resultStored,
        epochs,
        batches,
        first,
        lastRunShown,
        memory,
      }))(get());
      set(runStart(count, settings, resume ? resume.history : null));
      const thisRun = ++runCount;
      const posting = (unposted = { stopped: false });
      let ended = () => {};
      runEnded = new Promise<void>((resolve) => (ended = resolve));
      void runEnded.then(() => wired().runFinished());
      // the edits Resume put aside for the run's own settings are offered back once it has ended
      // (offered now, the toast would be gone long before: it is refused while the run trains), and
      // stored meanwhile: the autosave keeps the run's settings, and a reload mid-run lost the edits
      const { replaced } = plan;
      if (resuming && replaced) {
        const putAside = keepPutAside(replaced, resuming.settings);
        void runEnded.then(() => wired().offerUndo(resumeUndo(putAside, undoing)));
      }
      const startedAt = performance.now();
      await yieldToEventLoop();
      const { names, images: inProject } = runImages(classes);
      const images = resuming ? inRunOrder(resuming, inProject) : inProject;
      // which images with which classes: the run table tells another run on other images of the same counts
      const imageSet = imageSetPrint(images);
      // a new run replaces the interrupted one: a reload during its extraction must not bring that back
      // as the run to resume; one set aside waits in a slot of its own while its undo is offered
      if (!resume) void (setAside ? setAsideInterrupted(setAside) : forgetInterrupted());
      // a new run takes the interrupted run's place: offered back (its checkpoint is here, in memory)
      // only in this project (its run trained on this project's images)
      if (setAside) {
        const newRun = { isLatest: () => runCount === thisRun, ended: () => runEnded };
        wired().offerUndo(ownedByProject(setAsideUndo(setAside, newRun, undoing), setAside.savedAt));
      }
      const events = runEvents({
        get,
        set,
        names,
        firstModel(result) {
          const seconds = (performance.now() - startedAt) / 1000;
          const { valAccuracy, history: epochs, images, partOf } = result;
          set({ first: { valAccuracy, epochs, seconds, images, partOf }, result, resultStored: false });
          // handed over in a slice after a drawn frame, not in the worker message's task: Try it, the
          // webcam, the steps and the downloads render at once (a store the components read
          // directly), and with the results' first render that message was a 77 ms task of CPU
          // under 4× CPU throttling (load 15). A final model that came first keeps its place.
          void nextSlice().then(() => {
            if (get().result === result)
              handOver(result, 'trained here (first model: plain features; a better one is training)');
          });
        },
        fellBack: (e) => wired().fellBack(e),
      });
      try {
        await studioWorker().setTestFault(testFaultEpoch());
        // not posted at all: it ends as one stopped while it extracts. Posted, a Stop comes after it
        // in the worker's queue (the run clears the worker's flag in its first task, then reads it)
        if (posting.stopped) throw new Error('stopped');
        unposted = null;
        const result = await studioWorker().train(
          classes.map((c) => c.name),
          images,
          settings,
          proxy(events.onEvent),
          resume,
        );
        events.finish();
        await finished(result, imageSet);
      } catch (err) {
        events.finish();
        // a resumed run that ends with no model (stopped while it extracts, failed) leaves the run it
        // resumed where it was, offered again (the checkpoint it wrote since, or the one it resumed)
        if (resuming) {
          const stored = await loadInterrupted().catch(() => undefined);
          // one from storage is what a reload offers too; the one resumed, from this page, is not there
          set((s) => ({ interrupted: stored ?? resuming, checkpointRefused: stored ? null : s.checkpointRefused }));
        } else {
          void forgetInterrupted();
          set({ checkpointRefused: null });
        }
        const message = (err as Error).message;
        // the full model failed after the first model came: that model is the run's, kept and
        // recorded as a finished run's (it answered on, unsaved, and a reload brought back an older one)
        // (stopped too: restarted after a GPU loss, a Stop in the new first epoch left the first one unsaved)
        const firstKept = get().result !== shownBefore.result ? get().result : null;
        // kept by Stop, it says so (Evaluate read "the full model failed" under "Training stopped")
        if (firstKept) await finished(message === 'stopped' ? { ...firstKept, stopped: true } : firstKept, imageSet);
        if (message === 'stopped') set({ status: 'stopped', phase: null, stoppedBeforeModel: !firstKept });
        else set({ status: 'error', error: message, phase: null });
        // no first model either: the one before answers still, and Evaluate and the downloads are its
        // (an interrupted run offered again keeps the charts: they show where it stands)
        if (!get().result && shownBefore.result) {
          const { epochs, batches, ...rest } = shownBefore;
          set(get().interrupted ? rest : { ...rest, epochs, batches });
        }
      } finally {
        if (unposted === posting) unposted = null;
        ended();
      }
    },

    stop() {
      if (unposted) unposted.stopped = true;
      void studioWorker().stop();
    },

    freezeBackbone() {
      const { status, settings } = get();
      if (isRunning(status) || settings.unfreeze === 0) return;
      const { unfreeze, frozenBlocks } = settings;
      const backboneId = undoing.loadedBackboneId();
      get().updateSettings({ unfreeze: 0, frozenBlocks: [] });
      wired().offerUndo(freezeUndo({ unfreeze, frozenBlocks, backboneId }, undoing));
    },

    async revivePutAside() {
      // side by side: storage that does not answer holds the page's first render once, not twice
      const [saved, setAsideOffer] = await Promise.all([putAsideStill(get().settings), revivedSetAsideUndo(undoing)]);
      if (saved) wired().offerUndo(resumeUndo(saved, undoing, true));
      if (setAsideOffer) wired().offerUndo(setAsideOffer.offer, setAsideOffer.ms);
    },

    discardInterrupted() {
      const run = get().interrupted;
      if (!run) return;
      set({ interrupted: null, epochs: get().result?.history ?? [] });
      wired().offerUndo(discardUndo(run, undoing));
    },
  };
});

/**
 * While a run uses the classes, images and backbone, edits that would change them under it are
 * refused with this reason (a class deleted mid-run was trained on anyway and broke the model's
 * download; a backbone switched mid-run left a head that fits neither). Images can still be added.
 */
export const RUN_LOCK =
  'Training is running: Stop it to rename, move or delete classes and images, or to change the backbone. Images you add now join the next run.';
