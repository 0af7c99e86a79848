import { useEffect, useRef, useState } from 'react';
import type { TrainSummary } from '../worker/protocol';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ImageTile, TilesLocked } from './ImageTile';
import { moveSuggestion, tileHeadline, topLossCaption, trustsAnswers } from './tile-words';

/** The confusion matrix whose cells open the validation images behind them. */
export function ConfusionExplorer({ result }: { result: TrainSummary }) {
  const [opened, setOpened] = useState<{ for: TrainSummary; cell: readonly [number, number] } | null>(null);
  // a cell opened on another model's matrix with other classes (one chosen again may have fewer) is
  // not this one's; with the same classes (the full model after the first) it stays open, and the
  // keyboard with it (closed, its images went from under the focus, which fell to the page)
  const cell = cellStillOpen(opened, result);
  const explorer = useRef<HTMLDivElement>(null);
  const open = (i: number, j: number) =>
    setOpened(cell && cell[0] === i && cell[1] === j ? null : { for: result, cell: [i, j] });
  // Escape from the cell or its images closes them, and the keyboard goes back to the cell (the
  // images it was on are gone); a control that used Escape itself (a select's list) keeps it
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !cell) return;
    e.preventDefault();
    setOpened(null);
    explorer.current?.querySelector<HTMLElement>('button.cell[aria-pressed="true"]')?.focus();
  };
  return (
    <div ref={explorer} onKeyDown={onKeyDown}>
      <ConfusionMatrix classes={result.classes} matrix={result.confusion} selected={cell} onOpen={open} />
      {/* said when a cell opens: its images appear below the matrix, out of a screen reader's way */}
      <p className="visually-hidden" role="status">
        {cell && cellOpenedWords(result, cell)}
      </p>
      {/* keyed: another cell starts at its first page */}
      {cell && <CellImages key={`${cell[0]}-${cell[1]}`} result={result} cell={cell} />}
    </div>
  );
}

/** what opening a cell says: how many images, where they are, how to close them */
export function cellOpenedWords(result: TrainSummary, cell: readonly [number, number]): string {
  const { classes } = result;
  const n = result.valPredictions.filter((p) => p.label === cell[0] && p.predicted === cell[1]).length;
  return `${n} ${classes[cell[0]]} image${n === 1 ? '' : 's'} predicted as ${classes[cell[1]]} shown below the matrix. Escape closes them.`;
}

/** The cell opened (on `opened.for`'s matrix) as it stands on `result`'s: the same classes keep it. */
export function cellStillOpen(
  opened: { for: TrainSummary; cell: readonly [number, number] } | null,
  result: TrainSummary,
): readonly [number, number] | null {
  if (!opened) return null;
  const { classes } = opened.for;
  const same = classes.length === result.classes.length && classes.every((c, i) => c === result.classes[i]);
  return same ? opened.cell : null;
}

/** tiles shown at first and added by each "Show more": a diagonal cell of a large project holds thousands */
export const CELL_PAGE = 48;

/** The validation images of one cell, a page at a time. */
export function CellImages({ result, cell }: { result: TrainSummary; cell: readonly [number, number] }) {
  const { classes } = result;
  const trusted = trustsAnswers(result);
  const [shown, setShown] = useState(CELL_PAGE);
  const list = useRef<HTMLUListElement>(null);
  const images = result.valPredictions.filter((p) => p.label === cell[0] && p.predicted === cell[1]);
  const left = images.length - shown;
  // the images open below the matrix, off screen on a laptop: a click seemed to do nothing. Their
  // first row is brought into view; the focus stays on the cell, where the keyboard left it.
  useEffect(() => {
    const first = list.current?.firstElementChild ?? list.current;
    first?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const showMore = () => {
    const first = shown;
    setShown(shown + CELL_PAGE);
    // the button may go with the last page: the keyboard goes on at the first tile it brought
    // (its first control: "Move to …" or the class select; a tile deleted since holds its notice)
    requestAnimationFrame(() =>
      list.current?.children[first]?.querySelector<HTMLElement>('button, select, [tabindex]')?.focus(),
    );
  };
  return (
    <section aria-label={`Validation images: ${classes[cell[0]]} predicted as ${classes[cell[1]]}`}>
      <p className="hint">
        {images.length} {classes[cell[0]]} image{images.length === 1 ? '' : 's'} predicted as {classes[cell[1]]}
        {left > 0 && `, the first ${shown} shown`}
      </p>
      <TilesLocked />
      <ul className="gallery tile-grid" ref={list}>
        {images.slice(0, shown).map((p) => (
          <ImageTile
            key={p.id}
            id={p.id}
            labelled={classes[p.label]}
            predicted={classes[p.predicted]}
            headline={tileHeadline(p, classes)}
            caption={topLossCaption(p, classes)}
            suggest={moveSuggestion(p, classes, trusted)}
          />
        ))}
      </ul>
      {left > 0 && (
        <button type="button" onClick={showMore}>
          Show {Math.min(CELL_PAGE, left)} more
        </button>
      )}
    </section>
  );
}
