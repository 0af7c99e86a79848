import { useInsight } from '../state/dataset-insight';
import { isFinding, useLrSuggestion } from '../state/lr-suggestion';

/**
 * Why the backend cannot change now beside a run: a job extracting with the backbone (a switch or a
 * calibration loads it again and disposes the old one: the learning-rate finder failed mid-sweep
 * on a disposed tensor, as the backbone picker already knew). Null when none is.
 */
export function useBackboneJob(what = 'The backend'): string | null {
  const finder = useLrSuggestion(isFinding);
  const health = useInsight((s) => s.health.status === 'running');
  const map = useInsight((s) => s.embedding.status === 'running');
  const job = finder ? 'the learning-rate finder' : health ? 'the health check' : map ? 'the feature map' : null;
  return (
    job &&
    `${what} cannot change while ${job} runs on the backbone: ${finder ? 'Stop it, or wait for its curve' : 'wait for it to finish'}.`
  );
}
