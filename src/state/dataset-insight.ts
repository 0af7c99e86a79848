import { create } from 'zustand';
import { fixRemoves, type HealthIssue } from '../core/data/health';
import type { Embedding, HealthReport } from '../worker/protocol';
import { proxy, studioWorker } from '../worker/client';
import type { ImageInput } from '../worker/protocol';
import { hashOf } from './file-hashes';
import type { TrainSettings } from '../core/train/settings';
import type { ProjectClass, ProjectImage } from './project';
import { storeContext } from './store-context';

type Status = 'idle' | 'running' | 'done' | 'error';

/**
 * What a result was computed on. It holds while the project, the settings it read and the backbone
 * are still those, and again once an undo brings them back; images the result's own fixes removed
 * do not count (a fixed finding leaves the list, and the next fix stays one press away).
 */
interface Basis {
  /** class ids and names, in label order */
  classes: readonly (readonly [id: string, name: string])[];
  /** image id → its class's id */
  images: ReadonlyMap<string, string>;
  /** the settings the result read and the backbone, as one string */
  inputs: string;
  fixed: ReadonlySet<string>;
}

interface Outcome {
  /** what it was computed on (null: nothing yet) */
  basis: Basis | null;
  /** the project, the settings or the backbone changed since: shown as it was, with a note, fixes off */
  stale: boolean;
}

interface InsightState {
  health: Outcome & {
    status: Status;
    progress: { done: number; total: number };
    report: HealthReport | null;
    error: string | null;
  };
  embedding: Outcome & {
    status: Status;
    progress: { done: number; total: number };
    data: Embedding | null;
    classes: string[];
    error: string | null;
  };
  /**
   * images moved or deleted since the last training run: what was done, and the class the image was
   * in when that run saw it (an Undo that puts it back there makes the mark moot)
   */
  changed: Record<string, { what: string; from: string }>;
  checkHealth(): Promise<void>;
  showEmbedding(): Promise<void>;
  /** move an image to the class of that name (relabel) */
  relabel(imageId: string, className: string): void;
  remove(imageIds: string[]): void;
  /**
   * a health finding's fix, worked out from the images the project holds now; `keep`: the copy to
   * keep, where the person chose it (copies filed in two classes)
   */
  fix(issue: HealthIssue, keep?: string): void;
  /** these findings fixed in one press (one deletion, one undo): a folder added twice is dozens of pairs */
  fixAll(issues: readonly HealthIssue[]): void;
  /** the project, the settings or the backbone changed: the results computed before are checked against them */
  inputsChanged(): void;
  /** a new training result reflects every change made before it */
  trainedAgain(): void;
}

/** What the insight views need of the other stores (wired by state/coordinator.ts). */
export interface InsightContext {
  classes(): readonly ProjectClass[];
  settings(): TrainSettings;
  /** the loaded backbone's id (null: none) */
  backboneId(): string | null;
  /** why the project cannot change now (a run uses it), or null */
  locked(): string | null;
  /** a training run is going (it uses the backbone) */
  running(): boolean;
  /** the undoable edits (state/project-undo.ts) */
  moveImages(imageIds: string[], toClassId: string): void;
  deleteImages(imageIds: string[]): void;
}

export const insightContext = storeContext<InsightContext>('dataset-insight');

function projectImages(): { classes: string[]; images: ImageInput[] } {
  const classes = insightContext.get().classes();
  return {
    classes: classes.map((c) => c.name),
    images: classes.flatMap((c, label) => c.images.map((img) => ({ id: img.id, label, blob: img.file as Blob }))),
  };
}

/** The image with this id in the current project, and the class holding it. */
export function findImage(id: string): { image: ProjectImage; className: string; classId: string } | null {
  for (const c of insightContext.get().classes()) {
    const image = c.images.find((i) => i.id === id);
    if (image) return { image, className: c.name, classId: c.id };
  }
  return null;
}

// the split the check reproduces and the features it compares (class weights change no finding:
// the imbalance one's advice on them is worded as it is shown)
const healthInputs = ({ valSplit, seed, cropMode }: TrainSettings) =>
  JSON.stringify([valSplit, seed, cropMode, insightContext.get().backboneId()]);
