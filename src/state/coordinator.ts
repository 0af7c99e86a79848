import { appUpdateContext } from './app-update';
import { registerBackbone } from '../core/backbones/registry';
import { DEFAULT_SETTINGS } from '../core/train/settings';
import { onWorkerStart, studioWorker } from '../worker/client';
import type { TrainSummary } from '../worker/protocol';
import { useBackbone } from './backbone';
import { storedChoice, storedPlan } from './backend-plan';
import { customBackboneContext, rememberBackbone } from './custom-backbone';
import { insightContext, useInsight } from './dataset-insight';
import { useLabelChecks } from './label-checks';
import { forgetLrSuggestionOnChange, lrSuggestionContext, useLrSuggestion } from './lr-suggestion';
import { keepLrCurve } from './lr-curve-kept';
import { leaveGuardContext, lostOnLeave, modelWriting, UNKEPT_ON_LEAVE } from './leave-guard';
import { otherModelContext, useOtherModel } from './other-model';
import {
  continuingNow,
  modelChanges,
  modelInUseContext,
  startingPointChanges,
  startingPointNow,
  useModelInUse,
} from './model-in-use';
import { loadSavedUndos, settleSaves, storedFiles, usePersistence } from './persist';
import { heldFilesContext } from './persist-undos';
import { withFailure, withoutFailures, type RestoreFailure } from './restore-note';
import { applyRecord, currentRecord, persistContext } from './page-record';
import { restoreContext, restoreTrained } from './restore-trained';
import { useProject } from './project';
import { deleteImages, moveImages, projectUndoContext, replacingNow } from './project-undo';
import { isRunning, RUN_LOCK, trainingContext, useTraining } from './training';
import { heldImageFiles, heldImageIds, offerUndo, savedUndos, useUndo } from './undo';
import { LIVE_DEFAULTS, useWebcam, webcamContext } from './webcam';
import { testSetContext, useTestSet } from './test-set';
import {
  backboneLoaded,
  backboneSettled,
  followProjectBackbone,
  freezeChoices,
  freezeSettingsOf,
  onFreezeChoice,
} from './coordinator-backbone';
import { applyFoundRate, continueFrom, pageTrained, reviveUndo } from './coordinator-undos';

/**
 * The reactions that span stores, wired once at start-up (main.tsx), so a store does not import
 * the stores it affects, nor write into them: what a store needs of the others it is handed here.
 */
/** the result whose arrival last cleared the review's "train again" marks */
let marksClearedFor: TrainSummary | null = null;

