import type { TrainingState } from '../../state/training';

type RunWords = Pick<TrainingState, 'status' | 'extract' | 'recipe' | 'phase' | 'epochs' | 'epochsPlanned'> & {
  /** results are in from before this visit (a reload, an opened project) */
  trainedBefore: boolean;
  /** the run's head recipe is the automatic one: its cross-validation follows the extraction */
  autoRecipe: boolean;
};

/**
 * The Train step's few words in the step bar: where a run stands, as far as it has gone ("features
 * 40%", "first model · epoch 3/17"), so that from any other step one glance says how long is left.
 * It said "preparing…" through the whole extraction, which is most of a run's time on a CPU.
 */
export function trainStepWords(s: RunWords): string {
  const { status, extract, recipe, phase } = s;
  if (status === 'warming') return 'warming up…';
  if (status === 'extracting') {
    // the folds report only as each ends: from the extraction's end under the automatic recipe
    const extracted = extract.total > 0 && extract.done >= extract.total;
    const choosing = recipe.total > 0 ? recipe.done < recipe.total : s.autoRecipe && extracted && phase !== 'first';
    if (choosing) return 'choosing the recipe';
    if (extract.total > 0) return `features ${Math.min(100, Math.floor((100 * extract.done) / extract.total))}%`;
    return 'preparing…';
  }
  if (status === 'training') {
    const epoch = `epoch ${Math.min(s.epochs.length + 1, s.epochsPlanned)}/${s.epochsPlanned}`;
    return phase === 'first' ? `first model · ${epoch}` : epoch;
  }
  if (status === 'done') return 'finished';
  if (status === 'stopped') return 'stopped';
  if (status === 'error') return 'failed';
  return s.trainedBefore ? 'trained earlier' : 'not started';
}
