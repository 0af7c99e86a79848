import { useProject, type ProjectState } from '../state/project';
import { isRunning, useTraining, type TrainingState } from '../state/training';
import { useLockSoonFree, useStoreSoon } from './useStoreSoon';

const running = (s: TrainingState) => isRunning(s.status);
const projectLock = (s: ProjectState) => s.locked;

/** A run is under way: true at once when it starts, false as a transition when it ends (useLockSoonFree). */
export const useRunning = (): boolean => useLockSoonFree(useTraining, running);

/**
 * Why the classes and images cannot change now (a run uses them), or null, as a transition both
 * ways: the project store refuses those edits itself, so the data panel and the class cards show
 * the lock a few frames late rather than rendering in the Train click's task or the run's last message.
 */
export const useProjectLock = (): string | null => useStoreSoon(useProject, projectLock);