export function connectStores(): () => void {
  // first message: the worker's first backend choice can then follow the last calibration and the user's picks
  // (a plan measured with another backbone does not say which backend wins for this one)
  onWorkerStart((worker) => void worker.setBackendPlan(storedPlan(useBackbone.getState().selected), storedChoice()));
  const contexts = [
    trainingContext,
    modelInUseContext,
    lrSuggestionContext,
    customBackboneContext,
    webcamContext,
    insightContext,
    appUpdateContext,
    leaveGuardContext,
    projectUndoContext,
    persistContext,
    heldFilesContext,
    restoreContext,
    otherModelContext,
    testSetContext,
  ];
  testSetContext.connect({
    model: () => useModelInUse.getState().model,
    projectFiles: () => useProject.getState().classes.flatMap((c) => c.images.map((i) => i.file)),
  });
  trainingContext.connect({
    classes: () => useProject.getState().classes,
    backbone: () => useBackbone.getState(),
    fellBack(e) {
      useBackbone.getState().backendFellBack(e);
      useModelInUse.getState().fellBack();
    },
    ranOn: (active) => useBackbone.getState().showActiveBackend(active),
    modelTrained: (model) => useModelInUse.getState().show(model),
    runFinished: () => useModelInUse.getState().runEnded(),
    // a kept model being put back also changes what answers: a run started meanwhile kept the page's
    // old model while the worker answered with the kept one
    modelSwitching: () =>
      replacingNow() ??
      continuingNow() ??
      (useOtherModel.getState().swapping ? 'The kept model is being put back' : null),
    offerUndo: (offer, ms) => void offerUndo(offer, ms),
  });
  modelInUseContext.connect({
    loadedBackboneId: () => useBackbone.getState().loaded?.id ?? null,
    replacing: replacingNow,
    backboneAdopted(spec, info) {
      registerBackbone(spec);
      rememberBackbone(spec);
      useBackbone.getState().adoptLoaded(spec.id, info);
    },
    continuing: continueFrom,
    running: () => isRunning(useTraining.getState().status),
    offerUndo: (offer) => void offerUndo(offer),
  });
  otherModelContext.connect({
    running: () => isRunning(useTraining.getState().status),
    loadedBackboneId: () => useBackbone.getState().loaded?.id ?? null,
    selectBackbone: (id) => useBackbone.getState().select(id),
    show(result, model) {
      if (useTraining.getState().showKept(result)) useModelInUse.getState().show(model);
    },
  });
  lrSuggestionContext.connect({
    settings: () => useTraining.getState().settings,
    classes: () => useProject.getState().classes,
    running: () => isRunning(useTraining.getState().status),
    headLost: (e) => useBackbone.getState().backendFellBack(e),
    useRate: applyFoundRate,
  });
  customBackboneContext.connect({
    selected: () => useBackbone.getState().selected,
    select: (id) => useBackbone.getState().select(id),
    listChanged: () => useBackbone.getState().listChanged(),
    loadWith: (task) => useBackbone.getState().loadWith(task),
    markSelected: (id) => useBackbone.getState().markSelected(id),
    loaded: () => useBackbone.getState().loaded,
    error: () => useBackbone.getState().error,
    locked: () => useBackbone.getState().locked,
    offerUndo: (offer, ms) => void offerUndo(offer, ms),
  });
  webcamContext.connect({
    model: () => useModelInUse.getState().model,
    hasClass: (classId) => useProject.getState().classes.some((c) => c.id === classId),
    addImage(classId, file) {
      // a full project drops the frame (MAX_PROJECT_IMAGES): the count of the class's images says if it came in
      const count = () => useProject.getState().classes.find((c) => c.id === classId)?.images.length ?? 0;
      const before = count();
      // a frame the page made itself: added at once, in order, with no read of the file
      void useProject.getState().addImages(classId, [file], { pageMade: true });
      return count() > before;
    },
  });
  appUpdateContext.connect({
    running: () => isRunning(useTraining.getState().status),
    settleWrites,
    unsaved: () => unsavedWork('update once they are in'),
  });
  leaveGuardContext.connect({ unsaved: () => unsavedWork('leave once they are in') });
  insightContext.connect({
    classes: () => useProject.getState().classes,
    settings: () => useTraining.getState().settings,
    backboneId: () => useBackbone.getState().loaded?.id ?? null,
    locked: () => useProject.getState().locked,
    running: () => isRunning(useTraining.getState().status),
    moveImages,
    deleteImages,
  });
  projectUndoContext.connect({
    project: () => useProject.getState(),
    offerUndo,
    clearTrained,
    currentRecord,
    applyRecord,
    restoreTrained,
    pageTrained,
    storedFiles,
    loadSavedUndos,
    modelKept: () => useTraining.getState().modelKept(),
    continuing: continuingNow,
    revive: reviveUndo,
  });
  restoreContext.connect({
    backboneSettled,
    backboneLoading: () => useBackbone.getState().status === 'loading',
    restoreModel(result, model) {
      if (useTraining.getState().restoreResult(result)) useModelInUse.getState().show(model);
    },
    restoreImported: (model) => useModelInUse.getState().restoreImported(model),
    modelChanges,
    restoring: (what) => useModelInUse.getState().showRestoring(what),
    restoreRuns: (runs) => useTraining.getState().restoreRuns(runs),
    restoreInterrupted: (run) => useTraining.getState().restoreInterrupted(run),
    interrupted: () => useTraining.getState().interrupted,
    restoreStartFrom: (startFrom) => useModelInUse.getState().restoreStartFrom(startFrom),
    startingPoint: () => ({ point: startingPointNow(), changes: startingPointChanges() }),
    failed: noteRestoreFailure,
    noted: (message) => useModelInUse.setState({ importNotKept: message }),
  });
  persistContext.connect({
    classes: () => useProject.getState().classes,
    adding: () => useProject.getState().adding !== null,
    settings: () => useTraining.getState().settings,
    backboneId: () => useBackbone.getState().selected,
    // a threshold nobody chose is kept as none (thresholdChosen false), so it follows the model's class count after a reload
    live: () => useWebcam.getState().liveChoices(),
    freezeChoices: () => Object.fromEntries(freezeChoices),
    reviewMarks: () => useInsight.getState().changed,
    labelChecks: () => Object.keys(useLabelChecks.getState().checked),
    apply({ classes, settings, backboneId, live, freezeChoices: choices, reviewMarks, labelChecks, notice }) {
      // another project's settings: the freeze choices met before were this project's; it brings its own
      freezeChoices.clear();
      for (const [id, choice] of Object.entries(choices ?? {})) freezeChoices.set(id, choice);
      freezeSettingsOf(backboneId);
      const project = useProject.getState();
      project.replaceClasses(classes);
      // null too: the words about the project before (its missing backbone, its reset settings) were
      // false once this one was in place (replaceOffer's putBack sets its own note after this)
      project.setNotice(notice);
      useTraining.getState().replaceSettings(settings);
      useWebcam.getState().setLiveChoices(live ?? LIVE_DEFAULTS);
      // a recording's note and counts were about the classes of the project before
      useWebcam.getState().resetCapture();
      // the project's marks (its results come with it): another project's are not this one's
      useInsight.setState({ changed: reviewMarks ?? {} });
      useLabelChecks.getState().replace(labelChecks ?? []);
      followProjectBackbone(backboneId);
    },
    savedUndos,
    heldImageIds,
    watch(changed, ran) {
      const unsubscribe = [
        useProject.subscribe((s, prev) => (s.classes !== prev.classes || (prev.adding && !s.adding)) && changed()),
        useTraining.subscribe((s, prev) => s.settings !== prev.settings && changed()),
        useLabelChecks.subscribe((s, prev) => s.checked !== prev.checked && changed()),
        useBackbone.subscribe((s, prev) => s.selected !== prev.selected && changed()),
        // the choice too: "Use the default" at the value the default has changed only it
        useWebcam.subscribe(
          (s, prev) =>
            (s.threshold !== prev.threshold ||
              s.thresholdChosen !== prev.thresholdChosen ||
              s.smoothing !== prev.smoothing ||
              s.topK !== prev.topK) &&
            changed(),
        ),
        useTraining.subscribe((s, prev) => s.runs !== prev.runs && s.runs.length > 0 && ran(s.runs)),
        onFreezeChoice(changed),
        useInsight.subscribe((s, prev) => s.changed !== prev.changed && changed()),
        // an undo offered, taken or expired: its description is stored, and the blobs it held go
        useUndo.subscribe((s, prev) => s.entries !== prev.entries && changed()),
      ];
      return () => unsubscribe.forEach((u) => u());
    },
  });
  heldFilesContext.connect({ heldImageFiles });
  const unsubscribe = [
    // a restored project names its backbone before any has loaded: the first choice follows its plan
    useBackbone.subscribe(
      (s, prev) =>
        s.selected !== prev.selected &&
        s.status === 'idle' &&
        void studioWorker().setBackendPlan(storedPlan(s.selected), storedChoice()),
    ),
    useBackbone.subscribe((s, prev) => {
      if (s.lastLoad && s.lastLoad !== prev.lastLoad)
        backboneLoaded(s.lastLoad.before, s.lastLoad.loaded, s.lastLoad.adopted, s.lastLoad.kept);
    }),
    // a learning-rate curve measured on other images or another backbone goes (state/lr-suggestion.ts)
    forgetLrSuggestionOnChange(useProject, useBackbone),
    // kept for a reload, and put back after one: after the forgetting above, which a reload's first load sets off
    keepLrCurve({
      classes: () => useProject.getState().classes,
      loadedBackboneId: () => useBackbone.getState().loaded?.id ?? null,
      onBackboneLoad: (listener) => useBackbone.subscribe((s, prev) => s.lastLoad !== prev.lastLoad && listener()),
      finder: useLrSuggestion,
    }),
    // a run locks what it uses: the classes and images (renames, moves, deletions) and the backbone
    useTraining.subscribe((s, prev) => {
      if (isRunning(s.status) === isRunning(prev.status)) return;
      const locked = isRunning(s.status) ? RUN_LOCK : null;
      // an edit refused during the run left the lock's words as the notice: shown once the lock lifted,
      // they said a run was going after it had ended
      useProject.setState((p) => ({ locked, ...(!locked && p.notice === RUN_LOCK && { notice: null }) }));
      useBackbone.setState({ locked });
    }),
    // a new training result reflects every change made before it: the review's marks go (not for the
    // result a run that ended with no model gave back: it is from before those changes)
    // (nor for a result read back from storage: the same model, or an older one, from before the edits)
    useTraining.subscribe((s, prev) => {
      if (!s.result || s.resultStored || s.result === prev.result || s.result === marksClearedFor) return;
      marksClearedFor = s.result;
      useInsight.getState().trainedAgain();
      // "…could not be restored. Train again." was done: it stayed up, an alert, over the new model
      forgetRestoreFailure('model');
      forgetRestoreFailure('start');
    }),
    // a test folder's figures are the model's they were taken with
    useModelInUse.subscribe((s, prev) => s.model !== prev.model && useTestSet.getState().modelChanged(s.model)),
    // an imported model answers, or a starting point is in place: what was said of the one lost goes
    useModelInUse.subscribe((s, prev) => {
      if (s.model !== prev.model && s.model?.kind === 'imported') forgetRestoreFailure('import');
      if (s.startFrom !== prev.startFrom && s.startFrom) forgetRestoreFailure('start');
    }),
    // the model kept beside it changes once the new one is in storage (the worker moves the one it replaces aside)
    useTraining.subscribe((s, prev) => {
      if (s.result === prev.result) return;
      useOtherModel.getState().resultChanged();
      const { result } = s;
      if (!result) return;
      const kept = s.modelKept();
      // a reload before it lands would lose it (state/leave-guard.ts)
      modelWriting(kept);
      void kept.then(() => {
        if (useTraining.getState().result === result) void useOtherModel.getState().refresh();
      });
    }),
    // a health report or feature map says what it found on the images, split, crop and backbone it
    // was given: once one of them changes it is marked as from before (and goes with its project)
    useProject.subscribe((s, prev) => s.classes !== prev.classes && useInsight.getState().inputsChanged()),
    useTraining.subscribe((s, prev) => s.settings !== prev.settings && useInsight.getState().inputsChanged()),
    useBackbone.subscribe((s, prev) => s.loaded !== prev.loaded && useInsight.getState().inputsChanged()),
  ];
  return () => {
    unsubscribe.forEach((u) => u());
    for (const c of contexts) c.connect(null);
  };
}

