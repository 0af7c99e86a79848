import { useShallow } from 'zustand/react/shallow';
import { datasetProblems } from '../core/data/problems';
import { useBackbone } from '../state/backbone';
import { useProject } from '../state/project';
import { useLrSuggestion } from '../state/lr-suggestion';
import { isRunning, useTraining } from '../state/training';
import { Charts } from './Charts';
import { RunComparison } from './RunComparison';
import { InterruptedRun } from './InterruptedRun';
import { StartingPoint } from './StartingPoint';
import { LrFinder } from './LrFinder';
import { SettingsForm } from './SettingsForm';
import { RunProgress } from './RunProgress';
import { settingsErrors } from './settings-rules';

/**
 * The run's status line. It follows every progress count, so it subscribes alone: the panel
 * around it (settings, finder, charts) re-renders only when the run starts, ends or fails.
 */
function TrainStatus() {
  const { status, extract, runImages, warmup, recipe, epochs, epochsPlanned, phase } = useTraining(
    useShallow((s) => ({
      status: s.status,
      extract: s.extract,
      runImages: s.runImages,
      warmup: s.warmup,
      recipe: s.recipe,
      epochs: s.epochs.length,
      epochsPlanned: s.epochsPlanned,
      phase: s.phase,
    })),
  );
  // a two-phase run: a first model on plain features answers Try it while the full one trains
  const which =
    phase === 'first' ? 'First model (plain features) · ' : phase === 'final' ? 'Full model (augmented views) · ' : '';
  return (
    <span role="status" aria-live="polite" className="train-status">
      {status === 'warming' &&
        `Warming up GPU shaders ${warmup.done}/${warmup.total} (before the first epoch is timed)`}
      {status === 'extracting' &&
        (recipe.total > 0 && extract.done >= extract.total
          ? `${which}Choosing the head recipe: cross-validation on the training images ${recipe.done}/${recipe.total}`
          : phase === 'final'
            ? `${which}Extracting features ${extract.done}/${extract.total} (augmented views)`
            : extract.done < runImages || extract.total <= runImages
              ? `Extracting features ${extract.done}/${Math.min(runImages, extract.total)} (images)`
              : `Extracting features ${extract.done - runImages}/${extract.total - runImages} (augmented views)`)}
      {status === 'training' &&
        `${which}Training: epoch ${epochs + 1 > epochsPlanned ? epochsPlanned : epochs + 1} of ${epochsPlanned}`}
      {status === 'done' && 'Training finished'}
      {status === 'stopped' && 'Training stopped'}
    </span>
  );
}

export function TrainPanel() {
  const { running, error, skipped, train, stop, fallbacks, notKept } = useTraining(
    useShallow((s) => ({
      running: isRunning(s.status),
      error: s.error,
      skipped: s.skipped,
      train: s.train,
      stop: s.stop,
      fallbacks: s.fallbacks,
      notKept: s.notKept,
    })),
  );
  // only what blocks training: the panel (settings, charts, run table) is not re-rendered for
  // every window of a drop being added (up to 8 a 500-image drop, 4× throttled trace)
  const problems = useProject(
    useShallow((s) =>
      datasetProblems(
        s.classes.map((c) => c.name),
        s.classes.map((c) => c.images.length),
      ),
    ),
  );
  const backboneReady = useBackbone((s) => s.status === 'ready');
  const finding = useLrSuggestion((s) => s.status === 'extracting' || s.status === 'sweeping');
  const calibrating = useBackbone((s) => s.calibrating !== null);
  // calibration switches the worker's backend back and forth: a run waits for it
  const settingsWrong = Object.values(settingsErrors(useTraining((s) => s.settings))).map(
    (e) => `Training settings: ${e}.`,
  );
  const blocked = !backboneReady
    ? ['Load a backbone first.']
    : calibrating
      ? ['The backends are being calibrated; training can start when that ends.']
      : [...problems, ...settingsWrong];

  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">Train</h2>
      <SettingsForm disabled={running || finding} />
      <LrFinder disabled={running || blocked.length > 0} />
      {!running && <InterruptedRun disabled={finding || blocked.length > 0} />}
      <StartingPoint disabled={running || finding} />
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => void train()}
          disabled={running || finding || blocked.length > 0}
          aria-describedby={!running && blocked.length > 0 ? 'train-blocked' : undefined}
        >
          Train
        </button>
        <button type="button" onClick={stop} disabled={!running && !finding}>
          Stop
        </button>
        <TrainStatus />
      </div>
      {!running && blocked.length > 0 && (
        <ul className="problems" id="train-blocked" aria-label="Before you can train">
          {blocked.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {running && <RunProgress />}
      {fallbacks.length > 0 && (
        <ul role="alert" className="notice" data-testid="fallback" aria-label="Backend fallbacks">
          {fallbacks.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notKept && (
        <p role="alert" className="notice">
          {notKept}
        </p>
      )}
      {skipped.length > 0 && (
        <details className="notice" open>
          <summary>
            {skipped.length} image{skipped.length > 1 ? 's' : ''} could not be read and{' '}
            {skipped.length > 1 ? 'were' : 'was'} left out
          </summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.name}>
                {s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Charts />
      <RunComparison />
    </section>
  );
}
