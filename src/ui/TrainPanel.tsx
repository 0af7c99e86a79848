import { Fragment, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetProblems } from '../core/data/problems';
import { useBackbone } from '../state/backbone';
import { useProject, type ProjectState } from '../state/project';
import { isFinding, SWEPT_WITH, useLrSuggestion } from '../state/lr-suggestion';
import { continuingNow, useModelInUse } from '../state/model-in-use';
import { isRunning, useTraining, type TrainingState } from '../state/training';
import { zipDownloaded } from '../state/leave-guard';
import { useStoreSoon } from './useStoreSoon';
import { useDataSinceRun } from './useDataSinceRun';
import { useClassCountSoon, useImageCountSoon } from './useProjectSoon';
import { statusWithChange } from './data-change-words';
import { pct } from './percent';
import { useThrottledLive } from './announce';
import { useRunning } from './useRunLock';
import { useNarrow } from './narrow';
import { Charts } from './Charts';
import { RunComparison } from './RunComparison';
import { InterruptedRun } from './InterruptedRun';
import { StartingPoint } from './StartingPoint';
import { LrFinder } from './LrFinder';
import { SettingsForm } from './SettingsForm';
import { RunProgress } from './RunProgress';
import { StepLink } from './layout/step-link';
import { holdInView } from './hold-in-view';
import { settingsErrors } from './settings-rules';
import { classCardId, countProblem } from './class-blockers';
import { backboneBlockers, continueBlockers, startingPointFor } from './train-blockers';
import { runCounts } from './run-stages';
import { FINDER_BUTTON_ID, FINDING_HINT, focusAfter, settingsLock, trainDescribedBy } from './train-panel-rules';

/** What the status line shows of a run. */
export const statusLine = (s: TrainingState) => ({
  ...runCounts(s),
  stoppedBeforeModel: s.stoppedBeforeModel,
  hasModel: s.result !== null,
  // the figure a finished run is for, said where the run ends (the Evaluate step may be off screen)
  accuracy: s.result ? { value: s.result.valAccuracy, images: s.result.images.val } : null,
});

/** The status line's words, and the stage they belong to (a new stage is said at once). */
export function statusWords(s: ReturnType<typeof statusLine>): { stage: string; text: string } {
  const { status, extract, runImages, warmup, recipe, epochs, epochsPlanned, phase } = s;
  // a two-phase run: a first model on plain features answers Try it while the full one trains
  const which =
    phase === 'first' ? 'First model (plain features) · ' : phase === 'final' ? 'Full model (augmented views) · ' : '';
  const stage = (name: string, text: string) => ({ stage: `${phase ?? ''}:${name}`, text });
  if (status === 'warming')
    return stage(status, `Warming up GPU shaders ${warmup.done}/${warmup.total} (before the first epoch is timed)`);
  if (status === 'extracting') {
    if (recipe.total > 0 && extract.done >= extract.total)
      return stage(
        'recipe',
        `${which}Choosing the head recipe: cross-validation on the training images ${recipe.done}/${recipe.total}`,
      );
    if (phase === 'final')
      return stage('views', `${which}Extracting features ${extract.done}/${extract.total} (augmented views)`);
    if (extract.done < runImages || extract.total <= runImages)
      return stage('images', `Extracting features ${extract.done}/${Math.min(runImages, extract.total)} (images)`);
    return stage(
      'views',
      `Extracting features ${extract.done - runImages}/${extract.total - runImages} (augmented views)`,
    );
  }
  if (status === 'training')
    return stage(
      status,
      `${which}Training: epoch ${epochs + 1 > epochsPlanned ? epochsPlanned : epochs + 1} of ${epochsPlanned}`,
    );
  if (status === 'done')
    return stage(
      status,
      s.accuracy && s.accuracy.images > 0
        ? `Training finished: ${pct(s.accuracy.value)} of ${s.accuracy.images} validation images right`
        : 'Training finished',
    );
  if (status === 'stopped')
    return stage(
      status,
      // a Stop in the first epoch (or while extracting) makes no model: said, as the results did not change
      !s.stoppedBeforeModel
        ? 'Training stopped'
        : s.hasModel
          ? 'Training stopped before a model was made: the model you had still answers'
          : 'Training stopped before a model was made',
    );
  return stage(status, '');
}

/**
 * The run's status line. It follows every progress count, so it subscribes alone, and as a
 * transition (useStoreSoon): a worker event's message task does not render it. Its counts change
 * every 200 ms: it is heard at each stage (warming up, extracting, the recipe, training, the end)
 * and every few seconds within one (useThrottledLive).
 */
