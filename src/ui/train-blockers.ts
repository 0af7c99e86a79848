import { nameKey } from '../core/data/problems';
import { resolveSettings, type TrainSettings } from '../core/train/settings';
import type { StartFrom } from '../state/model-in-use';

/**
 * What holds Train (and the finder, and a resume) before the settings and the data count: the
 * backbone, and a calibration, which switches the worker's backend back and forth. A backbone that
 * is loading (or moving to another backend) is said as such: "Load a backbone first" read as a
 * request while it was already under way.
 */
export function backboneBlockers(
  status: 'idle' | 'loading' | 'ready' | 'error',
  calibrating: boolean,
): string[] | null {
  if (status === 'loading') return ['The backbone is loading: training can start once it has loaded.'];
  if (status !== 'ready') return ['Load a backbone first.'];
  if (calibrating) return ['The backends are being calibrated; training can start when that ends.'];
  return null;
}

/**
 * The starting point the next run continues, or null: the worker holds the imported head for the
 * backbone it was cut from (worker/custom-models-api.ts `headStartFor`), and another backbone's run
 * starts a fresh head.
 */
export function startingPointFor(startFrom: StartFrom | null, backboneId: string | null | undefined): StartFrom | null {
  return startFrom && startFrom.backboneId === backboneId ? startFrom : null;
}

/**
 * The project's classes the imported head knows, and those it does not (they start from zero
 * weights), matched as the worker matches its columns (core/model-import/head-start.ts
 * `startCheckpoint`): the project's "cat" is the model's "Cat".
 */
export function headColumns(
  labels: readonly string[],
  classes: readonly string[],
): { known: string[]; added: string[] } {
  const keys = new Set(labels.map(nameKey));
  return {
    known: classes.filter((name) => keys.has(nameKey(name))),
    added: classes.filter((name) => !keys.has(nameKey(name))),
  };
}

/**
 * What the worker refuses when a run continues `start`'s head (core/train-model.ts `trainModel`,
 * core/model-import/head-start.ts `startCheckpoint`), in its words. It refuses only after the Train
 * click has cleared the results and warmed the GPU up, so the page blocks Train with these first.
 * Every one that applies is said, where the worker stops at the first: fixing one would only show the next.
 */
export function continueBlockers(start: StartFrom | null, settings: TrainSettings): string[] {
  if (!start) return [];
  // the worker checks the settings as it trains with them: unset knobs at their mode's defaults
  const s = resolveSettings(settings);
  const problems: string[] = [];
  if (s.unfreeze > 0)
    problems.push(
      `Continuing ${start.modelName} trains its head only: freeze the whole backbone (head only), or start from scratch to fine-tune.`,
    );
  // (a fine-tuning run resolves to the manual recipe: the line above says what to change)
  if (s.recipe === 'auto')
    problems.push(
      `Continuing ${start.modelName} trains the head it brings: set Head recipe to manual, or start from scratch for the automatic recipe.`,
    );
  if (s.hiddenUnits !== start.hiddenUnits)
    problems.push(
      `${start.modelName}'s head has ${start.hiddenUnits} hidden units: set Hidden units to ${start.hiddenUnits} to continue it, or start from scratch.`,
    );
  return problems;
}
