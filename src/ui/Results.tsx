import { memo, useDeferredValue } from 'react';
import { isRunning, useTraining, type FirstModel, type TrainingState } from '../state/training';
import { useStoreSoon } from './useStoreSoon';
import { useFrameStages, useStagedValue } from './useFrameStages';
import type { TrainSummary } from '../worker/protocol';
import { measuredOn, shownValLoss, tunedBlocksText } from '../state/run-record';
import { fmt } from './format';
import { firstModelWords } from './first-model-line';
import { ConfusionDisclosure, MATRIX_OPEN_UP_TO } from './ConfusionDisclosure';
import { TopLosses } from './TopLosses';
import { AccuracyInterval, RecipeReport } from './RecipeReport';
import { ClassMetricsTable } from './ClassMetricsTable';
import { OtherModelOffer, OtherModelSwitch } from './OtherModelOffer';
import { pct } from './percent';
import { augmentViewsFor, resolveSettings } from '../core/train/settings';
import { changedSinceRun } from './run-changes';
import { shownRun, shownRunName } from './shown-run';
import { useDataSinceRun } from './useDataSinceRun';
import { changedWhat, changeList } from './data-change-words';
import type { DataChange } from '../state/data-since-run';
import { SetAsideHint, useSetAsideFor } from './SetAsideNote';

/**
 * Why early stopping was off, when the person can do something about it. A first model under the
 * automatic recipe had early stopping from the defaults, not from them: the engine no longer says so
 * for one, but results kept before it still carry the note.
 */
export const earlyStopSkippedShown = (r: TrainSummary): TrainSummary['earlyStopSkipped'] | null =>
  r.phase === 'first' && r.settings && resolveSettings(r.settings).recipe === 'auto'
    ? null
    : (r.earlyStopSkipped ?? null);

// memoised: a part keeps its held result (useStagedValue) while a new one reaches the parts above it
const Losses = memo(TopLosses);

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/**
 * A two-phase run's first model: its figure beside the full model's first, then (quieter) which
 * images it trained and was first measured on. The text is first-model-line.ts's sentence.
 */
function FirstModelLine({ first, result, improving }: { first: FirstModel; result: TrainSummary; improving: boolean }) {
  const { main, detail } = firstModelWords(first, result, improving);
  return (
    <p className="first-model" data-testid="first-model">
      {main} <span className="first-model-detail">{detail}</span>
    </p>
  );
}

const shownOf = (s: TrainingState) => ({
  result: s.result,
  memory: s.memory,
  first: s.first,
  improving: s.phase === 'final',
  runs: s.runs,
  // a model chosen again is an earlier run's: compared with the run before its own record, if it has one
  latest: s.lastRunShown,
  running: isRunning(s.status),
  // what changed since the run shown: after a freeze boundary moved, its results looked current
  // (its own run: an older model chosen again reads, after a reload, as the newest run's)
  changedSince:
    !isRunning(s.status) && s.result && s.result.phase !== 'first'
      ? changedSinceRun(s.settings, shownRun(s.result, s.runs, s.lastRunShown)).join(', ')
      : '',
  shownRunWords: s.result ? shownRunName(s.result, s.runs, s.lastRunShown) : '',
});

/**
 * The run's results, rendered as a transition (useStoreSoon): a first model arrives in a worker
 * event, and the results appearing were rendered in that message's task.
 */
export function Results() {
  const shown = useStoreSoon(useTraining, shownOf);
  return shown.result ? (
    <ResultsPanel {...shown} result={shown.result} />
  ) : (
    <NoResults running={shown.running} runs={shown.runs.length} />
  );
}

