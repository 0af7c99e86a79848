import { useTraining } from '../state/training';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ExportButton } from './ExportButton';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function Results() {
  const result = useTraining((s) => s.result);
  const memory = useTraining((s) => s.memory);
  const last = result?.history.at(-1);
  if (!result) return null;
  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">4. Results</h2>
      <p className="big" data-testid="val-accuracy">
        Validation accuracy: <strong>{pct(result.valAccuracy)}</strong>
        {last && <span data-testid="val-loss"> · validation loss {last.valLoss.toFixed(4)}</span>}
      </p>
      <p className="hint">
        {result.images.train} training and {result.images.val} validation images · {result.history.length} epochs on {result.backend} ·
        features {result.extracted ? `extracted for ${result.extracted} images` : 'reused from the cache'}
        {result.lifted ? ` (${result.lifted} computed from the cache below the boundary)` : ''} in {result.seconds.extract.toFixed(1)} s,
        training {result.seconds.train.toFixed(1)} s{result.stopped ? ' · stopped early' : ''}
      </p>
      <p className="hint" data-testid="trained-params">
        {result.unfreeze ? `Fine-tuned the top ${result.unfreeze} backbone block${result.unfreeze > 1 ? 's' : ''} and the head` : 'Trained the head only'}:{' '}
        {fmt(result.trainableParams)} trainable parameters, {fmt(result.frozenParams)} frozen
        {memory && ` · cache ${mb(memory.cacheBytes)} (${fmt(memory.cachedFeatures)} entries), tensors ${mb(memory.numBytes)}`}
      </p>
      <table aria-label="Per-class validation metrics">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Validation images</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Precision</th>
            <th scope="col">F1</th>
          </tr>
        </thead>
        <tbody>
          {result.classes.map((name, i) => (
            <tr key={`${i}-${name}`}>
              <th scope="row">{name}</th>
              <td>{result.perClass[i].count}</td>
              <td>{pct(result.perClass[i].accuracy)}</td>
              <td>{pct(result.perClass[i].precision)}</td>
              <td>{result.perClass[i].f1.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Confusion matrix</summary>
        <ConfusionMatrix classes={result.classes} matrix={result.confusion} />
      </details>
      <ExportButton />
    </section>
  );
}
