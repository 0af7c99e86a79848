import { isRunning, type TrainStatus } from '../../state/training-types';
import { runShareWords, type Stage } from '../run-stages';

/** A running run's stage under way and its share done (useRunStages: what the Train panel's bar shows). */
export interface RunShare {
  stage: Stage;
  fraction: number;
  /** the run trains (its epochs count the one under way, as the Train panel's does) */
  training: boolean;
}

/**
 * The Train step's few words in the step bar: where a run stands, as far as it has gone over all of
 * its stages (the Train panel's bar) and the stage under way with its count ("41% · views 60/128"), so that from any other step one glance says how
 * long is left; then how it ended.
 */
export function trainStepWords(status: TrainStatus, trainedBefore: boolean, run: RunShare): string {
  if (isRunning(status)) return runShareWords(run.stage, run.fraction, run.training);
  if (status === 'done') return 'finished';
  if (status === 'stopped') return 'stopped';
  if (status === 'error') return 'failed';
  return trainedBefore ? 'trained earlier' : 'not started';
}
