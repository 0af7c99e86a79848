import { memo, useState } from 'react';
import type { TrainSummary } from '../worker/protocol';
import { ConfusionExplorer } from './ConfusionExplorer';

// memoised: it keeps its held result (useStagedValue, Results.tsx) while a new one reaches the parts above it
const Confusion = memo(ConfusionExplorer);

/** Up to this many classes the matrix starts open (100 cells at most), as Create ML shows it. */
export const MATRIX_OPEN_UP_TO = 10;

/**
 * The confusion matrix behind its disclosure, built only while open: at 100 classes it is 10,000
 * cells, one task of 0.7-1.7 s to mount, rendered (hidden) for the first model and again for the full one.
 * A small project's starts open: which classes it confuses is what a person checks first, and a
 * folded "Confusion matrix" hid it from those who had not met the word. Folded or opened by hand, it
 * stays so for the run's next model.
 */
export function ConfusionDisclosure({ result, classes }: { result: TrainSummary | null; classes: number }) {
  const [open, setOpen] = useState(classes <= MATRIX_OPEN_UP_TO);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Confusion matrix</summary>
      {open && result && <Confusion result={result} />}
    </details>
  );
}
