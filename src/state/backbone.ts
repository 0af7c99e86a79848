import { create } from 'zustand';
import { DEFAULT_BACKBONE_ID } from '../core/backbones/registry';
import { proxy, studioWorker } from '../worker/client';
import { autoCalibration, keepChoice, keepPlan, recommendedFor, storedChoice } from './backend-plan';
import type { BackboneInfo, BackendInfo, BackendSwitch, Calibration } from '../worker/protocol';

type Status = 'idle' | 'loading' | 'ready' | 'error';

interface BackboneState {
  backend: BackendInfo | null;
  backendError: string | null;
  selected: string;
  status: Status;
  progress: number;
  detail: string;
  loaded: BackboneInfo | null;
  /**
   * the backbone the worker holds (null: none ever loaded): a failed pick shows none loaded while
   * the worker keeps the one before, and the model trained on it, until another load replaces it
   */
  held: BackboneInfo | null;
  /**
   * the last successful load and what the worker held before it (null: nothing yet); `adopted`: one
   * Continue put in the worker, with its own model in place; `kept`: the one the worker still held,
   * picked again after another failed, which it did not load again (its model stayed)
   */
  lastLoad: { before: BackboneInfo | null; loaded: BackboneInfo; adopted?: true; kept?: true } | null;
  /** why the backbone cannot change now (a run is using it: state/coordinator.ts), or null */
  locked: string | null;
  error: string | null;
  calibration: Calibration | null;
  calibrating: { done: number; total: number; detail: string } | null;
  calibrationError: string | null;
  init(preferred?: string, why?: string): Promise<void>;
  /**
   * Times the backbone on every backend and follows the result: extraction moves to the fastest
   * backend for it, head-only runs train their head on the fastest for that; the plan is kept
   * for the next visits on the same hardware.
   */
  calibrate(only?: string[]): Promise<void>;
  /** the calibration running now was started by the studio itself (first visit on this hardware) */
  autoCalibrating: boolean;
  /**
   * the user's choice; the loaded backbone is reloaded so its weights live on that backend (false:
   * it could not be, and both stayed where they were)
   */
  switchBackend(name: string, why?: string): Promise<boolean>;
  /** where head-only runs train their head (null: where the features are extracted) */
  setHeadBackend(name: string | null, why?: string): Promise<void>;
  /** the user's picks in the two selects: applied, and remembered for the next visits on this hardware */
  pickBackend(name: string, why?: string): Promise<void>;
  pickHeadBackend(name: string | null): Promise<void>;
  /** back to the backend the studio picks by itself (state/backend-plan.ts recommendedFor): the pick by hand is forgotten */
  pickRecommended(): Promise<void>;
  select(id: string): Promise<void>;
  loadFromFiles(files: File[]): Promise<void>;
  /** any other way of producing a loaded backbone (state/custom-backbone.ts), with the same progress and failure handling */
  loadWith(task: (onProgress: (f: number, d: string) => void) => Promise<BackboneInfo>): Promise<void>;
  /** the choice a restored or opened project names, shown without loading it (the restore loads it) */
  markSelected(id: string): void;
  /**
   * a backbone the worker already loaded (cut from an imported model): loaded as any other; a
   * backbone picked meanwhile, loading after it, stays the selected one
   */
  adoptLoaded(id: string, info: BackboneInfo): void;
  /**
   * a run continued on another backend (fallback event), or the learning-rate finder lost the head's
   * (its answer's `headLost`): the header shows where work now happens
   */
  backendFellBack(e: { from: string; backend: BackendInfo }): void;
  /** where a finished run's model lives */
  showActiveBackend(active: string): void;
  /** the list of backbones changed (one brought was forgotten): re-render it */
  listChanged(): void;
}

export const MODELS_BASE = __MODELS_BASE__;

/**
 * A worker call with a progress callback: the callback crosses on a port of its own, so progress
 * can arrive after the answer; what does is dropped (it showed a finished load or calibration as
 * running again).
 */
