import { useId } from 'react';
import { TOP_K_CHOICES } from '../../core/project/record';
import { useWebcam } from '../../state/webcam';
import { UnknownThreshold } from '../UnknownThreshold';
import { ALL_CLASSES_UP_TO } from './live-list';

/**
 * How the camera is shown and its answers worked out, folded under the live answer: set once, they
 * kept the record button a screen away from the picture (Teachable Machine keeps them out of the way too).
 */
export function PredictionSettings(props: {
  open: boolean;
  onToggle(open: boolean): void;
  demo: boolean;
  enterDemo(): void;
  exitDemo(): void;
}) {
  const { mirror, paused, smoothing, topK, setMirror, setPaused, setSmoothing, setTopK } = useWebcam();
  const smoothingId = useId();
  const topId = useId();
  // a small model's answer lists every class (live-list.ts): "Show top 3" beside five listed classes,
  // even with a hint that it applies past 6, read as a contradiction. Offered only where it cuts the
  // list; the saved choice is kept for a model of more classes.
  const classes = useWebcam((s) => s.liveModel?.labels.length ?? s.live?.top.length ?? 0);
  const offerTop = classes > ALL_CLASSES_UP_TO;
  const smoothingText = smoothing === 0 ? 'off' : `${(smoothing * 100).toFixed(0)}%`;
  return (
    <details className="prediction-settings" open={props.open} onToggle={(e) => props.onToggle(e.currentTarget.open)}>
      <summary>Prediction settings</summary>
      <div className="row live-controls">
        <label className="checkbox">
          <input type="checkbox" checked={mirror} onChange={(e) => setMirror(e.target.checked)} /> Mirror view
        </label>
        <button type="button" onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        {props.demo ? (
          <button type="button" onClick={props.exitDemo}>
            Exit demo mode
          </button>
        ) : (
          <button type="button" onClick={props.enterDemo}>
            Demo mode (full screen)
          </button>
        )}
      </div>
      <div className="live-settings">
        <UnknownThreshold />
        <label htmlFor={smoothingId}>Smoothing {smoothingText}</label>
        <input
          id={smoothingId}
          type="range"
          min={0}
          max={0.95}
          step={0.05}
          value={smoothing}
          aria-valuetext={smoothingText}
          onChange={(e) => setSmoothing(Number(e.target.value))}
        />
        {offerTop && (
          <>
            <label htmlFor={topId}>Show top</label>
            <select id={topId} value={topK} onChange={(e) => setTopK(Number(e.target.value))}>
              {TOP_K_CHOICES.map((k) => (
                <option key={k} value={k}>
                  {k || 'all'}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
    </details>
  );
}
