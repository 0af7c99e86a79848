import { useId } from 'react';
import { useBackbone } from '../state/backbone';
import { useProject } from '../state/project';
import { useRunning } from './useRunLock';
import { EmbeddingView } from './EmbeddingView';
import { HealthPanel } from './HealthPanel';
import { useNarrow } from './narrow';

/** Looks at the data through the backbone before any training: problems to fix, and how the classes separate. */
export function InsightPanel() {
  const ready = useBackbone((s) => s.status === 'ready');
  const hasImages = useProject((s) => s.classes.some((c) => c.images.length > 0));
  const loading = useBackbone((s) => s.status === 'loading');
  const training = useRunning();
  const narrow = useNarrow();
  // what holds both buttons back, said beside them and read with them (aria-describedby)
  const why = training
    ? 'Training is running: check the data once it has ended.'
    : loading
      ? 'Both wait for the backbone being loaded.'
      : !ready
        ? 'Load a backbone first: both run the images through it.'
        : null;
  const disabled = why !== null;
  const whyId = useId();
  // nothing to check: not two disabled buttons and a paragraph about caching on an empty project, but
  // what the check is for (a bare "add images" left a newcomer an empty card to wonder about)
  if (!hasImages) {
    const about = (
      <p className="hint" data-testid="insight-empty">
        Once you add images, this looks them over before training: identical and nearly identical images, copies on both
        sides of the train/validation split, unreadable files, small or imbalanced classes. Extra copies and unreadable
        files are removed in a press. A feature map shows how well the classes separate.
      </p>
    );
    return (
      <section className="panel" aria-labelledby="insight-title">
        <h2 id="insight-title">Check the data</h2>
        {/* seven lines on a phone, for a card with nothing to do yet: one line there, the rest a tap away */}
        {narrow ? (
          <details className="insight-about">
            <summary>Finds problems in your images</summary>
            {about}
          </details>
        ) : (
          about
        )}
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="insight-title">
      <h2 id="insight-title">Check the data</h2>
      {/* what it is for first (a card that spoke only of its cache left the check's purpose to guess), then
          what is kept: the features are, the report and the map are not (a reload lost them without a word) */}
      <p className="hint" data-testid="insight-about">
        Looks your images over through the backbone before training: identical and nearly identical images, copies on
        both sides of the train/validation split, unreadable files, small or imbalanced classes (copies and unreadable
        files each with a button that removes them); the feature map shows how well the classes separate. Training
        reuses the features it computes. The findings are not saved: run it again after a reload.
      </p>
      {why && (
        <p className="hint" id={whyId}>
          {why}
        </p>
      )}
      <HealthPanel disabled={disabled} describedBy={why ? whyId : undefined} />
      <EmbeddingView disabled={disabled} describedBy={why ? whyId : undefined} />
    </section>
  );
}
