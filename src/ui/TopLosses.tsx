import { useMemo, useState } from 'react';
import { topLosses, type RankedLoss } from '../core/train/top-losses';
import { useLabelChecks } from '../state/label-checks';
import type { TrainSummary } from '../worker/protocol';
import { ImageTile, TilesLocked } from './ImageTile';
import { howWrong, moveSuggestion, tileHeadline, topLossCaption, trustsAnswers } from './tile-words';

const SHOWN = 12;
/** Up to this many wrong images the list starts open: a handful is what a person checks first. */
export const MISTAKES_OPEN_UP_TO = 3;

/** The most confidently wrong validation images: likely mislabels, each one click from fixed. */
export function TopLosses({ result }: { result: TrainSummary }) {
  const ranked = useMemo(() => topLosses(result.valPredictions, SHOWN), [result]);
  const wrong = useMemo(() => result.valPredictions.filter((p) => p.label !== p.predicted).length, [result]);
  // of the tiles shown, those a person found labelled right: the summary says how many are left to look at
  const checked = useLabelChecks((s) => ranked.filter((r) => s.checked[r.id]).length);
  // the tiles only while the list is open: each makes its image's object URL, a synchronous call to
  // the browser (one took 41 ms of a render slice when a first model's results appeared, 4× throttled).
  // A few mistakes start open (folded, one wrong image hid behind a click); opened or folded by hand,
  // the list stays so for the next model on the same side of the bound
  const few = wrong > 0 && wrong <= MISTAKES_OPEN_UP_TO;
  const [shown, setShown] = useState({ open: few, few });
  if (shown.few !== few) setShown({ open: few, few });
  // nothing to open: said as a line, not a disclosure (and a Tab stop) holding only that line
  if (ranked.length === 0) return <p className="hint">Every validation image was classified correctly.</p>;
  return (
    <details open={shown.open} onToggle={(e) => setShown({ open: e.currentTarget.open, few })}>
      {/* said in a maker's words: "top losses" is a notebook's term (fastai), not Teachable Machine's users' */}
      <summary>
        Most confident mistakes ({wrong > ranked.length ? `${ranked.length} of ${wrong}` : wrong} wrong validation image
        {wrong === 1 ? '' : 's'}
        {checked ? `; ${checked} label${checked === 1 ? '' : 's'} checked as right` : ''})
      </summary>
      {shown.open && <TopLossTiles result={result} ranked={ranked} />}
    </details>
  );
}

/** The ranked images' tiles: what each was labelled and what the model said, a move offered where the label looks wrong. */
export function TopLossTiles({ result, ranked }: { result: TrainSummary; ranked: readonly RankedLoss[] }) {
  const { classes } = result;
  const trusted = trustsAnswers(result);
  return (
    <>
      <TilesLocked />
      <ul className="gallery tile-grid" aria-label="Most confidently wrong validation images">
        {ranked.map((r) => (
          <ImageTile
            key={r.id}
            id={r.id}
            labelled={classes[r.label]}
            predicted={classes[r.predicted]}
            headline={tileHeadline(r, classes)}
            caption={topLossCaption(r, classes)}
            captionTitle={howWrong(r, classes)}
            suggest={moveSuggestion(r, classes, trusted)}
          />
        ))}
      </ul>
    </>
  );
}
