import { useState } from 'react';
import type { TrainSummary } from '../worker/protocol';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ImageTile } from './ImageTile';

/** The confusion matrix whose cells open the validation images behind them. */
export function ConfusionExplorer({ result }: { result: TrainSummary }) {
  const [opened, setOpened] = useState<{ for: TrainSummary; cell: readonly [number, number] } | null>(null);
  // a cell opened on another model's matrix (one chosen again may have fewer classes) is not this one's
  const cell = opened?.for === result ? opened.cell : null;
  const { classes } = result;
  const images = cell ? result.valPredictions.filter((p) => p.label === cell[0] && p.predicted === cell[1]) : [];
  const open = (i: number, j: number) =>
    setOpened(cell && cell[0] === i && cell[1] === j ? null : { for: result, cell: [i, j] });
  return (
    <>
      <ConfusionMatrix classes={classes} matrix={result.confusion} selected={cell} onOpen={open} />
      {cell && (
        <section aria-label={`Validation images: ${classes[cell[0]]} predicted as ${classes[cell[1]]}`}>
          <p className="hint">
            {images.length} {classes[cell[0]]} image{images.length === 1 ? '' : 's'} predicted as {classes[cell[1]]}
          </p>
          <ul className="gallery">
            {images.map((p) => (
              <ImageTile
                key={p.id}
                id={p.id}
                caption={`${(p.probabilities[p.predicted] * 100).toFixed(0)}% ${classes[p.predicted]}`}
                suggest={p.label !== p.predicted ? classes[p.predicted] : undefined}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
