import { useMemo } from 'react';
import { isRunning, useTraining, type TrainingState } from '../state/training';
import type { ModelInfo } from '../state/model-in-use-types';
import { modelChangeWords } from './data-change-words';
import { changeSince, type DataChange } from '../state/data-since-run';
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

/**
 * A model trained here, on other images or classes than the project has now, in words for where it
 * is named (Try it, the live answer): with the classes it answers that the project no longer has
 * ('' when nothing changed; an imported model's classes are its own).
 */
export function useSinceTrained(model: ModelInfo | null): string {
  const changed = useDataSinceRun();
  const classes = useClassesSoon();
  const shownClasses = useTraining((s) => s.result?.classes);
  if (!model || model.kind === 'imported') return '';
  // the change is the shown results' model's: this one, when it answers with their classes
  const same = !!shownClasses && shownClasses.join('\n') === model.labels.join('\n');
  return modelChangeWords(
    same ? changed : null,
    model.labels,
    classes.map((c) => c.name),
  );
}
