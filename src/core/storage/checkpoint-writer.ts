import type { InterruptedRun } from '../train/interrupted';
import { openDatabase } from './databases';
import { notKeptReason } from './model-writer';

/** Where the running run's checkpoint lives: the model database, beside the last trained model (state/model-store.ts reads it). */
export const INTERRUPTED_KEY = 'interrupted';

/**
 * Writes a run's checkpoints where the run is (the training worker), so a reload mid-training
 * keeps its finished epochs. On the page each one was a message to receive and a write to
 * serialise, once a second: 0.3 s of long tasks over a run at 4× CPU throttling. Writes queue
 * behind each other; one that arrives while another is written replaces any still waiting, so
 * only the newest is written next. `settled` resolves once nothing is left to write: a run's
 * answer waits for it, so the page's forgetting a finished run's checkpoint comes after.
 */
export function checkpointWriter(
  /**
   * told when storage refuses a checkpoint (why) and when it keeps one (null), the first time and
   * after each refusal: a reload or another tab resumes only from a kept one, and a refusal was
   * only logged while the page promised the run could be resumed
   */
  refused?: (why: string | null) => void,
) {
  let writing: Promise<void> = Promise.resolve();
  let waiting: InterruptedRun | null = null;
  // the first outcome is told whatever it is: a resumed run's page may still say its checkpoint was refused
  let lastRefusal: string | null | undefined;
  const told = (why: string | null) => {
    if (why === lastRefusal) return;
    lastRefusal = why;
    refused?.(why);
  };
  const write = async () => {
    const next = waiting;
    waiting = null;
    if (!next) return;
    try {
      await (await openDatabase('model')).put('model', next, INTERRUPTED_KEY);
      told(null);
    } catch (err) {
      console.warn(`A training checkpoint was not kept: ${(err as Error).message}`);
      told(notKeptReason(err));
    }
  };
  return {
    keep(run: InterruptedRun): void {
      const queued = waiting !== null;
      waiting = run;
      if (!queued) writing = writing.then(write);
    },
    settled: (): Promise<void> => writing,
  };
}
