import { registerBackbone } from '../core/backbones/registry';
import { DEFAULT_SETTINGS } from '../core/train/settings';
import { onWorkerStart } from '../worker/client';
import type { BackboneInfo } from '../worker/protocol';
import { useBackbone } from './backbone';
import { storedChoice, storedPlan } from './backend-plan';
import { customBackboneContext, rememberBackbone } from './custom-backbone';
import { insightContext, useInsight } from './dataset-insight';
import { lrSuggestionContext } from './lr-suggestion';
import { modelInUseContext, useModelInUse } from './model-in-use';
import { applyRecord, currentRecord, loadSavedUndos, persistContext, restoreTrained, storedFiles } from './persist';
import { useProject } from './project';
import { deleteImages, moveImages, projectUndoContext } from './project-undo';
import { isRunning, RUN_LOCK, trainingContext, useTraining } from './training';
import { heldImageIds, offerUndo, savedUndos, useUndo } from './undo';
import { webcamContext } from './webcam';

/**
 * The reactions that span stores, wired once at start-up (main.tsx), so a store does not import
 * the stores it affects, nor write into them: what a store needs of the others it is handed here.
 */
export function connectStores(): () => void {
  // first message: the worker's first backend choice can then follow the last calibration and the user's picks
  onWorkerStart((worker) => void worker.setBackendPlan(storedPlan(), storedChoice()));
  const contexts = [
    trainingContext,
    modelInUseContext,
    lrSuggestionContext,
    customBackboneContext,
    webcamContext,
    insightContext,
    projectUndoContext,
    persistContext,
  ];
  trainingContext.connect({
    classes: () => useProject.getState().classes,
    backbone: () => useBackbone.getState(),
    fellBack: (e) => useBackbone.getState().backendFellBack(e),
    ranOn: (active) => useBackbone.getState().showActiveBackend(active),
    modelTrained: (model) => useModelInUse.getState().show(model),
  });
  modelInUseContext.connect({
    loadedBackboneId: () => useBackbone.getState().loaded?.id ?? null,
    backboneAdopted(spec, info) {
      registerBackbone(spec);
      rememberBackbone(spec);
      useBackbone.getState().adoptLoaded(spec.id, info);
    },
    continuing(start) {
      // the classes it knows are there to drop images on (a class it does not know is a new one)
      const project = useProject.getState();
      for (const label of start.labels) if (!project.classes.some((c) => c.name === label)) project.addClass(label);
      useTraining.getState().continueFrom(start.hiddenUnits);
    },
  });
  lrSuggestionContext.connect({
    settings: () => useTraining.getState().settings,
    blocks: () => useBackbone.getState().loaded?.blocks.length,
    classes: () => useProject.getState().classes,
    useRate: (learningRate) => useTraining.getState().updateSettings({ learningRate }),
  });
  customBackboneContext.connect({
    selected: () => useBackbone.getState().selected,
    select: (id) => useBackbone.getState().select(id),
    listChanged: () => useBackbone.getState().listChanged(),
    loadWith: (task) => useBackbone.getState().loadWith(task),
    markSelected: (id) => useBackbone.getState().markSelected(id),
    loaded: () => useBackbone.getState().loaded,
    error: () => useBackbone.getState().error,
  });
  webcamContext.connect({
    model: () => useModelInUse.getState().model,
    hasClass: (classId) => useProject.getState().classes.some((c) => c.id === classId),
    addImage: (classId, file) => useProject.getState().addImages(classId, [file]),
  });
  insightContext.connect({
    classes: () => useProject.getState().classes,
    settings: () => useTraining.getState().settings,
    locked: () => useProject.getState().locked,
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
    storedFiles,
    loadSavedUndos,
  });
  persistContext.connect({
    classes: () => useProject.getState().classes,
    adding: () => useProject.getState().adding !== null,
    settings: () => useTraining.getState().settings,
    backboneId: () => useBackbone.getState().selected,
    apply(classes, settings, backboneId) {
      useProject.getState().replaceClasses(classes);
      useTraining.getState().updateSettings(settings);
      if (backboneId) useBackbone.getState().markSelected(backboneId);
    },
    backboneSettled,
    restoreModel(result, model) {
      if (useTraining.getState().restoreResult(result)) useModelInUse.getState().show(model);
    },
    restoreRuns: (runs) => useTraining.getState().restoreRuns(runs),
    restoreInterrupted: (run) => useTraining.getState().restoreInterrupted(run),
    restoreStartFrom: (startFrom) => useModelInUse.getState().restoreStartFrom(startFrom),
    savedUndos,
    heldImageIds,
    watch(changed, ran) {
      const unsubscribe = [
        useProject.subscribe((s, prev) => (s.classes !== prev.classes || (prev.adding && !s.adding)) && changed()),
        useTraining.subscribe((s, prev) => s.settings !== prev.settings && changed()),
        useBackbone.subscribe((s, prev) => s.selected !== prev.selected && changed()),
        useTraining.subscribe((s, prev) => s.runs !== prev.runs && s.runs.length > 0 && ran(s.runs)),
        // an undo offered, taken or expired: its description is stored, and the blobs it held go
        useUndo.subscribe((s, prev) => s.entries !== prev.entries && changed()),
      ];
      return () => unsubscribe.forEach((u) => u());
    },
  });
  const unsubscribe = [
    useBackbone.subscribe((s, prev) => {
      if (s.lastLoad && s.lastLoad !== prev.lastLoad) backboneLoaded(s.lastLoad.before, s.lastLoad.loaded);
    }),
    // a run locks what it uses: the classes and images (renames, moves, deletions) and the backbone
    useTraining.subscribe((s, prev) => {
      if (isRunning(s.status) === isRunning(prev.status)) return;
      const locked = isRunning(s.status) ? RUN_LOCK : null;
      useProject.setState({ locked });
      useBackbone.setState({ locked });
    }),
    // a new training result reflects every change made before it: the review's marks go
    useTraining.subscribe((s, prev) => {
      if (s.result && s.result !== prev.result) useInsight.getState().trainedAgain();
    }),
  ];
  return () => {
    unsubscribe.forEach((u) => u());
    for (const c of contexts) c.connect(null);
  };
}

