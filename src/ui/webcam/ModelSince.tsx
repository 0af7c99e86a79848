import { useModelInUse } from '../../state/model-in-use';
import { useTraining } from '../../state/training';
import { modelChangeWords } from '../data-change-words';
import { useDataSinceRun } from '../useDataSinceRun';
import { useClassesSoon } from '../useProjectSoon';

/**
 * Under the live answer, what Try it says of the same model (ui/TryIt.tsx's useSinceTrained, which
 * is not exported): a model trained here before the project's images or classes changed, and the
 * classes it answers that the project no longer has ("street (90%)" after "street" was removed). An
 * imported model's classes are its own. A component of its own: the live answer's tests call
 * LivePrediction as a plain function, where these hooks have no React to run in.
 */
export function ModelSince() {
  const model = useModelInUse((s) => s.model);
  const changed = useDataSinceRun();
  const classes = useClassesSoon();
  const shownClasses = useTraining((s) => s.result?.classes);
  if (!model || model.kind === 'imported') return null;
  // the change is the shown results' model's: this one, when it answers with their classes
  const same = !!shownClasses && shownClasses.join('\n') === model.labels.join('\n');
  const words = modelChangeWords(
    same ? changed : null,
    model.labels,
    classes.map((c) => c.name),
  );
  return words ? (
    <p className="hint live-model-since" data-testid="live-model-since">
      {words}
    </p>
  ) : null;
}
