import { useMemo } from 'react';
import { isRunning, useTraining, type TrainingState } from '../state/training';
import { changeSince, type DataChange } from './data-since-run';
import { useClassesSoon } from './useProjectSoon';
import { useStoreSoon } from './useStoreSoon';

const shownModel = (s: TrainingState) => ({ result: s.result, runs: s.runs, running: isRunning(s.status) });

/**
 * How the project's images and classes differ from those the shown model was trained on (null: they
 * do not, or no model is shown), as a transition: a drop being added commits every 64 files. Said
 * of no model while a run is under way: the project is locked, and its first model is on today's images.
 */
export function useDataSinceRun(): DataChange | null {
  const classes = useClassesSoon();
  const { result, runs, running } = useStoreSoon(useTraining, shownModel);
  return useMemo(
    () => (running || !result ? null : changeSince(result, runs ?? [], classes)),
    [running, result, runs, classes],
  );
}
