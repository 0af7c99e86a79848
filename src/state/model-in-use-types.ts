import type { BackboneSpec } from '../core/backbones/registry';
import type { CropMode } from '../core/data/crop';
import type { HeadStart } from '../core/model-import/head-start';
import type { BackboneInfo, Prediction } from '../worker/protocol';
import type { StoredStartingPoint } from './model-store';
import type { UndoOffer } from './undo';

/** The model-in-use store's shape and what it needs of the other stores (the store: state/model-in-use.ts). */
export interface ModelInfo {
  kind: 'trained' | 'imported' | 'restored';
  labels: string[];
  /** the model's square input size */
  inputSize: number;
  cropMode: CropMode;
  name: string;
  /** an imported head-only export: it runs on this backbone only */
  headOnlyFor?: string;
  /** an imported model that is neither the studio's nor Teachable Machine's: the preprocessing guessed, in words */
  assumed?: string;
  /**
   * which import this is (when it was kept): two imports share a name whenever their files do (the
   * studio's download is always transfer-studio-model.zip). Absent on one a reload read back.
   */
  importId?: string;
}

/** The imported model whose head the next runs start from (on the backbone cut from it). */
export interface StartFrom {
  modelName: string;
  labels: string[];
  backboneId: string;
  hiddenUnits: number;
  /** the import continued (ModelInfo.importId); absent on one stored before imports had ids */
  importId?: string;
}

/**
 * The starting point is this imported model's head: told by the import's id where both have one,
 * by its name otherwise (a starting point or model read back from storage has none).
 */
export function continues(startFrom: StartFrom | null, model: ModelInfo | null): boolean {
  if (!startFrom || model?.kind !== 'imported') return false;
  if (startFrom.importId && model.importId) return startFrom.importId === model.importId;
  return startFrom.modelName === model.name;
}

/** What continuing an imported model asks of the other stores (wired by state/coordinator.ts). */
export interface ModelInUseContext {
  loadedBackboneId(): string | null;
  /** New or Open project under way (state/project-undo.ts replacingNow), or null */
  replacing(): string | null;
  /** a whole imported model brings its own backbone: it is now the loaded one */
  backboneAdopted(spec: BackboneSpec, info: BackboneInfo): void;
  /**
   * its classes are there to drop images on, and the next runs train its head; `adopt` (a whole
   * model's backbone becoming the loaded one) runs after what it changes was noted for the undo
   */
  continuing(start: HeadStart, adopt: (() => void) | null): void;
  running(): boolean;
  /** leaving a starting point is offered back for a while (state/undo.ts) */
  offerUndo(offer: UndoOffer<{ kind: 'starting-point' | 'imported-model' }>): void;
}

export interface ModelInUseState {
  /** what answers Try it and the webcam: trained here, imported from a zip, or restored from the last session */
  model: ModelInfo | null;
  prediction: (Prediction & { name: string; url: string; file: File }) | null;
  predictError: string | null;
  /** the file Try it is classifying now (null: none) */
  classifying: string | null;
  importError: string | null;
  /** the imported model answers, but a reload will not bring it back (why) */
  importNotKept: string | null;
  /** what is being put in place now (an import, the trained model again): Try it says so and waits */
  switching: string | null;
  startFrom: StartFrom | null;
  /** the starting point is in use, but a reload will not bring it back (why) */
  startNotKept: string | null;
  continueError: string | null;
  importModel(file: File): Promise<void>;
  /** the model trained here answers again instead of an imported one */
  backToTrained(): Promise<void>;
  /** the model imported last visit, read back after a reload */
  restoreImported(model: ModelInfo): void;
  /** a model being read back from storage (null: done): Try it says so and waits */
  showRestoring(what: string | null): void;
  /** the imported model becomes the starting point of the next runs; its classes are added to the project */
  continueImported(): Promise<void>;
  startFromScratch(): void;
  /** "Start from scratch instead": the starting point goes, offered back for a while */
  leaveStartingPoint(): Promise<void>;
  /** this starting point (its head to the worker and storage), or none */
  putStartingPoint(stored: StoredStartingPoint | null): Promise<void>;
  predict(file: File): Promise<void>;
  /** a file dropped on Try it that could not be read: said where a prediction's failure is */
  cannotRead(name: string, why?: string): void;
  /** a run's model (its first or its final one), or the last session's: it answers from now on */
  show(model: ModelInfo): void;
  /** a run ended: an imported model its models took the place of is offered back */
  runEnded(): Promise<void>;
  /** the worker moved to another backend after a GPU fault: a model it kept may have gone with the device */
  fellBack(): void;
  /** the backbone changed: the worker dropped the model trained on it (an imported one still answers, a head-only one on its own backbone) */
  backboneReplaced(loadedId: string): void;
  /** the starting point a reload read back (its head already in the worker) */
  restoreStartFrom(stored: StoredStartingPoint): void;
  /** a replaced project's model leaves the page (it was stashed first) */
  clear(): void;
}