const embeddingInputs = ({ cropMode }: TrainSettings) => JSON.stringify([cropMode, insightContext.get().backboneId()]);

function basisNow(inputs: string): Basis {
  const classes = insightContext.get().classes();
  return {
    classes: classes.map((c) => [c.id, c.name] as const),
    images: new Map(classes.flatMap((c) => c.images.map((i) => [i.id, c.id] as const))),
    inputs,
    fixed: new Set(),
  };
}

/** 'gone': none of its classes is left (New or Open project, or every class deleted): it speaks of nothing here */
function standing(basis: Basis, inputs: string): 'holds' | 'stale' | 'gone' {
  const classes = insightContext.get().classes();
  if (!classes.some((c) => basis.classes.some(([id]) => id === c.id))) return 'gone';
  if (inputs !== basis.inputs) return 'stale';
  if (classes.length !== basis.classes.length) return 'stale';
  if (classes.some((c, k) => basis.classes[k][0] !== c.id || basis.classes[k][1] !== c.name)) return 'stale';
  const present = new Set<string>();
  for (const c of classes) {
    for (const i of c.images) {
      if (basis.images.get(i.id) !== c.id) return 'stale';
      present.add(i.id);
    }
  }
  for (const id of basis.images.keys()) if (!present.has(id) && !basis.fixed.has(id)) return 'stale';
  return 'holds';
}

const idleHealth = (): InsightState['health'] => ({
  status: 'idle',
  progress: { done: 0, total: 0 },
  report: null,
  error: null,
  basis: null,
  stale: false,
});
const idleEmbedding = (): InsightState['embedding'] => ({
  status: 'idle',
  progress: { done: 0, total: 0 },
  data: null,
  classes: [],
  error: null,
  basis: null,
  stale: false,
});

/**
 * Why a check or map is not started now (null: it is). The panel locks them a frame after Train:
 * a press in that frame extracted beside the run, on a backbone its fine-tuning writes. What was
 * shown before stays, with the reason beside it.
 */
const refused = (what: string): string | null =>
  insightContext.get().running() ? `A training run is using the backbone: ${what} once it has ended.` : null;

/** the latest check and map asked for: an earlier one that answers later is not shown */
let healthRun = 0;
let embeddingRun = 0;

/** The fixes of these findings as one deletion, worked out from the images the project holds now. */
function fixing(
  get: () => InsightState,
  set: (partial: Partial<InsightState>) => void,
  issues: readonly HealthIssue[],
  keep?: string,
): void {
  const { health } = get();
  const basis = health.basis;
  // the panel disables the fixes of a report the project has moved on from
  if (!basis || health.stale || !issues.length || !issues.every((i) => health.report?.issues.includes(i))) return;
  const present = new Set(
    insightContext
      .get()
      .classes()
      .flatMap((c) => c.images.map((i) => i.id)),
  );
  const ids = [...new Set(issues.flatMap((issue) => fixRemoves(issue, present, keep)))];
  if (!ids.length) return;
  // noted before the deletion, whose project change reaches inputsChanged() at once
  const noted = { ...basis, fixed: new Set([...basis.fixed, ...ids]) };
  set({ health: { ...health, basis: noted } });
  get().remove(ids);
  // refused (a run uses the images): nothing was removed
  if (insightContext.get().locked() && get().health.basis === noted) set({ health: { ...get().health, basis } });
}