/** Says what a restore could not bring back, beside what it said already (each once), on the project bar. */
const noteRestoreFailure = (message: string, about: RestoreFailure) =>
  usePersistence.setState((s) => ({ restoreNote: withFailure(s.restoreNote, message, about) }));
/** The page has a model of that kind again: what was said of the one lost goes. */
const forgetRestoreFailure = (about: RestoreFailure) =>
  usePersistence.setState((s) => ({ restoreNote: withoutFailures(s.restoreNote, about) }));

/** A replaced project's training and model leave the page (state/project-undo.ts stashed them first). */
export function clearTrained(): void {
  useTraining.getState().clearTrained();
  useModelInUse.getState().clear();
  // what the project before could not bring back is not said of the next one
  usePersistence.setState({ restoreNote: null });
}

/** the Export panel downloaded `result`'s model zip ("Download model (zip)"), which "Import a model (zip)…" brings back */
export function modelZipDownloaded(result: TrainSummary): void {
  useTraining.setState({ downloaded: result });
}

/** why a reload now would lose work (images still coming in, the autosave failing, a model storage refused), or null */
function unsavedWork(addingAdvice: string): string | null {
  if (useProject.getState().adding) return `Images are still being added: ${addingAdvice}`;
  if (usePersistence.getState().status === 'error')
    return 'The project is not fully saved in this browser (see the message in the header): a reload now may lose part of it, so use "Download project (zip)" first';
  return lostOnLeave(useTraining.getState()) ? UNKEPT_ON_LEAVE : null;
}

/**
 * Everything the page is writing has ended: the autosave and the last run's model (its save goes on
 * after the run's end, a second or more for its export). The page is about to reload (another tab
 * takes the project, an update): the autosave alone left that model out of storage, lost.
 */
export async function settleWrites(): Promise<void> {
  await Promise.all([settleSaves(), useTraining.getState().modelKept()]);
}

/** A new, empty project: no classes, default settings (state/project-undo.ts's replaceProject stashes the old one for its undo). */
export function emptyProject(): void {
  freezeChoices.clear();
  // the default settings stay on the backbone in place
  freezeSettingsOf(useBackbone.getState().loaded?.id ?? null);
  const project = useProject.getState();
  project.replaceClasses([]);
  project.setNotice(null);
  useTraining.getState().replaceSettings({ ...DEFAULT_SETTINGS });
  useWebcam.getState().setLiveChoices(LIVE_DEFAULTS);
  useWebcam.getState().resetCapture();
  useInsight.setState({ changed: {} });
  useLabelChecks.getState().replace([]);
}
