import { isRunning, type TrainStatus } from '../../state/training-types';
import { runShareWords } from '../run-stages';

/** A running run's stage under way and its share done (useRunStages: what the Train panel's bar shows). */
export interface RunShare {
  stage: string;
  fraction: number;
}

/**
 * The Train step's few words in the step bar: where a run stands, as far as it has gone over all of
 * its stages ("views 41%", the Train panel's bar), so that from any other step one glance says how
 * long is left; then how it ended.
 */
export function trainStepWords(status: TrainStatus, trainedBefore: boolean, run: RunShare): string {
  if (isRunning(status)) return runShareWords(run.stage, run.fraction);
  if (status === 'done') return 'finished';
  if (status === 'stopped') return 'stopped';
  if (status === 'error') return 'failed';
  return trainedBefore ? 'trained earlier' : 'not started';
}