/** The Evaluate step with no model to show: the step navigation leads here, and an empty step looked broken. */
function NoResults({ running, runs }: { running: boolean; runs: number }) {
  // a run under way (a second one too, whose start cleared the results before): not "no run yet";
  // after runs (another backbone picked, a model made the starting point, a run stopped before its
  // model) "no run yet" denied the run history beside it
  const title = running ? '(training)' : runs ? '(no model to show)' : '(no run yet)';
  const setAsideFor = useSetAsideFor();
  return (
    <section className="panel" aria-labelledby="no-results-title">
      <h2 id="no-results-title">
        Evaluate <span className="visually-hidden">{title}</span>
      </h2>
      <p className="hint">
        {running ? (
          <>
            Training: <a href="#step-train">the run</a>&apos;s results appear here when it has a model.
          </>
        ) : setAsideFor ? (
          <SetAsideHint backboneId={setAsideFor} then="to see its results" />
        ) : runs ? (
          <>
            No model to show for the backbone and starting point now in use: <a href="#step-train">train a model</a>{' '}
            (the runs so far are in the Train step&apos;s run history).
          </>
        ) : (
          <>
            No run yet: <a href="#step-train">train a model</a>.
          </>
        )}{' '}
        Its accuracy on the validation images (with a 95% interval), each class&apos;s precision and F1, the confusion
        matrix and the images it gets wrong appear here; the downloads are in the <a href="#step-deploy">Deploy</a>{' '}
        step.
      </p>
      <OtherModelSwitch />
    </section>
  );
}

/** the panel's parts, one more laid out per drawn frame (useFrameStages): figures, per-class table, the rest */
const PARTS = 3;

function ResultsPanel({
  result,
  memory,
  first,
  improving,
  runs,
  latest,
  changedSince,
  shownRunWords,
}: ReturnType<typeof shownOf> & { result: TrainSummary }) {
  const parts = useFrameStages(PARTS);
  // a new result (the final model after the first) reaches the parts already shown a frame apart too
  const fresh = useFrameStages(PARTS, result);
  const table = useStagedValue(result, 2, fresh);
  // the confusion matrix and the top losses (a tile per image) follow the accuracy in a render React
  // splits into slices: the first model's results appearing were one 130 ms task (4× trace, load 14)
  const detail = useStagedValue(useDeferredValue(result), 3, fresh);
  const dataChange = useDataSinceRun();
  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">Evaluate</h2>
      {/* what a newcomer reads first: the figure and how far to trust it; the loss is in RunDetails */}
      <p className="big" data-testid="val-accuracy">
        Validation accuracy: <strong>{pct(result.valAccuracy)}</strong>
      </p>
      <AccuracyInterval result={result} runs={runs} latest={latest} />
      {changedSince && (
        <p className="notice" data-testid="settings-changed">
          These results are from {shownRunWords}; the settings changed since ({changedSince}): train again to see what
          they do.
        </p>
      )}
      {dataChange && <DataChanged change={dataChange} />}
      {first && <FirstModelLine first={first} result={result} improving={improving} />}
      <OtherModelOffer
        classes={result.classes}
        current={{ valAccuracy: result.valAccuracy, split: result.split, ...measuredOn(result) }}
      />
      {parts >= 2 && <PerClassTable result={table} />}
      {parts >= 3 && (
        <>
          {/* keyed by the side of the bound: a matrix left open at 5 classes is not built at once for a
              later run's 100 (10,000 cells, a task of a second or more) */}
          <ConfusionDisclosure
            key={result.classes.length <= MATRIX_OPEN_UP_TO ? 'small' : 'large'}
            result={detail}
            classes={result.classes.length}
          />
          {detail && <Losses result={detail} />}
        </>
      )}
      {/* what a person checks first, which classes it gets wrong, comes before how the run went;
          drawn with the last of the staged parts, so those above it do not push it down a frame later */}
      {parts >= 3 && <RunDetails result={result} memory={memory} />}
    </section>
  );
}

/** The project's images or classes changed since the run: the figures below are the older model's. */
function DataChanged({ change }: { change: DataChange }) {
  return (
    <p className="notice" data-testid="data-changed">
      The {changedWhat(change)} changed since this run ({changeList(change)}): these figures are for the model trained
      before. <a href="#step-train">Train again</a> to update them.
    </p>
  );
}

type Memory = ReturnType<typeof shownOf>['memory'];

/**
 * How the run was trained: its images, epochs, backend and times, its starting point and early
 * stopping in view; the figures for those who look further (validation loss, the automatic
 * recipe's cross-validation, parameters, memory) behind "Details", out of the first glance.
 */
