import { useModelInUse } from '../state/model-in-use';
import { useTraining, type TrainingState } from '../state/training';
import { ExportButton } from './ExportButton';
import { useStoreSoon } from './useStoreSoon';

const resultOf = (s: TrainingState) => s.result;

/**
 * Deploy's downloads, beside Try it and the camera (where Teachable Machine keeps its export), not
 * at the foot of the evaluation: a person who picks "Deploy" finds the model files there. Shown once
 * there is a model to download.
 */
export function ExportPanel() {
  const result = useStoreSoon(useTraining, resultOf);
  const restored = useModelInUse((s) => s.model?.kind === 'restored');
  if (!result && !restored) return null;
  return (
    <section className="panel export-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="hint">
        The zip is a TF.js layers model with its metadata and model card (it loads in Teachable Machine&apos;s library
        too); ONNX and TFLite are the same model for other runtimes.
      </p>
      <ExportButton />
    </section>
  );
}