async function untilAnswered<A extends unknown[], T>(
  call: (onProgress: (...args: A) => void) => Promise<T>,
  show: (...args: A) => void,
): Promise<T> {
  let answered = false;
  return call(
    proxy((...args: A) => {
      if (!answered) show(...args);
    }),
  ).finally(() => (answered = true));
}

/** the backbone load select() started, while it runs */
let selecting: Promise<void> | null = null;
/** loads of another backbone posted to the worker and not yet answered (a pick, files, a brought one) */
let loadsPosted = 0;
/**
 * picks made and not yet answered, counted from the click: one still waiting behind a backend move
 * (not posted yet) was dropped when Continue's backbone, adopted meanwhile, was made the selected one
 */
let picksPending = 0;

/**
 * What the page shows of a backbone the worker moved to another backend (`to`): loaded like any
 * other (state/coordinator.ts: training starts over), or kept where it was with why it could not
 * move (the worker put the backend back; `stayedOn`).
 */
function moved(
  before: BackboneInfo | null,
  reloaded: BackendSwitch['reloaded'],
  to: string,
  stayedOn: string,
): Partial<BackboneState> {
  if (!reloaded) return {};
  if ('error' in reloaded)
    return {
      status: before ? 'ready' : 'error',
      error: `The backbone could not be loaded onto ${reloaded.onto ?? to}, so it stays on ${stayedOn}: ${reloaded.error}`,
      loaded: before,
    };
  if (!before)
    // the page showed none (another pick had failed) while the worker still held this one, and moved
    // it: it is the one selected and loaded now, and the model trained on it went as after any move
    return {
      status: 'ready',
      error: null,
      selected: reloaded.backbone.id,
      loaded: reloaded.backbone,
      held: reloaded.backbone,
      lastLoad: { before: reloaded.backbone, loaded: reloaded.backbone },
    };
  return {
    status: 'ready',
    error: null,
    loaded: reloaded.backbone,
    held: reloaded.backbone,
    lastLoad: { before, loaded: reloaded.backbone },
  };
}

/** a first visit calibrates by itself once (see autoCalibration) */
let autoTried = false;

