import { useEffect, useId, useState } from 'react';
import { TOP_K_CHOICES } from '../../core/project/record';
import { useBackbone } from '../../state/backbone';
import { useModelInUse } from '../../state/model-in-use';
import { isRunning, useTraining } from '../../state/training';
import { liveOf, runLiveClassification, useWebcam } from '../../state/webcam';
import { UnknownThreshold } from '../UnknownThreshold';

/** `value` once it has stood for `ms`: what a live region says, not each flicker between two classes. */
function useSteady<T>(value: T, ms: number): T {
  const [steady, setSteady] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSteady(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return steady;
}

/** Runs live classification while it makes sense, and shows the top-k bars, FPS and model time. */
export function LivePrediction() {
  const webcam = useWebcam();
  // the live area went blank while the camera sent nothing: the reason stood only by the record button
  const { status: camera, paused, hidden, muted, threshold, smoothing, topK, setSmoothing, setTopK } = webcam;
  const result = useModelInUse((s) => s.model);
  // an answer of the model before (a run's, or an import that came while paused) is not this one's
  const { live, liveError } = liveOf(webcam, result);
  const busyTraining = useTraining((s) => isRunning(s.status));
  // calibration times forward passes (live ones among them skewed its plan) and moves the global
  // backend, so each live frame would move the backbone's weights between backends
  const calibrating = useBackbone((s) => s.calibrating !== null);
  // a backbone loading or moving (and Continue reading a model) holds every frame in the worker's
  // queue: the last answer and its rate stood still, read as live, for the whole load
  const loading = useBackbone((s) => s.status === 'loading');
  const switching = useModelInUse((s) => s.switching);
  const reloading = loading || switching !== null;
  const held = busyTraining || calibrating || reloading;
  const active = camera === 'on' && !paused && !!result && !held;
  const smoothingId = useId();
  const topId = useId();

  useEffect(() => {
    if (!active) return;
    const ctrl = new AbortController();
    void runLiveClassification(ctrl.signal);
    return () => ctrl.abort();
  }, [active, result]);

  const why = !result
    ? 'Train a model (section 3) to see live predictions here; you can record frames before that.'
    : busyTraining
      ? 'Live predictions pause while a model trains.'
      : calibrating
        ? 'Live predictions pause while the backends are calibrated, and go on when it has finished.'
        : reloading
          ? // the model's own words (an import, a put-back, Continue) before the backbone's
            `Live predictions pause: ${switching ?? 'the backbone loads or moves to another backend.'}`
          : camera !== 'on'
            ? 'Start the camera to classify live.'
            : paused
              ? 'Paused: the image is frozen and nothing is classified.'
              : hidden
                ? 'Paused while this tab is hidden: live predictions go on when you come back to it.'
                : muted
                  ? 'Paused: the camera stopped sending pictures. Live predictions go on when it sends them again.'
                  : null;

  const raw = live && live.modelMs > 0 ? 1000 / live.modelMs : 0;
  const shown = live && result && !held;
  // a class near the threshold flips with "Unknown" several times a second: said once it has held
  const said = useSteady(shown ? (live.label ?? 'Unknown') : '', 1000);
  return (
    <div className="live-prediction" role="group" aria-label="Live prediction">
      {/* there before the first answer (a region appearing with its text is often not read) */}
      <span className="visually-hidden" aria-live="polite">
        {said}
      </span>
      {why && <p className="hint">{why}</p>}
      {liveError && active && (
        <p role="alert" className="error">
          Live classification failed: {liveError}
        </p>
      )}
      {/* the last answer before a run stayed beside "pause while a model trains", read as a live one */}
      {shown && (
        <>
          <p className="live-label" data-testid="live-label">
            {live.label != null ? (
              <>
                <strong>{live.label}</strong> ({((live.top[0]?.p ?? 0) * 100).toFixed(0)}%)
              </>
            ) : (
              <strong className="unknown">Unknown</strong>
            )}
          </p>
          <ul className="bars live-bars" aria-label="Live class probabilities">
            {/* keyed by rank: an imported model's labels can repeat */}
            {live.top.map((r, i) => (
              <li key={i}>
                <span className="bar-label" title={r.name}>
                  {r.name}
                </span>
                <meter min={0} max={1} low={threshold} optimum={1} value={r.p} aria-label={`${r.name} probability`} />
                <span>{(r.p * 100).toFixed(1)}%</span>
              </li>
            ))}
          </ul>
          <p
            className="live-stats"
            data-testid="live-stats"
            data-fps={live.fps.toFixed(2)}
            data-model-ms={live.modelMs.toFixed(2)}
            data-frame-ms={live.frameMs.toFixed(2)}
            data-frames={live.frames}
          >
            {/* the rate needs two frames in its window: the first answer read "0.0 frames/s" */}
            <span>{live.fps > 0 ? `${live.fps.toFixed(1)} frames/s` : 'frames/s: measuring'}</span> ·{' '}
            <span>model forward {live.modelMs.toFixed(1)} ms</span>
            {raw > 0 && <span> (raw rate ≈ {raw.toFixed(0)}/s)</span>} ·{' '}
            <span>frame end to end {live.frameMs.toFixed(1)} ms</span>
          </p>
        </>
      )}
      <div className="live-settings">
        <UnknownThreshold />
        <label htmlFor={smoothingId}>Smoothing {smoothing === 0 ? 'off' : `${(smoothing * 100).toFixed(0)}%`}</label>
        <input
          id={smoothingId}
          type="range"
          min={0}
          max={0.95}
          step={0.05}
          value={smoothing}
          aria-valuetext={smoothing === 0 ? 'off' : `${(smoothing * 100).toFixed(0)}%`}
          onChange={(e) => setSmoothing(Number(e.target.value))}
        />
        <label htmlFor={topId}>Show top</label>
        <select id={topId} value={topK} onChange={(e) => setTopK(Number(e.target.value))}>
          {TOP_K_CHOICES.map((k) => (
            <option key={k} value={k}>
              {k || 'all'}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
