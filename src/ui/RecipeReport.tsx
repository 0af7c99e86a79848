import { describeRecipe } from '../core/train/recipe-shape';
import { indistinguishable } from '../core/train/interval';
import type { TrainSummary } from '../worker/protocol';
import type { RunRecord } from '../state/training';
import { FigureHeading, ScrollingTable } from './ScrollingTable';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * How far the validation accuracy can be trusted: its 95% Wilson interval and, when the previous
 * run's accuracy lies inside it (or this one inside the previous run's), a plain warning that the
 * validation set is too small to tell the two runs apart.
 */
export function AccuracyInterval({ result, runs }: { result: TrainSummary; runs: RunRecord[] }) {
  const [lo, hi] = result.valAccuracyInterval;
  const n = result.images.val;
  const previous = runs.length > 1 ? runs[runs.length - 2] : null;
  // runs of one project validate on the same split, so both rest on n images
  const tied =
    previous !== null && indistinguishable({ accuracy: result.valAccuracy, n }, { accuracy: previous.valAccuracy, n });
  return (
    <>
      <p className="hint" data-testid="val-interval">
        95% interval (Wilson score) on {n} validation images: {pct(lo)} to {pct(hi)}; one image moves the figure by{' '}
        {pct(1 / Math.max(1, n))}.
      </p>
      {tied && (
        <p className="hint" role="note" data-testid="too-small">
          The validation set is too small to tell this run ({pct(result.valAccuracy)}) from run {previous.n} (
          {pct(previous.valAccuracy)}) apart: each lies inside the other&apos;s 95% interval.
        </p>
      )}
    </>
  );
}

/** What the automatic head recipe chose and why: the cross-validation table on the training images. */
export function RecipeReport({ result }: { result: TrainSummary }) {
  const recipe = result.recipe;
  if (!recipe) return null;
  return (
    <details data-testid="recipe-report">
      <summary>
        Head recipe (automatic): {describeRecipe(recipe.chosen)}, chosen by {recipe.folds}-fold cross-validation on the
        training images in {recipe.seconds.toFixed(1)} s
      </summary>
      <p className="hint">
        Each candidate trained on {recipe.folds - 1} of {recipe.folds} parts of the training images and was scored on
        the part it had not seen; the validation images played no part. Best first.
      </p>
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