export const useBackbone = create<BackboneState>((set, get) => {
  /**
   * A first visit's calibration, once both the backend and a backbone are there: whichever comes
   * last starts it (the backend's answer came after the first backbone's once the Model step put the
   * picker above the backend panel, and the calibration never ran).
   */
  const autoCalibrate = () => {
    const { backend, loaded, status } = get();
    if (autoTried || !backend || !loaded || status !== 'ready') return;
    autoTried = true;
    // a plan measured with another backbone leaves this one to measure
    const only = autoCalibration(backend, globalThis.location?.search ?? '', loaded.id);
    if (!only?.length) return;
    set({ autoCalibrating: true });
    void get()
      .calibrate(only)
      .finally(() => set({ autoCalibrating: false }));
  };
  const run = async (
    task: (onProgress: (f: number, d: string) => void) => Promise<BackboneInfo>,
    keepOnFailure = false,
    byId = false,
  ) => {
    set({ status: 'loading', progress: 0, detail: 'starting', error: null });
    loadsPosted++;
    // what it replaces is read when it answers: a backbone adopted meanwhile (Continue's, which the
    // worker ran first) is the one in the worker then; read before, the freeze choice noted for the
    // backbone before was Continue's, and the adopted one was not seen to go
    try {
      const loaded = await untilAnswered(task, (progress: number, detail: string) => set({ progress, detail }));
      // after a failed pick the page shows none, but the worker kept the one before: read as the
      // first load, the model the worker dropped with it stayed on the page (Evaluate, Try it)
      const shown = get().loaded;
      const before = shown ?? get().held;
      // the one it held, picked by id again: the worker answers with it as it is (worker/studio-backbone.ts loadFrom)
      const kept = byId && !shown && before?.id === loaded.id;
      // lastLoad: what the rest of the page does about it (training starts over) is in state/coordinator.ts
      set({
        status: 'ready',
        loaded,
        held: loaded,
        lastLoad: { before, loaded, ...(kept && { kept: true as const }) },
        progress: 1,
      });
      autoCalibrate();
    } catch (err) {
      // The worker only swaps backbones after a successful load, so a bad file leaves the old one working.
      const before = get().loaded;
      const keep = keepOnFailure && before ? before : null;
      set({ status: keep ? 'ready' : 'error', error: (err as Error).message, loaded: keep });
    } finally {
      loadsPosted--;
    }
  };
  /**
   * Files or a brought backbone, loaded as select() loads: after the load or move going (the
   * worker runs them in turn), which a later pick waits for. Started beside a pick, a failure put
   * back the backbone from before the pick, while the worker held the picked one.
   */
  const afterLoads = async (load: () => Promise<void>) => {
    if (get().locked) return;
    while (selecting) await selecting;
    // a run may have started meanwhile
    if (get().locked) return;
    selecting = load().finally(() => (selecting = null));
    await selecting;
  };
  return {
    backend: null,
    backendError: null,
    selected: DEFAULT_BACKBONE_ID,
    status: 'idle',
    progress: 0,
    detail: '',
    loaded: null,
    held: null,
    lastLoad: null,
    locked: null,
    error: null,
    calibration: null,
    calibrating: null,
    calibrationError: null,
    autoCalibrating: false,
    async calibrate(only) {
      // a run uses the backends (its button locks in its turn, ui/frame-turns.ts)
      if (get().locked) return;
      set({ calibrating: { done: 0, total: 1, detail: 'starting' }, calibrationError: null });
      try {
        // the worker follows the calibration itself; the page keeps the plan and shows what changed
        // (late progress must not bring back a finished calibration: the backend selects stay
        // disabled while one runs)
        const { calibration, plan, backend, reloaded } = await untilAnswered(
          (onProgress) => studioWorker().calibrate(MODELS_BASE, onProgress, only),
          (done: number, total: number, detail: string) => set({ calibrating: { done, total, detail } }),
        );
        if (plan) {
          keepPlan(plan);
          // a calibration is newer than what was picked by hand before it
          keepChoice(plan.signature, null);
        }
        const shown: Partial<BackboneState> =
          plan && backend ? moved(get().loaded, reloaded, plan.extraction, backend.active) : {};
        if (selecting) {
          // a backbone picked meanwhile loads after the calibration (the worker runs them in turn): it
          // stays selected and loading (shown ready with the one moved, Train was on and checked the
          // settings against that one's blocks); the move still reaches the page (lastLoad): the
          // model trained before it is gone from the worker
          delete shown.status;
          delete shown.error;
          delete shown.selected;
        }
        set({ calibration, calibrating: null, ...(backend && { backend, backendError: null }), ...shown });
      } catch (err) {
        set({ calibrating: null, calibrationError: (err as Error).message });
      }
    },
    async init(preferred, why) {
      try {
        set({ backend: await studioWorker().init(preferred, why), backendError: null });
        autoCalibrate();
      } catch (err) {
        set({ backendError: (err as Error).message });
      }
    },
    async switchBackend(name, why) {
      while (selecting) await selecting;
      const before = get().loaded;
      const status = get().status;
      const move = async (): Promise<boolean> => {
        // the backbone follows: shown loading, which locks the backend selects meanwhile
        if (before) set({ status: 'loading', progress: 0, detail: `onto ${name}`, error: null });
        try {
          // from where it came (worker/studio-backbone.ts moveToActive): selected again by id, a
          // backbone loaded from the user's files became the hosted one, or failed offline
          const { backend, reloaded } = await untilAnswered(
            (onProgress) => studioWorker().switchBackend(name, why, MODELS_BASE, onProgress),
            (progress: number, detail: string) => set({ progress, detail }),
          );
          set({
            backend,
            backendError: null,
            ...(before && { status, progress: 1 }),
            // the one moved is the one loaded now: a backbone Continue adopted meanwhile (run before the move)
            ...moved(get().loaded, reloaded, name, backend.active),
          });
          return !(reloaded && 'error' in reloaded);
        } catch (err) {
          set({ backendError: (err as Error).message, ...(before && { status }) });
          return false;
        }
      };
      // a backbone chosen meanwhile loads after the move (select waits for it)
      const done = move();
      selecting = done.then(() => undefined).finally(() => (selecting = null));
      return done;
    },
    async setHeadBackend(name, why = 'chosen by you') {
      set({ backend: await studioWorker().setHeadBackend(name, why) });
    },
    async pickBackend(name, why) {
      // a run trains on the active backend: switching it mid-run reloaded the backbone under the run
      if (get().locked) return;
      if (!(await get().switchBackend(name, why))) return;
      // as the worker answered: a head backend it dropped (the one now active) is not picked again next
      // visit; nor is a backend that did not start (the worker fell through to another), tried first on every visit
      const backend = get().backend;
      if (backend?.signature && backend.active === name)
        keepChoice(backend.signature, { backend: name, head: backend.head?.name ?? null });
    },
    async pickRecommended() {
      const backend = get().backend;
      if (get().locked || !backend) return;
      const { name, reason } = recommendedFor(backend, get().selected);
      if (!(await get().switchBackend(name, reason))) return;
      // the next visit chooses by itself again (the head's pick, if any, stays)
      if (get().backend?.active === name) keepChoice(backend.signature, { backend: undefined });
    },
    async pickHeadBackend(name) {
      if (get().locked) return;
      const signature = get().backend?.signature;
      if (signature) keepChoice(signature, { head: name });
      await get().setHeadBackend(name);
    },
    async select(id) {
      // a head is being built for the loaded backbone's features: another backbone mid-run made a
      // model that could not run (the picker is disabled meanwhile; this holds for any caller)
      if (get().locked) return;
      set({ selected: id });
      picksPending++;
      try {
        // one load at a time, the latest choice last: the picker stays usable while a backbone loads
        // (disabled, it dropped the focus of a keyboard user moving through the options), and two
        // loads at once could finish in either order
        if (selecting) {
          while (selecting) await selecting;
          if (get().selected !== id || (get().status === 'ready' && get().loaded?.id === id)) return;
        }
        selecting = run((onProgress) => studioWorker().loadBackbone(id, MODELS_BASE, onProgress), false, true).finally(
          () => (selecting = null),
        );
        await selecting;
      } finally {
        picksPending--;
      }
    },
    loadWith: (task) => afterLoads(() => run(task, true)),
    loadFromFiles: (files) =>
      afterLoads(() => {
        const id = get().selected;
        return run((onProgress) => studioWorker().loadBackboneFiles(id, files, onProgress), true);
      }),
    markSelected: (id) => set({ selected: id }),
    adoptLoaded(id, info) {
      // the page may show none (a pick failed) while the worker held one, which this replaced
      const before = get().loaded ?? get().held;
      // a backbone picked while Continue worked loads after it (the worker runs them in turn) and ends
      // up loaded: it stays selected and loading (made the selected one here, the picker named the
      // imported backbone while the pick's load put another in the worker). Either way the page reacts
      // as to a load (state/coordinator.ts): the charts and the LR curve go, the freeze choice is kept
      const superseded = loadsPosted > 0 || picksPending > 0;
      set({
        loaded: info,
        held: info,
        lastLoad: { before, loaded: info, adopted: true },
        ...(!superseded && { selected: id, status: 'ready' as const, error: null }),
      });
    },
    backendFellBack(e) {
      const head = get().backend?.head;
      // a head backend picked by hand and then lost is not picked again on the next visit
      if (head && e.from === head.name && storedChoice()?.head === head.name)
        keepChoice(get().backend!.signature, { head: null });
      // the worker says where training went (the active backend, the head's): shown as it is
      set({ backend: e.backend });
    },
    showActiveBackend: (active) =>
      set((b) => (b.backend && b.backend.active !== active ? { backend: { ...b.backend, active } } : {})),
    listChanged: () => set({}),
  };
});
