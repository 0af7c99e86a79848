import { useBackbone } from '../state/backbone';
import { useProject } from '../state/project';
import { useRunning } from './useRunLock';
import { EmbeddingView } from './EmbeddingView';
import { HealthPanel } from './HealthPanel';

/** Looks at the data through the backbone before any training: problems to fix, and how the classes separate. */
export function InsightPanel() {
  const ready = useBackbone((s) => s.status === 'ready');
  const hasImages = useProject((s) => s.classes.some((c) => c.images.length > 0));
  const training = useRunning();
  const disabled = !ready || !hasImages || training;
  return (
    <section className="panel" aria-labelledby="insight-title">
      <h2 id="insight-title">Check the data</h2>
      <p className="hint">Features computed here are cached: training afterwards does not extract them again.</p>
      <HealthPanel disabled={disabled} />
      <EmbeddingView disabled={disabled} />
    </section>
  );
}
