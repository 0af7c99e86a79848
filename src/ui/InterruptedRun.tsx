import { outdatedBy, plannedEpochs, resumeProblem } from '../core/train/interrupted';
import { changedSettings } from '../core/train/settings';
import { useBackbone } from '../state/backbone';
import { useProject } from '../state/project';
import { useTraining } from '../state/training';
import { handingFocusOn } from './focus-after-removal';

/**
 * The line beside a running run whose checkpoint storage refused (state/training-events.ts): the run
 * goes on, and nothing of it would be there to resume after a reload. For the run's progress.
 */
export function CheckpointNotKept() {
  const why = useTraining((s) => s.checkpointRefused);
  if (!why) return null;
  return (
    // an alert as it appears mid-run: a reload now would lose the run, as the model-not-kept notice says it
    <p className="notice" role="alert" data-testid="checkpoint-not-kept">
      Storage refused this run&rsquo;s checkpoint ({why}): training goes on, but until the browser has room again a
      reload or closing the page leaves nothing to resume.
    </p>
  );
}

/**
 * Offers to continue a run a reload cut short, from its last kept epoch. Discarding it needs nothing
 * (it was disabled by the training settings' problems and "Load a backbone first").
 */
export function InterruptedRun({ resumeDisabled }: { resumeDisabled: boolean }) {
  const run = useTraining((s) => s.interrupted);
  const train = useTraining((s) => s.train);
  const discard = useTraining((s) => s.discardInterrupted);
  const classes = useProject((s) => s.classes);
  const backboneId = useBackbone((s) => (s.status === 'loading' ? null : (s.loaded?.id ?? null)));
  const loading = useBackbone((s) => s.status === 'loading');
  const settings = useTraining((s) => s.settings);
  const notKept = useTraining((s) => s.checkpointRefused);
  if (!run) return null;
  // resuming continues with the settings it started with: edits made since are replaced, and said so first
  const changed = changedSettings(run.settings, settings);
  const { epoch } = run.checkpoint;
  const outdated = outdatedBy(run);
  const problem = resumeProblem(run, {
    classes: classes.map((c) => c.name),
    images: classes.flatMap((c, label) => c.images.map((im) => ({ id: im.id, label }))),
    backboneId,
  });
  return (
    <div className="notice" role="group" aria-label="Interrupted run" data-testid="interrupted-run">
      {outdated ? (
        // "cannot resume yet" promised a way that no change to the project gives
        <p>
          Training was cut short (the page was reloaded or closed) after epoch {epoch} of {plannedEpochs(run)}, on{' '}
          {new Date(run.savedAt).toLocaleString()}, by an earlier version of the studio, which {outdated}: it cannot be
          resumed. Train starts a new run; “Discard interrupted run” removes this offer.
        </p>
      ) : (
        <p>
          Training was cut short (the page was reloaded or closed) after epoch {epoch} of {plannedEpochs(run)}, on{' '}
          {new Date(run.savedAt).toLocaleString()}. Its {epoch} finished epoch{epoch > 1 ? 's are' : ' is'}{' '}
          {notKept ? 'held in this page' : 'kept'}: resuming extracts the features again and continues from epoch{' '}
          {epoch + 1} with the same settings. Train starts a new run instead (this one is offered back for a few
          seconds).
        </p>
      )}
      {changed.length > 0 && (
        <p className="hint" data-testid="resume-settings">
          Resuming goes back to the settings it started with: your changes to {changed.join(', ')} are put aside (an
          Undo toast offers them back when the resumed run has ended).
        </p>
      )}
      {notKept && (
        <p className="notice" role="alert" data-testid="interrupted-not-kept">
          Storage refused to keep this run ({notKept}): resume it before the page reloads or closes, or it is lost.
        </p>
      )}
      {problem && !loading && !outdated && <p className="error">Cannot resume yet: {problem}</p>}
      <div className="row">
        <button
          type="button"
          className="primary interrupted-action"
          // the offer goes as the run starts: the focus goes to that run's Stop, never to Discard beside
          // it (the run's lock, drawn in turns, disabled Resume a frame or more before the offer went:
          // the focus went to Discard as this button's peer, then to the page with the offer)
          onClick={handingFocusOn('.panel', null, 'button.run-stop', () => train({ resume: true }))}
          disabled={resumeDisabled || !!problem}
        >
          Resume training
        </button>
        <button
          type="button"
          className="interrupted-action"
          // the offer goes: to Train, or (Train disabled by what blocks it) to the Train step itself
          onClick={handingFocusOn('.panel', '.interrupted-action', ['button.run-train', '#step-train'], () =>
            discard(),
          )}
        >
          Discard interrupted run
        </button>
      </div>
    </div>
  );
}
