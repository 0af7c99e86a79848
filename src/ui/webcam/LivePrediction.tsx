import { useEffect, useState } from 'react';
import { runLiveClassification } from '../../state/webcam';
import { useLiveAnswer } from './live-answer';
import { ModelSince } from './ModelSince';
import { liveRateWords } from './live-rate';
import { listedClasses } from './live-list';
import { pct } from '../percent';

/** `value` once it has stood for `ms`: what a live region says, not each flicker between two classes. */
function useSteady<T>(value: T, ms: number): T {
  const [steady, setSteady] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSteady(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return steady;
}

/**
 * Runs live classification while it makes sense, and shows its answer: the class, the top-k bars,
 * how often it answers, and under Details the frame rate and model time (how they are worked out:
 * PredictionSettings).
 */
export function LivePrediction() {
  const { webcam, result, liveError, busyTraining, calibrating, reloading, switching, held, shown } = useLiveAnswer();
  // the live area went blank while the camera sent nothing: the reason stood only by the record button
  const { status: camera, paused, hidden, muted, threshold, topK } = webcam;
  const active = camera === 'on' && !paused && !!result && !held;

  useEffect(() => {
    if (!active) return;
    const ctrl = new AbortController();
    void runLiveClassification(ctrl.signal);
    return () => ctrl.abort();
  }, [active, result]);

  const why = !result
    ? 'Train a model (step 3) to see live predictions here; you can record frames before that.'
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

  const raw = shown && shown.modelMs > 0 ? 1000 / shown.modelMs : 0;
  // a class near the threshold flips with "Unknown" several times a second: said once it has held
  const said = useSteady(shown ? (shown.label ?? 'Unknown') : '', 1000);
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
      {shown && (
        <>
          <p className="live-label" data-testid="live-label">
            {/* its confidence is on its bar, and over the picture for one watching from a distance:
                a third time here ("sunflower (100%)" beside a bar of 99.9%) was one too many */}
            {shown.label != null ? <strong>{shown.label}</strong> : <strong className="unknown">Unknown</strong>}
          </p>
          {/* "street (90%)" from a model trained before "street" was removed: said under the answer */}
          <ModelSince />
          <ul className="bars live-bars" aria-label="Live class probabilities">
            {/* keyed by rank: an imported model's labels can repeat */}
            {listedClasses(shown.top, topK).map((r, i) => (
              <li key={i}>
                <span className="bar-label" title={r.name}>
                  {r.name}
                </span>
                <meter min={0} max={1} low={threshold} optimum={1} value={r.p} aria-label={`${r.name} probability`} />
                <span>{pct(r.p)}</span>
              </li>
            ))}
          </ul>
          {/* the rate and its timings' fold share a line: on a phone the line saved kept Hold to record
              on the first screen under the answer */}
          <div className="live-rate-row">
            <p className="live-rate" data-testid="live-rate">
              {/* paused for any reason said above: the last rate beside "nothing is classified" read as still live */}
              {why ? 'Live: paused, the last answer shown' : liveRateWords(shown.fps)}
            </p>
            {/* the timings behind the rate, for those who look further: out of the first glance */}
            <details className="run-more live-more">
              <summary>Details</summary>
              <p
                className="live-stats"
                data-testid="live-stats"
                data-fps={shown.fps.toFixed(2)}
                data-model-ms={shown.modelMs.toFixed(2)}
                data-frame-ms={shown.frameMs.toFixed(2)}
                data-frames={shown.frames}
              >
                {/* the rate needs two frames in its window: the first answer read "0.0 frames/s" */}
                <span>{shown.fps > 0 ? `${shown.fps.toFixed(1)} frames/s` : 'frames/s: measuring'}</span> ·{' '}
                <span>model forward {shown.modelMs.toFixed(1)} ms</span>
                {raw > 0 && <span> (raw rate ≈ {raw.toFixed(0)}/s)</span>} ·{' '}
                <span>frame end to end {shown.frameMs.toFixed(1)} ms</span>
              </p>
            </details>
          </div>
        </>
      )}
    </div>
  );
}