export const useInsight = create<InsightState>((set, get) => ({
  health: idleHealth(),
  embedding: idleEmbedding(),
  changed: {},
  trainedAgain: () => set({ changed: {} }),

  async checkHealth() {
    const no = refused('check the dataset');
    if (no) return set((s) => ({ health: { ...s.health, status: 'error', error: no } }));
    // the settings as the check starts: the basis and the worker see the same ones
    const settings = insightContext.get().settings();
    const basis = basisNow(healthInputs(settings));
    const { classes, images } = projectImages();
    const run = ++healthRun;
    set({ health: { ...idleHealth(), status: 'running', progress: { done: 0, total: images.length }, basis } });
    const onProgress = (done: number, total: number) =>
      run === healthRun && set((s) => ({ health: { ...s.health, progress: { done, total } } }));
    try {
      // the duplicate warnings have usually hashed every file already; the worker hashes what is left
      const hashed = await Promise.all(
        images.map(async (i) => ({ ...i, hash: (await hashOf(i.blob).catch(() => null)) ?? undefined })),
      );
      const report = await studioWorker().health(classes, hashed, settings, proxy(onProgress));
      if (run !== healthRun) return;
      // the project may have changed while the check ran: its findings are on the images it was given
      const now = standing(basis, healthInputs(insightContext.get().settings()));
      if (now === 'gone') set({ health: idleHealth() });
      else set((s) => ({ health: { ...s.health, status: 'done', report, stale: now === 'stale' } }));
    } catch (err) {
      if (run === healthRun)
        set((s) => ({ health: { ...s.health, status: 'error', error: (err as Error).message, basis: null } }));
    }
  },

  async showEmbedding() {
    const no = refused('show the feature map');
    if (no) return set((s) => ({ embedding: { ...s.embedding, status: 'error', error: no } }));
    const settings = insightContext.get().settings();
    const basis = basisNow(embeddingInputs(settings));
    const { classes, images } = projectImages();
    const run = ++embeddingRun;
    set({
      embedding: {
        ...idleEmbedding(),
        status: 'running',
        progress: { done: 0, total: images.length },
        classes,
        basis,
      },
    });
    const onProgress = (done: number, total: number) =>
      run === embeddingRun && set((s) => ({ embedding: { ...s.embedding, progress: { done, total } } }));
    try {
      const data = await studioWorker().embedding(images, settings.cropMode, proxy(onProgress));
      if (run !== embeddingRun) return;
      const now = standing(basis, embeddingInputs(insightContext.get().settings()));
      if (now === 'gone') set({ embedding: idleEmbedding() });
      else set((s) => ({ embedding: { ...s.embedding, status: 'done', data, stale: now === 'stale' } }));
    } catch (err) {
      if (run === embeddingRun)
        set((s) => ({ embedding: { ...s.embedding, status: 'error', error: (err as Error).message, basis: null } }));
    }
  },

  inputsChanged() {
    const settings = insightContext.get().settings();
    const { health, embedding } = get();
    // a check under way is weighed when it answers
    if (health.report && health.basis) {
      const now = standing(health.basis, healthInputs(settings));
      if (now === 'gone') set({ health: idleHealth() });
      else if ((now === 'stale') !== health.stale) set({ health: { ...health, stale: now === 'stale' } });
    }
    if (embedding.data && embedding.basis) {
      const now = standing(embedding.basis, embeddingInputs(settings));
      if (now === 'gone') set({ embedding: idleEmbedding() });
      else if ((now === 'stale') !== embedding.stale) set({ embedding: { ...embedding, stale: now === 'stale' } });
    }
  },

  fix(issue, keep) {
    fixing(get, set, [issue], keep);
  },

  fixAll(issues) {
    fixing(get, set, issues);
  },

  relabel(imageId, className) {
    const ctx = insightContext.get();
    const target = ctx.classes().find((c) => c.name === className);
    const found = findImage(imageId);
    if (!target || !found) return;
    ctx.moveImages([imageId], target.id);
    if (ctx.locked()) return; // refused, with the reason shown
    set((s) => ({
      changed: {
        ...s.changed,
        [imageId]: { what: `moved to ${className}`, from: s.changed[imageId]?.from ?? found.classId },
      },
    }));
  },

  remove(imageIds) {
    const changed = { ...get().changed };
    const present = imageIds.map((id) => ({ id, found: findImage(id) })).filter((p) => p.found);
    const ctx = insightContext.get();
    ctx.deleteImages(present.map((p) => p.id));
    if (ctx.locked()) return; // refused, with the reason shown
    present.forEach(({ id, found }) => (changed[id] = { what: 'deleted', from: changed[id]?.from ?? found!.classId }));
    set({ changed });
  },
}));