export function TrainStatus() {
  const run = useStoreSoon(useTraining, statusLine);
  // a model trained before the images or classes changed: said after the run's own words
  const { stage, text } = statusWithChange(statusWords(run), useDataSinceRun());
  const line = useRef<HTMLSpanElement>(null);
  useThrottledLive(line, stage, text);
  return (
    <>
      <span ref={line} role="status" aria-live="off" className="train-status">
        {text}
      </span>
      {/* where a finished run leads: its details (Evaluate may be screens below) and the model to try.
          Beside the status region, not in it: the region says the run's words alone */}
      {run.status === 'done' && run.hasModel && (
        <span className="run-next">
          Next: <StepLink step="evaluate">Evaluate</StepLink> · <StepLink step="deploy">Try it</StepLink>
        </span>
      )}
    </>
  );
}

const beforeFirstRun = (s: TrainingState) => s.status === 'idle';

/**
 * Beside Train until a run starts, where its status line will be: what the run will train on, in
 * the step bar's words (the Data step may be screens above).
 */
function WhatTrains() {
  const idle = useStoreSoon(useTraining, beforeFirstRun);
  const images = useImageCountSoon();
  const classes = useClassCountSoon();
  if (!idle || images === 0) return null;
  return (
    <span className="hint" data-testid="train-what">
      {classes} class{classes === 1 ? '' : 'es'} · {images} image{images === 1 ? '' : 's'}
    </span>
  );
}

/** What the panel shows of a run besides its progress; it changes when a run starts, ends or fails. */
const panelState = (s: TrainingState) => ({
  running: isRunning(s.status),
  error: s.error,
  skipped: s.skipped,
  fallbacks: s.fallbacks,
  notKept: s.notKept,
  downloaded: zipDownloaded(s),
});

/**
 * Train and Stop, with the status line. They lock at once (the click that starts a run disables
 * Train in its own task, so a run cannot start twice) and free as a transition when the run ends
 * (useRunning); the panel around them follows
 * as a transition: the Train click rendered the settings, finder, progress and charts in its task
 * (100 ms of React under 4× throttling, load 13).
 */
function RunButtons({ blocked, finding }: { blocked: boolean; finding: boolean }) {
  const running = useRunning();
  const { train, stop } = useTraining(useShallow((s) => ({ train: s.train, stop: s.stop })));
  const trainButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  // the button that has the focus is disabled by the run it starts or that ends: the focus moves to
  // its partner rather than drop to the page (a keyboard user was left nowhere). A layout effect:
  // the disabled button still holds the focus until the browser's next style update.
  // (the learning-rate finder's Stop too: it is enabled while the finder sweeps). Train still disabled
  // at the end (what holds it) sends the focus on to Find learning rate or the list of what holds it.
  const active = running || finding;
  useLayoutEffect(() => {
    const [train, stop] = [trainButton.current, stopButton.current];
    const from = active ? train : stop;
    if (!from || document.activeElement !== from) return;
    const finder = document.getElementById(FINDER_BUTTON_ID) as HTMLButtonElement | null;
    const usable = (b: HTMLButtonElement | null) => !!b && !b.disabled;
    const to = focusAfter(active, { train: usable(train), stop: usable(stop), finder: usable(finder) });
    // Train and Stop sit side by side: nothing to scroll to, and a scroll could move the results away.
    // The settings above them fold as a run starts and open as it ends, and the steps above lock a
    // frame apart: the focused button is held where it is (Stop had ended above the window)
    const button = to === 'train' ? train : to === 'stop' ? stop : null;
    if (button) {
      button.focus({ preventScroll: true });
      holdInView(button);
    } else if (to === 'finder') finder?.focus();
    else if (to === 'blockers') document.getElementById('train-blocked')?.focus();
  }, [active]);
  return (
    <div className="row">
      <button
        ref={trainButton}
        type="button"
        className="primary run-train"
        onClick={() => void train()}
        disabled={running || finding || blocked}
        aria-describedby={trainDescribedBy({ running, finding, blocked })}
      >
        Train
      </button>
      <button ref={stopButton} type="button" className="run-stop" onClick={stop} disabled={!running && !finding}>
        Stop
      </button>
      <TrainStatus />
      <WhatTrains />
      {!running && finding && (
        <span className="hint" id="train-finding">
          {FINDING_HINT}
        </span>
      )}
    </div>
  );
}

/** The Train step's blockers that are one class's image count, each to the id of that class (the first of a name). */
function blockerClasses(s: ProjectState): Map<string, string> {
  const classOf = new Map<string, string>();
  for (const c of s.classes) {
    const p = countProblem(c.name, c.images.length);
    if (p && !classOf.has(p)) classOf.set(p, c.id);
  }
  return classOf;
}

/** A link to class `id`'s card, named by the class as the project has it now. */
function ClassLink({ id }: { id: string }) {
  const name = useProject((s) => s.classes.find((c) => c.id === id)?.name);
  return <a href={`#${classCardId(id)}`}>Go to class &quot;{name}&quot;</a>;
}