/** Once the backbone has loaded: its id; null if it failed to. */
function backboneSettled(): Promise<string | null> {
  return new Promise((resolve) => {
    const check = (s: { status: string; loaded: BackboneInfo | null }) => {
      if (s.status !== 'ready' && s.status !== 'error') return false;
      resolve(s.status === 'ready' ? (s.loaded?.id ?? null) : null);
      return true;
    };
    if (check(useBackbone.getState())) return;
    const stop = useBackbone.subscribe((s) => check(s) && stop());
  });
}

/** A backbone was loaded (another one, or the same again on another backend): training starts over. */
function backboneLoaded(before: BackboneInfo | null, loaded: BackboneInfo): void {
  const training = useTraining.getState();
  // Another backbone has other blocks: start from head-only training. The same backbone again
  // (a backend switch, a restored project) keeps the freeze choice where it still fits.
  if ((before && before.id !== loaded.id) || training.settings.unfreeze > loaded.blocks.length)
    training.updateSettings({ unfreeze: 0, frozenBlocks: [] });
  // the worker dropped the model trained on the previous backbone
  if (before) {
    training.backboneReplaced();
    useModelInUse.getState().backboneReplaced();
  }
}

/** A replaced project's training and model leave the page (state/project-undo.ts stashed them first). */
export function clearTrained(): void {
  useTraining.getState().clearTrained();
  useModelInUse.getState().clear();
}

/** A new, empty project: no classes, default settings (state/project-undo.ts's replaceProject stashes the old one for its undo). */
export function emptyProject(): void {
  const project = useProject.getState();
  project.replaceClasses([]);
  project.setNotice(null);
  useTraining.getState().updateSettings({ ...DEFAULT_SETTINGS, frozenBlocks: [] });
}
