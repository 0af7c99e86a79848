import { useLiveAnswer } from './live-answer';
import { pct } from '../percent';

/**
 * The live answer over the picture, for the one watching the camera: the whole answer (bars, rate)
 * sits under the record controls, which keep their place right under the picture. Hidden from
 * screen readers: the answer's live region says it.
 */
export function LiveBadge() {
  const { shown } = useLiveAnswer();
  if (!shown) return null;
  return (
    <div className="live-badge" aria-hidden="true" data-testid="live-badge">
      {/* as its bar says it: "100%" over the picture beside a bar of 99.9% read as two answers */}
      {shown.label != null ? `${shown.label} ${pct(shown.top[0]?.p ?? 0)}` : 'Unknown'}
    </div>
  );
}
