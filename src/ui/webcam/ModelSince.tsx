import { useModelInUse } from '../../state/model-in-use';
import { useSinceTrained } from '../useDataSinceRun';

/**
 * Under the live answer, what Try it says of the same model (useSinceTrained): trained here before
 * the project's images or classes changed, or answering classes the project no longer has. A
 * component of its own: the live answer's tests call LivePrediction as a plain function, where these
 * hooks have no React to run in.
 */
export function ModelSince() {
  const words = useSinceTrained(useModelInUse((s) => s.model));
  return words ? (
    <p className="hint live-model-since" data-testid="live-model-since">
      {words}
    </p>
  ) : null;
}
