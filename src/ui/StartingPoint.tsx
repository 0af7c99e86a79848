import { handingFocusOn } from './focus-after-removal';
import { useBackbone } from '../state/backbone';
import { useProject } from '../state/project';
import { continues, useModelInUse } from '../state/model-in-use';
import { useTraining } from '../state/training';
import { headColumns, startingPointFor } from './train-blockers';

/** Says what the next run starts from when it continues an imported model, and offers a fresh start. */
export function StartingPoint({ disabled }: { disabled: boolean }) {
  const stored = useModelInUse((s) => s.startFrom);
  const notKept = useModelInUse((s) => s.startNotKept);
  const hidden = useTraining((s) => s.settings.hiddenUnits);
  const fresh = useModelInUse((s) => s.leaveStartingPoint);
  const backboneId = useBackbone((s) => s.loaded?.id);
  const classes = useProject((s) => s.classes);
  const model = useModelInUse((s) => s.model);
  // the same test as Train's blockers (TrainPanel): the notice shows whenever they can apply
  const startFrom = startingPointFor(stored, backboneId);
  if (!startFrom) return null;
  // another import of the same file name answers Try it (the studio's download is always
  // transfer-studio-model.zip): its name alone read as that model's head
  const earlier = model?.kind === 'imported' && model.name === startFrom.modelName && !continues(startFrom, model);
  const { known, added } = headColumns(
    startFrom.labels,
    classes.map((c) => c.name),
  );
  return (
    <div className="notice" role="group" aria-label="Starting point">
      <p>
        Training continues <strong>{startFrom.modelName}</strong>
        {earlier ? ' as imported before, not the model of that name in Try it now' : ''}: its head is the starting point
        {known.length ? ` for ${known.join(', ')}` : ''}
        {added.length
          ? `; ${added.join(', ')} ${added.length > 1 ? 'are new classes and start' : 'is a new class and starts'} from zero weights`
          : ''}
        . Use a small learning rate to keep what it learned.
      </p>
      {/* an alert: a live region that comes with its words is often not read, and this one says work will be lost */}
      {notKept && (
        <p role="alert" className="hint">
          {notKept}
        </p>
      )}
      <div className="row">
        {/* the whole notice goes with the starting point: the focus goes back to Continue (Try it) */}
        <button
          type="button"
          className="from-scratch"
          onClick={handingFocusOn(
            '.notice',
            '.from-scratch',
            ['.continue-model', 'button.run-train'],
            () => void fresh(),
          )}
          disabled={disabled}
        >
          Start from scratch instead
        </button>
        {hidden !== startFrom.hiddenUnits && (
          <span role="alert" className="error">
            Its head has {startFrom.hiddenUnits} hidden units: set Hidden units back to {startFrom.hiddenUnits} to
            continue it.
          </span>
        )}
      </div>
    </div>
  );
}
