import { Fragment, memo, useState } from 'react';
import type { ConfusionMatrix as Matrix } from '../core/train/metrics';
import { ScrollingTable } from './ScrollingTable';

/**
 * How the columns are headed: by class name while the names fit the box, else by the number each
 * class has in its row heading (a phone showed 1.3 of 4 imagenette columns, "english_springe / r").
 * `namesNeed` is the width the named table took: numbered, the table fits, which says nothing of
 * the names, so they come back only once the box is that wide (or the classes change: `key`).
 */
export type Heads = { key: string; numbered: boolean; namesNeed: number };

export const namesHeads = (key: string): Heads => ({ key, numbered: false, namesNeed: 0 });

/** The headings after a measure of the box: a box that measures nothing (hidden) changes nothing. */
export function nextHeads(heads: Heads, box: { scrollWidth: number; clientWidth: number }): Heads {
  if (!heads.numbered)
    return box.scrollWidth > box.clientWidth ? { ...heads, numbered: true, namesNeed: box.scrollWidth } : heads;
  return box.clientWidth > 0 && box.clientWidth >= heads.namesNeed ? namesHeads(heads.key) : heads;
}

/**
 * Rows are the true class, columns the prediction; darker cells hold more images. With `onOpen`
 * every non-empty cell is a button that opens the images in it.
 */
export function ConfusionMatrix(props: TableProps) {
  const key = JSON.stringify(props.classes);
  const [measured, setHeads] = useState(() => namesHeads(key));
  const heads = measured.key === key ? measured : namesHeads(key);
  return (
    <>
      {/* ten or more classes are wider than a phone even numbered: the matrix scrolls sideways in its own box */}
      <ScrollingTable
        label="Confusion matrix (rows: true class, columns: predicted class)"
        className={`confusion${heads.numbered ? ' numbered' : ''}`}
        onMeasure={(box) => {
          const next = nextHeads(heads, box);
          if (next !== heads) setHeads(next);
        }}
      >
        <ConfusionTable {...props} numbered={heads.numbered} />
      </ScrollingTable>
      {/* the colours said in words: green and red alone carried the meaning, with no key */}
      <p className="hint matrix-key">
        <span className="matrix-swatch right" aria-hidden="true" /> right (the diagonal){' '}
        <span className="matrix-swatch wrong" aria-hidden="true" /> mistakes · the darker, the more images
      </p>
    </>
  );
}

/** A class name that breaks only between its words: after a space, "_" or "-" */
function ClassName({ name }: { name: string }) {
  const parts = name.split(/(?<=[_-])(?=.)/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

type TableProps = {
  classes: string[];
  matrix: Matrix;
  selected?: readonly [number, number] | null;
  onOpen?: (actual: number, predicted: number) => void;
};

/** The matrix's head and body, its columns headed by name or by number. */
export function ConfusionTable({ numbered, ...props }: TableProps & { numbered: boolean }) {
  return (
    <>
      <thead>
        <tr>
          {/* the arrows kept with their words ("→" wrapped onto a line of its own) */}
          <th scope="col">{'true\u00a0↓ / predicted\u00a0→'}</th>
          {props.classes.map((c, i) =>
            numbered ? (
              // the number for the eye, the name for a screen reader (and a mouse's tooltip)
              <th key={`${i}-${c}`} scope="col" title={c}>
                <span aria-hidden="true">{i + 1}</span>
                <span className="visually-hidden">{c}</span>
              </th>
            ) : (
              <th key={`${i}-${c}`} scope="col" title={c}>
                <ClassName name={c} />
              </th>
            ),
          )}
        </tr>
      </thead>
      <Rows {...props} />
    </>
  );
}

/**
 * The rows, the same whichever way the columns are headed (their numbers shown only when they
 * are): a switch of headings re-renders the head alone, not 10,000 cells at 100 classes.
 */
const Rows = memo(function Rows({ classes, matrix, selected, onOpen }: TableProps) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <tbody>
      {matrix.map((row, i) => (
        <tr key={`${i}-${classes[i]}`}>
          {/* the tooltip: a name too long for the heading is cut short */}
          <th scope="row" title={classes[i]}>
            <span className="class-n" aria-hidden="true">
              {i + 1}
            </span>
            <ClassName name={classes[i]} />
          </th>
          {row.map((n, j) => {
            const label = `${n} ${classes[i]} image${n === 1 ? '' : 's'} predicted as ${classes[j]}`;
            const pressed = selected?.[0] === i && selected?.[1] === j;
            // the open cell stays a button when a newer model (the full one after the first) empties
            // it: as text it dropped the keyboard focus, and its images could not be closed
            const button = onOpen && (n > 0 || pressed);
            return (
              <td
                key={j}
                // a class never named right has nothing to tint green: pale green read as "good"
                className={i === j ? (n ? 'diag' : 'diag-none') : n ? 'off' : ''}
                style={{ ['--shade' as string]: String(n / max) }}
                aria-label={button ? undefined : label}
              >
                {button ? (
                  <button
                    type="button"
                    className="cell"
                    aria-label={label}
                    aria-pressed={pressed}
                    onClick={() => onOpen(i, j)}
                  >
                    {n}
                  </button>
                ) : (
                  n
                )}
              </td>
            );
          })}
        </tr>
      ))}
    </tbody>
  );
});