/**
 * `render`, told whether a run is under way in a turn of its own (useRunning): the settings, the
 * learning-rate finder and the starting point each lock a frame apart. Locked in the run's first
 * commit with the progress and the charts, they were one frame of 70 dirty layout objects, 13 ms
 * of style and 26 ms of layout under 4× CPU throttling (quiet trace, load 1.9). The stores refuse
 * what a run forbids at once, so nothing can change in the frames before the lock shows.
 */
function WithRunLock({ render }: { render: (running: boolean) => React.ReactElement }) {
  return render(useRunning());
}

export function TrainPanel() {
  const { running, error, skipped, fallbacks, notKept, downloaded } = useStoreSoon(useTraining, panelState);
  const narrow = useNarrow();
  // only what blocks training: the panel (settings, finder, charts, run table) is not re-rendered for
  // every window of a drop being added (up to 8 a 500-image drop, 4× throttled trace)
  const problems = useProject(
    useShallow((s) =>
      datasetProblems(
        s.classes.map((c) => c.name),
        s.classes.map((c) => c.images.length),
      ),
    ),
  );
  // a class's own blocker links to its card, where its images are added: the blocker's words → the class's id
  const classOf = useProject(useShallow(blockerClasses));
  const backboneStatus = useBackbone((s) => s.status);
  const backboneReady = backboneStatus === 'ready';
  const finding = useLrSuggestion(isFinding);
  const calibrating = useBackbone((s) => s.calibrating !== null);
  const settings = useTraining((s) => s.settings);
  const fieldErrors = Object.entries(settingsErrors(settings));
  const said = ([, e]: [string, string]) => `Training settings: ${e}.`;
  const waiting = backboneBlockers(backboneStatus, calibrating);
  const blocked = waiting ?? [...problems, ...fieldErrors.map(said)];
  // the finder waits only on the settings its sweep uses: it fills in a cleared learning rate
  const swept: readonly string[] = SWEPT_WITH;
  const finderBlocked = waiting ?? [...problems, ...fieldErrors.filter(([k]) => swept.includes(k)).map(said)];
  const resumeBlocked = !backboneReady || calibrating ? blocked : problems;
  const startFrom = useModelInUse((s) => s.startFrom);
  const backboneId = useBackbone((s) => s.loaded?.id);
  // a new run continuing an imported head: what the worker would refuse after clearing the results and
  // warming up. Train's alone: a resumed run starts from its own checkpoint, and the finder keeps no head
  // Continue training swaps the backbone, classes and settings when it ends: Train waits (the store refuses too)
  const switching = useModelInUse((s) => s.switching);
  const continuing = switching && continuingNow();
  const trainBlocked = continuing
    ? [`${continuing}: Train waits for it.`]
    : !backboneReady || calibrating
      ? blocked
      : [...blocked, ...continueBlockers(startingPointFor(startFrom, backboneId), settings)];

  const settingsForm = (
    <WithRunLock key="settings" render={(locked) => <SettingsForm {...settingsLock(locked, finding)} />} />
  );
  const run = (
    <Fragment key="run">
      {/* a resumed run trains with its own settings: the fields' problems do not hold it back */}
      {!running && <InterruptedRun resumeDisabled={finding || resumeBlocked.length > 0} />}
      <WithRunLock render={(locked) => <StartingPoint disabled={locked || finding} />} />
      <RunButtons blocked={trainBlocked.length > 0} finding={finding} />
      {!running && trainBlocked.length > 0 && (
        // focusable from script: the focus lands here when a run or a sweep ends with Train held (RunButtons)
        <ul className="problems" id="train-blocked" aria-label="Before you can train" tabIndex={-1}>
          {trainBlocked.map((p) => {
            const classId = classOf.get(p);
            return (
              <li key={p}>
                {p}
                {classId && (
                  <>
                    {' '}
                    <ClassLink id={classId} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {running && <RunProgress />}
    </Fragment>
  );

  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">Train</h2>
      {/* On a phone's width Train, the run's status and its progress come before the settings, as in
          Teachable Machine (Train Model, then Advanced): open, the settings' fourteen fields put them
          screens down. Keyed, the two trade places without either being made anew (a phone turned
          on its side keeps the settings open or folded) */}
      {narrow ? [run, settingsForm] : [settingsForm, run]}
      {/* after Train, the step's one action, and its progress: the finder is an expert's extra */}
      <WithRunLock
        render={(locked) => <LrFinder disabled={locked || finderBlocked.length > 0} blocked={finderBlocked} />}
      />
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
          {downloaded && ' You downloaded it: “Import a model (zip)…”, in Try it, brings it back after a reload.'}
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