export function RunDetails({ result, memory }: { result: TrainSummary; memory: Memory }) {
  const skippedEarlyStop = earlyStopSkippedShown(result);
  return (
    <>
      <h3 className="run-details-title">How it was trained</h3>
      <p className="hint" data-testid="run-line">
        {result.images.train} training and {result.images.val} validation images · {result.history.length} epochs on{' '}
        {result.backend}
        {result.backends && result.backends.training !== result.backends.extraction
          ? ` (features extracted on ${result.backends.extraction})`
          : ''}{' '}
        · features{' '}
        {result.extracted
          ? `extracted in ${result.extracted} backbone passes (${passesOf(result)})`
          : 'reused from the cache'}
        {result.lifted ? ` (${result.lifted} computed from the cache below the boundary)` : ''} in{' '}
        {result.seconds.extract.toFixed(1)} s, training {result.seconds.train.toFixed(1)} s
        {result.stopped ? ' · stopped by you' : ''}
      </p>
      {result.startedFrom && (
        <p className="hint" data-testid="started-from">
          Continued training {result.startedFrom}: the run started from its head (classes it did not know started from
          zero weights).
        </p>
      )}
      {result.resumedFrom != null && (
        <p className="hint" data-testid="resumed">
          Resumed after epoch {result.resumedFrom}: a reload had cut this run short; epochs 1–{result.resumedFrom} come
          from its checkpoint.
        </p>
      )}
      {result.bestEpoch != null && (
        <p className="hint" data-testid="early-stopping">
          {result.stoppedEarly
            ? `Early stopping: stopped early at epoch ${result.history.length}; restored epoch ${result.bestEpoch} (lowest loss on ${result.heldForEarlyStop ?? 0} training images held out for it).`
            : `Early stopping: restored epoch ${result.bestEpoch} of ${result.history.length} (lowest loss on ${result.heldForEarlyStop ?? 0} training images held out for it).`}
        </p>
      )}
      {skippedEarlyStop && (
        <p className="hint" data-testid="early-stopping-skipped">
          Early stopping was off for this run: it watches training images held out for it, which takes{' '}
          {skippedEarlyStop.needed} a class, and the smallest class has {skippedEarlyStop.smallestClass} training image
          {skippedEarlyStop.smallestClass === 1 ? '' : 's'}. Every epoch was trained; add images to turn it on.
        </p>
      )}
      <RunFigures result={result} memory={memory} />
    </>
  );
}

/** The run's figures for those who look further, behind a disclosure whose summary names what it holds. */
function RunFigures({ result, memory }: { result: TrainSummary; memory: Memory }) {
  const valLoss = shownValLoss(result);
  const held = [
    valLoss !== undefined && 'validation loss',
    result.recipe && 'head recipe',
    'parameters',
    memory && 'memory',
  ].filter(Boolean);
  return (
    <details className="run-more" data-testid="run-more">
      <summary>Details: {held.join(', ')}</summary>
      {valLoss !== undefined && (
        <p className="hint">
          Validation loss: <span data-testid="val-loss">{valLoss.toFixed(4)}</span> (lower is better: it also counts how
          sure the right answers were)
        </p>
      )}
      <RecipeReport result={result} />
      <p className="hint" data-testid="trained-params">
        {result.unfreeze
          ? `Fine-tuned ${tunedBlocksText({ unfreeze: result.unfreeze, frozenBlocks: result.settings.frozenBlocks })} and the head`
          : 'Trained the head only'}
        : {fmt(result.trainableParams)} trainable parameters, {fmt(result.frozenParams)} frozen
      </p>
      {memory && (
        <p className="hint" data-testid="memory">
          Memory: feature cache {mb(memory.cacheBytes)} ({fmt(memory.cachedFeatures)} entries), tensors{' '}
          {mb(memory.numBytes)}
        </p>
      )}
    </details>
  );
}

export const PerClassTable = memo(function PerClassTable({ result }: { result: TrainSummary }) {
  return (
    <ClassMetricsTable
      label="Per-class validation metrics"
      images="Validation images"
      counted="Validated"
      classes={result.classes}
      perClass={result.perClass}
    />
  );
});

/**
 * What the backbone passes were of: a first model, or a run with no views, passes the images alone
 * (the line said "images and augmented views" with views set to 0, and of the quick first model).
 */
const passesOf = (result: TrainSummary): string =>
  result.phase !== 'first' && augmentViewsFor(result.trainedWith ?? result.settings) > 0
    ? 'images and augmented views'
    : 'the images alone, no augmented views';
