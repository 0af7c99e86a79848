import type { ConfusionMatrix as Matrix } from '../core/train/metrics';

/** Rows are the true class, columns the prediction; darker cells hold more images. */
export function ConfusionMatrix({ classes, matrix }: { classes: string[]; matrix: Matrix }) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <table className="confusion" aria-label="Confusion matrix (rows: true class, columns: predicted class)">
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
            {row.map((n, j) => (
              <td
                key={j}
                className={i === j ? 'diag' : n ? 'off' : ''}
                style={{ ['--shade' as string]: String(n / max) }}
                aria-label={`${n} ${classes[i]} image${n === 1 ? '' : 's'} predicted as ${classes[j]}`}
              >
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
