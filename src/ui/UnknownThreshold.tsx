import { useEffect, useId } from 'react';
import { defaultThreshold } from '../core/live/decision';
import { useModelInUse } from '../state/model-in-use';
import { useWebcam } from '../state/webcam';

/** What the threshold does not do, said where it is set and under Try it's answer. */
export const UNKNOWN_MEANS = 'Unknown means unsure, not “none of these”: an “other” class catches those.';

const percent = (t: number) => `${(t * 100).toFixed(0)}%`;

/** How the default was reached, said beside it: "default for 5 classes: halfway from a 20% guess to sure" (brackets in its brackets read badly). */
export function defaultWords(classCount: number | null): string {
  if (classCount === null || classCount < 2) return 'default';
  const exact = (1 + 1 / classCount) / 2;
  const about = Math.abs(exact - defaultThreshold(classCount)) > 1e-9 ? 'about ' : '';
  return `default for ${classCount} classes: ${about}halfway from a ${percent(1 / classCount)} guess to sure`;
}

/**
 * A default threshold follows the class count of the model in use. Done where the threshold is
 * shown, which is wherever it decides (Try it with a model, the camera's settings): a store does
 * not watch another store (ARCHITECTURE.md), and the coordinator is not this panel's to change.
 */
function useFollowModel(): void {
  const count = useModelInUse((s) => s.model?.labels.length ?? null);
  const follow = useWebcam((s) => s.followClassCount);
  useEffect(() => follow(count), [follow, count]);
}

/**
 * The "unknown below N%" slider. Try it and the live camera share one threshold (kept in the
 * webcam store), so both panels render this one control rather than two copies of it. Until the
 * user moves it, it is the default for the model's class count, and says so.
 */
export function UnknownThreshold({ why = true }: { why?: boolean }) {
  useFollowModel();
  const threshold = useWebcam((s) => s.threshold);
  const chosen = useWebcam((s) => s.thresholdChosen);
  const classCount = useWebcam((s) => s.classCount);
  const setThreshold = useWebcam((s) => s.setThreshold);
  const resetThreshold = useWebcam((s) => s.resetThreshold);
  const id = useId();
  const hintId = useId();
  const whyId = useId();
  const shown = percent(threshold);
  return (
    <>
      <label htmlFor={id}>Unknown below {shown}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={threshold}
        // read as the label shows it, not as the fraction the input holds ("0.65")
        aria-valuetext={shown}
        aria-describedby={[chosen ? null : hintId, why ? whyId : null].filter(Boolean).join(' ') || undefined}
        onChange={(e) => setThreshold(Number(e.target.value))}
      />
      {chosen ? (
        <button type="button" className="threshold-default" onClick={resetThreshold}>
          Use the default ({percent(defaultThreshold(classCount))})
        </button>
      ) : (
        <span id={hintId} className="hint threshold-default">
          ({defaultWords(classCount)})
        </span>
      )}
      {/* a Teachable Machine user reads "unknown" as "not one of my classes": it is "not sure" */}
      {why && (
        <span id={whyId} className="hint threshold-why">
          {UNKNOWN_MEANS}
        </span>
      )}
    </>
  );
}
