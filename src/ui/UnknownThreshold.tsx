import { useId } from 'react';
import { useWebcam } from '../state/webcam';

/**
 * The "unknown below N%" slider. Try it and the live camera share one threshold (kept in the
 * webcam store), so both panels render this one control rather than two copies of it.
 */
export function UnknownThreshold() {
  const threshold = useWebcam((s) => s.threshold);
  const setThreshold = useWebcam((s) => s.setThreshold);
  const id = useId();
  const percent = `${(threshold * 100).toFixed(0)}%`;
  return (
    <>
      <label htmlFor={id}>Unknown below {percent}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={threshold}
        // read as the label shows it, not as the fraction the input holds ("0.65")
        aria-valuetext={percent}
        onChange={(e) => setThreshold(Number(e.target.value))}
      />
    </>
  );
}
