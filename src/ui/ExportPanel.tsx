import { useBackbone } from '../state/backbone';
import { useModelInUse } from '../state/model-in-use';
import { useTraining, type TrainingState } from '../state/training';
import { ExportButton } from './ExportButton';
import { ExportCode } from './ExportCode';
import { exportOffer } from './export-offer';
import { useFrameStages } from './useFrameStages';
import { useStoreSoon } from './useStoreSoon';
import { pct } from './percent';

const resultOf = (s: TrainingState) => s.result;

/**
 * Frames the downloads wait after a model first appears: the first model's results take three
 * (Results.tsx), and with the downloads in the first of them, that frame laid out 117 objects
 * (the results' head, the stages, this panel's seven buttons): 33 ms of layout and a 55-65 ms
 * task under 4× CPU throttling in the quiet benchmark, at the first model.
 */
const AFTER_RESULTS = 4;

/**
 * Deploy's downloads, beside Try it and the camera (where Teachable Machine keeps its export), not
 * at the foot of the evaluation: a person who picks "Deploy" finds the model files there. Shown once
 * there is a model to download.
 */
export function ExportPanel() {
  const result = useStoreSoon(useTraining, resultOf);
  const restored = useModelInUse((s) => s.model?.kind === 'restored');
  // an imported model answers Try it on top of the results' model: the downloads are the results'
  const imported = useModelInUse((s) => (s.model?.kind === 'imported' ? s.model.name : null));
  const any = !!result || restored;
  const { hint } = exportOffer(useBackbone((s) => s.loaded?.id));
  const stage = useFrameStages(AFTER_RESULTS, any);
  if (!any || stage < AFTER_RESULTS) return null;
  return (
    <section className="panel export-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      {/* the buttons first: under Try it and the camera they are what a 1280×800 screen reaches */}
      {imported && result && (
        <p className="notice" data-testid="export-which">
          The downloads below are the model trained here ({pct(result.valAccuracy)} validation accuracy). Try it answers
          with the one you imported, {imported}: you already have its file.
        </p>
      )}
      <ExportButton />
      <p className="hint" data-testid="export-hint">
        {hint}
      </p>
      <ExportCode />
    </section>
  );
}
