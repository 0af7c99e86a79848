import type { ConfusionMatrix as Matrix } from '../core/train/metrics';
import { ScrollingTable } from './ScrollingTable';

/**
 * Rows are the true class, columns the prediction; darker cells hold more images. With `onOpen`
 * every non-empty cell is a button that opens the images in it.
 */
export function ConfusionMatrix({
  classes,
  matrix,
  selected,
  onOpen,
}: {
  classes: string[];
  matrix: Matrix;
  selected?: readonly [number, number] | null;
  onOpen?: (actual: number, predicted: number) => void;
}) {
  const max = Math.max(1, ...matrix.flat());
  return (
    // ten or more classes with long names are wider than a phone: the matrix scrolls sideways in its own box
    <ScrollingTable label="Confusion matrix (rows: true class, columns: predicted class)" className="confusion">
      <thead>
        <tr>
          <th scope="col">true ↓ / predicted →</th>
          {classes.map((c, i) => (
            <th key={`${i}-${c}`} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={`${i}-${classes[i]}`}>
            <th scope="row">{classes[i]}</th>
            {row.map((n, j) => {
              const label = `${n} ${classes[i]} image${n === 1 ? '' : 's'} predicted as ${classes[j]}`;
              const pressed = selected?.[0] === i && selected?.[1] === j;
              // the open cell stays a button when a newer model (the full one after the first) empties
              // it: as text it dropped the keyboard focus, and its images could not be closed
              const button = onOpen && (n > 0 || pressed);
              return (
                <td
                  key={j}
                  className={i === j ? 'diag' : n ? 'off' : ''}
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
    </ScrollingTable>
  );
}
