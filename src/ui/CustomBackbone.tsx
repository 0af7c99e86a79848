import { focusAfterRemoval, handingFocusOn } from './focus-after-removal';
import { useId, useState, type FormEvent } from 'react';
import type { PixelRange } from '../core/data/crop';
import { useBackbone } from '../state/backbone';
import { useCustomBackbone } from '../state/custom-backbone';
import { FilePicker } from './FilePicker';
import { fmt } from './format';
import { useBackboneJob } from './useBackboneJob';
import { useRunning } from './useRunLock';
import { useUnkeptModelGuard } from './useUnkeptModelGuard';
import { findBackboneSpec } from '../core/backbones/registry';

const RANGES: { key: string; label: string; range: PixelRange }[] = [
  { key: '-1..1', label: '−1 to 1 (MobileNet, EfficientNet-V2, Inception)', range: { min: -1, max: 1 } },
  { key: '0..1', label: '0 to 1', range: { min: 0, max: 1 } },
  { key: '0..255', label: '0 to 255 (EfficientNet-V1 with its own rescaling)', range: { min: 0, max: 255 } },
];

/** "Bring your own backbone": pick a layers model, see where features can come from, choose. */
export function CustomBackbone() {
  const { inspecting, reading, inspection, error, inspect, adopt, cancel } = useCustomBackbone();
  const loading = useBackbone((s) => s.status === 'loading');
  const loadedName = useBackbone((s) => (s.loaded ? (findBackboneSpec(s.loaded.id)?.name ?? 'the backbone') : null));
  const { guard, dialog } = useUnkeptModelGuard();
  // the picker above says why (state/backbone's lock)
  const training = useRunning();
  // as the picker: the learning-rate finder, health check and feature map hold the backbone as a run
  // does, and a calibration moves the loaded one (the brought one, loaded meanwhile, was shown loaded
  // beside the one moved)
  const job = useBackboneJob('The backbone');
  const calibrating = useBackbone((s) => s.calibrating !== null);
  const running = training || job !== null;
  const waiting = calibrating && !running;
  const [picked, setPicked] = useState<{ for: unknown; layer: string } | null>(null);
  const [range, setRange] = useState(RANGES[0].key);
  const [size, setSize] = useState('224');
  // on unless unticked for this inspection: the built-in MobileNets join the same two depths
  // (docs/accuracy.md, +1.2 points); another model's files start ticked again, as its layer starts recommended
  const [untickedFor, setUntickedFor] = useState<unknown>(null);
  const twoDepths = untickedFor === null || untickedFor !== inspection;
  const layerId = useId();
  const sizeId = useId();
  // a new inspection starts from its recommended layer
  const layer = picked?.for === inspection ? picked.layer : (inspection?.recommended ?? '');
  const option = inspection?.layers.find((l) => l.name === layer);
  const earlier = option?.poolAlso ? inspection?.layers.find((l) => l.name === option.poolAlso) : undefined;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // the button disables itself while the backbone loads and the form goes once it is in: the
    // focus goes back to the file picker when that is usable again
    const button = e.currentTarget.querySelector<HTMLElement>('button[type="submit"]');
    const choice = {
      featureLayer: layer,
      pixelRange: RANGES.find((r) => r.key === range)!.range,
      inputSize: Number(size),
      ...(earlier && twoDepths && { poolAlso: earlier.name }),
    };
    const go = () => {
      if (button) focusAfterRemoval(button, '.custom-backbone', '.custom-use', '.custom-backbone input[type="file"]');
      void adopt(choice);
    };
    // using it loads it in place of the backbone a model storage did not keep was trained on
    if (loadedName === null) go();
    else
      guard({
        title: 'Use your backbone?',
        confirm: 'Use it anyway',
        does: `Using it replaces ${loadedName}, the backbone the model was trained on`,
        go,
      });
  };

  return (
    <details className="custom-backbone">
      <summary>Bring your own backbone</summary>
      <p className="hint">
        Any Keras-style TensorFlow.js layers model with one square image input (model.json and its weight files). The
        studio lists the layers whose spatial feature maps can be pooled into features; the head trains on them
        (fine-tuning is for the listed MobileNets).
      </p>
      <FilePicker
        multiple
        ariaLabel="the files of a layers model to use as the backbone"
        // picking starts the reading: the picker keeps the focus while it waits
        waiting={inspecting || loading}
        onFiles={(f) => void inspect(f)}
      >
        Choose model.json and weights…
      </FilePicker>
      {inspecting && (
        <div className="progress-row">
          {/* no value (moving) until the first weight file is in, and while the model is built from them */}
          {reading && reading.fraction > 0 && reading.fraction < 1 ? (
            <progress aria-label="Reading the backbone" max={1} value={reading.fraction} />
          ) : (
            <progress aria-label="Reading the backbone" />
          )}
          <span role="status">
            {reading && reading.fraction >= 1
              ? 'Building the model from its files…'
              : `Reading the model…${reading && reading.fraction > 0 ? ` ${reading.detail}` : ''}`}
          </span>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {inspection && (
        <form onSubmit={submit} aria-label="Use your backbone">
          <p data-testid="custom-inspection">
            <strong>{inspection.modelName}</strong>:{' '}
            {inspection.inputSize ? `${inspection.inputSize}×${inspection.inputSize} input` : 'any input size'},{' '}
            {fmt(inspection.params)} parameters, {inspection.layers.length} layers with a spatial feature map.
          </p>
          <label htmlFor={layerId}>Feature layer</label>{' '}
          <select id={layerId} value={layer} onChange={(e) => setPicked({ for: inspection, layer: e.target.value })}>
            {inspection.layers.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name} — {l.shape.map((d) => d ?? '?').join('×')}
                {l.name === inspection.recommended
                  ? ' (recommended: the deepest map)'
                  : l.stageEnd
                    ? ' (end of a stage)'
                    : ''}
              </option>
            ))}
          </select>
          {earlier && (
            <p>
              <label>
                <input
                  type="checkbox"
                  checked={twoDepths}
                  onChange={(e) => setUntickedFor(e.target.checked ? null : inspection)}
                  aria-describedby={`${layerId}-two`}
                />{' '}
                Also pool {earlier.name} ({earlier.shape.map((d) => d ?? '?').join('×')})
              </label>
              <span className="hint" id={`${layerId}-two`}>
                {' '}
                The end of the stage before, its average beside the feature layer&apos;s: features from two depths, as
                the listed MobileNets have (about a point more accurate in our tests).
              </span>
            </p>
          )}
          <fieldset>
            <legend>Pixel range the backbone expects</legend>
            {RANGES.map((r) => (
              <label key={r.key}>
                <input
                  type="radio"
                  name="custom-range"
                  value={r.key}
                  checked={range === r.key}
                  onChange={() => setRange(r.key)}
                />{' '}
                {r.label}
              </label>
            ))}
          </fieldset>
          {inspection.inputSize == null && (
            <p>
              <label htmlFor={sizeId}>Input size (pixels)</label>{' '}
              <input
                id={sizeId}
                type="number"
                min={16}
                max={1024}
                step={1}
                value={size}
                onChange={(e) => setSize(e.target.value)}
              />
            </p>
          )}
          <div className="row">
            <button
              type="submit"
              className="primary custom-use"
              disabled={loading || !layer || running || waiting}
              aria-describedby={running ? 'backbone-locked' : waiting ? 'backbone-waiting' : undefined}
            >
              Use this backbone
            </button>
            {/* the form goes: the focus returns to the file picker that opened it */}
            <button
              type="button"
              className="custom-cancel"
              onClick={handingFocusOn(
                '.custom-backbone',
                '.custom-cancel',
                '.custom-backbone input[type="file"]',
                cancel,
              )}
            >
              Cancel
            </button>
            {running && (
              <span className="hint">{training ? 'Training is running: stop it to change the backbone.' : job}</span>
            )}
            {waiting && (
              <span className="hint">The backends are being calibrated: use it once the calibration has finished.</span>
            )}
          </div>
        </form>
      )}
      {dialog}
    </details>
  );
}
