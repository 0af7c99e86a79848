import { useProject, type ProjectState } from '../state/project';
import { isRunning, useTraining, type TrainingState } from '../state/training';
import { useStoreInTurn } from './useStoreSoon';

const running = (s: TrainingState) => isRunning(s.status);
const projectLock = (s: ProjectState) => s.locked;

/** A run is under way, shown in its turn both ways (useStoreInTurn): the stores refuse what a run forbids at once. */
export const useRunning = (): boolean => useStoreInTurn(useTraining, running);

/**
 * Why the classes and images cannot change now (a run uses them), or null, in its turn both ways
 * (useStoreInTurn): the project store refuses those edits itself, so the data panel and the class
 * cards show the lock a few frames late rather than rendering in the Train click's task or the run's last message.
 */
export const useProjectLock = (): string | null => useStoreInTurn(useProject, projectLock);
