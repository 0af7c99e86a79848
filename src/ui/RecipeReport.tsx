import { describeRecipe } from '../core/train/recipe-shape';
import { indistinguishable } from '../core/train/interval';
import type { TrainSummary } from '../worker/protocol';
import type { RunRecord } from '../state/training';
import { dataChanges, measuredOn, runBefore } from '../state/run-record';
import { FigureHeading, ScrollingTable } from './ScrollingTable';
import { pct } from './percent';

// an interval's bounds in whole percents, rounded outwards so the range said holds the exact one
// (the nudge: 0.29 × 100 is 28.999999999999996)
const percentDown = (x: number) => `${Math.floor(x * 100 + 1e-9)}%`;
const percentUp = (x: number) => `${Math.ceil(x * 100 - 1e-9)}%`;

/**
 * How far the validation accuracy can be trusted: its 95% Wilson interval and, against the run
 * before this result, a plain warning when either accuracy lies inside the other's interval (the
 * validation set is too small to tell them apart) or a note that both scored the same, or a note
 * that the two were validated on different images (their figures do not measure the same thing).
 */
export function AccuracyInterval({
  result,
  runs,
  latest,
}: {
  result: TrainSummary;
  runs: RunRecord[];
  /** the result is the latest run's (not a model chosen again) */
  latest: boolean;
}) {
  const [lo, hi] = result.valAccuracyInterval;
  const n = result.images.val;
  const previous = runBefore(result, runs, latest);
  // the backbone is not the data: two backbones on one validation set compare. The images are
  // those its record holds: a first model measured on part of the validation images is not on the
  // run's (it passed for "the same" as a run scored on all of them)
  const own = {
    n: 0,
    label: '',
    valAccuracy: result.valAccuracy,
    history: [],
    classes: result.classes,
    ...measuredOn(result),
  };
  const otherData = previous ? dataChanges(own, previous) : [];
  const { seed, valSplit } = result.settings;
  if (previous?.settings && (previous.settings.seed !== seed || previous.settings.valSplit !== valSplit))
    otherData.push('another validation split: its seed or size changed');
  const comparable = previous !== null && !otherData.length;
  // the same figure on the same images is no difference too small to see: it is none (a run
  // recorded before its counts were says nothing of its images)
  const same = comparable && previous.images?.val === own.images?.val && result.valAccuracy === previous.valAccuracy;
  const tied =
    comparable &&
    !same &&
    indistinguishable(
      { accuracy: result.valAccuracy, n },
      { accuracy: previous.valAccuracy, n: previous.images?.val ?? n },
    );
  return (
    <>
      {/* the method and its exact figures for those who ask; the sentence for everyone else */}
      <p
        className="hint"
        data-testid="val-interval"
        title={`95% interval by the Wilson score method: ${pct(lo)} to ${pct(hi)}`}
      >
        Measured on {n} validation image{n === 1 ? '' : 's'} (each counts for {pct(1 / Math.max(1, n))}): the true
        accuracy is probably between {percentDown(lo)} and {percentUp(hi)}.
      </p>
      {same && (
        <p className="hint" role="note" data-testid="same-score">
          This run scored the same as run {previous.n}: {pct(result.valAccuracy)} on the same validation images.
        </p>
      )}
      {tied && (
        <p className="hint" role="note" data-testid="too-small">
          The validation set is too small to tell this run ({pct(result.valAccuracy)}) from run {previous.n} (
          {pct(previous.valAccuracy)}) apart: one lies inside the other&apos;s likely range.
        </p>
      )}
      {previous && otherData.length > 0 && (
        <p className="hint" role="note" data-testid="other-data">
          Run {previous.n} ({pct(previous.valAccuracy)}) was validated on other data ({otherData.join('; ')}): the two
          figures do not measure the same thing.
        </p>
      )}
    </>
  );
}

/** What the automatic head recipe chose and why: the cross-validation table on the training images. */
export function RecipeReport({ result }: { result: TrainSummary }) {
  const recipe = result.recipe;
  if (!recipe) return null;
  const head = recipe.chosen.hiddenUnits > 0 ? 'A small neural network' : 'A simple classifier';
  return (
    <div className="recipe-report" data-testid="recipe-report">
      <p className="hint">
        {head} on top of the backbone, chosen automatically by trying {recipe.table.length} settings on the training
        images.
      </p>
      <RecipeTable recipe={recipe} />
    </div>
  );
}

/** The technical line and the cross-validation behind it, folded. */
function RecipeTable({ recipe }: { recipe: NonNullable<TrainSummary['recipe']> }) {
  return (
    <details>
      <summary>
        Head recipe (automatic): {describeRecipe(recipe.chosen)}, chosen by {recipe.folds}-fold cross-validation on the
        training images in {recipe.seconds.toFixed(1)} s
      </summary>
      <p className="hint">
        Each candidate trained on {recipe.folds - 1} of {recipe.folds} parts of the training images and was scored on
        the part it had not seen; the validation images played no part. Best first.
      </p>
      {recipe.chosen.temperature !== undefined && recipe.chosen.temperature !== 1 && (
        // a linear head under strong L2 answered right at 43%, "Unknown" in Try it: said where the
        // recipe is, since it changes every probability the model gives
        <p className="hint" data-testid="recipe-temperature">
          Its answers&apos; confidence was calibrated on the same parts: the head&apos;s scores are divided by{' '}
          {recipe.chosen.temperature} (temperature scaling), so how sure it says it is matches how often it was right on
          images it had not seen. Which class it picks is unchanged.
        </p>
      )}
      <ScrollingTable label="Cross-validation of the head recipes">
        <thead>
          <tr>
            <th scope="col">Recipe</th>
            <FigureHeading>CV accuracy</FigureHeading>
            <FigureHeading>CV loss</FigureHeading>
          </tr>
        </thead>
        <tbody>
          {recipe.table.map((row, i) => (
            <tr key={i} aria-current={i === 0 ? 'true' : undefined}>
              <th scope="row">{describeRecipe(row.recipe)}</th>
              <td className="num">{pct(row.accuracy)}</td>
              <td className="num">{row.loss.toFixed(4)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </details>
  );
}
