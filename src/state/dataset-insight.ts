import { create } from 'zustand';
import type { Embedding, HealthReport } from '../worker/protocol';
import { proxy, studioWorker } from '../worker/client';
import type { ImageInput } from '../worker/protocol';
import { hashOf } from './file-hashes';
import type { TrainSettings } from '../core/train/settings';
import type { ProjectClass, ProjectImage } from './project';
import { storeContext } from './store-context';

type Status = 'idle' | 'running' | 'done' | 'error';

interface InsightState {
  health: {
    status: Status;
    progress: { done: number; total: number };
    report: HealthReport | null;
    error: string | null;
  };
  embedding: {
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
  /** a new training result reflects every change made before it */
  trainedAgain(): void;
}

/** What the insight views need of the other stores (wired by state/coordinator.ts). */
export interface InsightContext {
  classes(): readonly ProjectClass[];
  settings(): TrainSettings;
  /** why the project cannot change now (a run uses it), or null */
  locked(): string | null;
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

export const useInsight = create<InsightState>((set, get) => ({
  health: { status: 'idle', progress: { done: 0, total: 0 }, report: null, error: null },
  embedding: { status: 'idle', progress: { done: 0, total: 0 }, data: null, classes: [], error: null },
  changed: {},
  trainedAgain: () => set({ changed: {} }),

  async checkHealth() {
    const { classes, images } = projectImages();
    set({ health: { status: 'running', progress: { done: 0, total: images.length }, report: null, error: null } });
    const onProgress = (done: number, total: number) =>
      set((s) => ({ health: { ...s.health, progress: { done, total } } }));
    try {
      // the duplicate warnings have usually hashed every file already; the worker hashes what is left
      const hashed = await Promise.all(
        images.map(async (i) => ({ ...i, hash: (await hashOf(i.blob).catch(() => null)) ?? undefined })),
      );
      const report = await studioWorker().health(classes, hashed, insightContext.get().settings(), proxy(onProgress));
      set((s) => ({ health: { ...s.health, status: 'done', report } }));
    } catch (err) {
      set((s) => ({ health: { ...s.health, status: 'error', error: (err as Error).message } }));
    }
  },

  async showEmbedding() {
    const { classes, images } = projectImages();
    set({
      embedding: { status: 'running', progress: { done: 0, total: images.length }, data: null, classes, error: null },
    });
    const onProgress = (done: number, total: number) =>
      set((s) => ({ embedding: { ...s.embedding, progress: { done, total } } }));
    try {
      const data = await studioWorker().embedding(images, insightContext.get().settings().cropMode, proxy(onProgress));
      set((s) => ({ embedding: { ...s.embedding, status: 'done', data } }));
    } catch (err) {
      set((s) => ({ embedding: { ...s.embedding, status: 'error', error: (err as Error).message } }));
    }
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
    // the report keeps a fixed finding: the health panel hides it while its images are gone, so the
    // fix's undo brings it back (a removed image changes the other findings only slightly)
    set({ changed });
  },
}));
