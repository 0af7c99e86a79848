import { useState } from 'react';
import { useBackbone } from '../state/backbone';
import { useModelInUse } from '../state/model-in-use';
import { isRunning, useTraining } from '../state/training';
import { progressState, runStages } from './run-stages';
import { startingPointFor } from './train-blockers';
import { useStoreSoon } from './useStoreSoon';

/**
 * The running run's stages and its share done, as the Train panel's bar and the step bar both show
 * it. The share never goes back within a run (a fallback's restart, a first phase the page did not
 * expect, redraw their stages), and starts from nothing at the next one: both read the same store in
 * the same transitions, so both hold the same figure.
 */
export function useRunStages() {
  const progress = useStoreSoon(useTraining, progressState);
  // locked while a run uses them: what the run started from
  const startFrom = useModelInUse((s) => s.startFrom);
  const backboneId = useBackbone((s) => s.loaded?.id);
  const { stages, current, fraction } = runStages(progress, startingPointFor(startFrom, backboneId) !== null);
  const running = isRunning(progress.status);
  const [high, setHigh] = useState(0);
  const shown = running ? Math.max(high, fraction) : 0;
  if (shown !== high) setHigh(shown);
  return { progress, stages, current, fraction: shown, running };
}
