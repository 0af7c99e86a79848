import { getBackboneSpec } from '../core/backbones/registry';
import { fmt } from './format';
import { trainedBlocks } from '../core/finetune/freeze';
import { useBackbone } from '../state/backbone';
import { useProject } from '../state/project';
import { isRunning, useTraining } from '../state/training';


/** Parameters of the dense head for the current settings. */
function headParams(features: number, hidden: number, classes: number): number {
  return hidden > 0 ? features * hidden + hidden + hidden * classes + classes : features * classes + classes;
}

/**
 * The backbone's blocks, bottom to top. Clicking a block makes it and everything above it
 * trainable ("train from here up"); the rest stays frozen and is run once per image.
 */
export function LayerMap() {
  const loaded = useBackbone((s) => s.loaded);
  // only what the map shows: live metrics must not re-render every block while training
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const status = useTraining((s) => s.status);
  const classes = useProject((s) => Math.max(2, s.classes.length));
  if (!loaded) return null;
  const blocks = loaded.blocks;
  if (!blocks.length) {
    return <p className="hint">This backbone is a graph model: it extracts features only, its layers cannot be unfrozen.</p>;
  }
  const running = isRunning(status);
  const firstTrainable = blocks.length - settings.unfreeze;
  const kept = new Set(settings.frozenBlocks ?? []);
  const trains = (i: number) => i >= firstTrainable && !kept.has(blocks[i].name);
  const trained = trainedBlocks(blocks, settings.unfreeze, settings.frozenBlocks);
  const trainableBackbone = trained.reduce((n, b) => n + b.params, 0);
  const frozen = blocks.reduce((n, b) => n + b.params, 0) - trainableBackbone;
  const head = headParams(getBackboneSpec(loaded.id).featureSize, settings.hiddenUnits, classes);
  // The lowest unfrozen block defines the boundary, so it always trains; toggles above it survive a move.
  const setUnfreeze = (n: number) =>
    updateSettings({ unfreeze: n, frozenBlocks: (settings.frozenBlocks ?? []).filter((name) => blocks.findIndex((b) => b.name === name) > blocks.length - n) });
  const toggleKept = (name: string) =>
    updateSettings({ frozenBlocks: kept.has(name) ? [...kept].filter((b) => b !== name) : [...kept, name] });
  const summary = settings.unfreeze
    ? `${trained.length} backbone block${trained.length > 1 ? 's' : ''} + head${kept.size ? `, ${kept.size} kept frozen` : ''}`
    : 'head only';

  return (
    <div className="layer-map">
      <h3 id="layer-map-title">Layer map</h3>
      <p className="totals" role="status" aria-live="polite" data-testid="param-totals">
        Frozen: <strong>{fmt(frozen)}</strong> parameters · Trainable: <strong>{fmt(trainableBackbone + head)}</strong> ({summary})
      </p>
      <div className="row">
        <button type="button" onClick={() => updateSettings({ unfreeze: 0, frozenBlocks: [] })} disabled={running || settings.unfreeze === 0}>
          Freeze whole backbone (head only)
        </button>
      </div>
      <ol className="blocks" aria-labelledby="layer-map-title" reversed>
        {blocks
          .map((b, i) => ({ b, i }))
          .reverse()
          .map(({ b, i }) => {
            const trainable = trains(i);
            // single-block toggle: only above the boundary block, inside the unfrozen top
            const toggleable = i > firstTrainable;
            return (
              <li key={b.name} className={trainable ? 'trainable' : 'frozen'}>
                <button
                  type="button"
                  disabled={running}
                  aria-pressed={trainable}
                  aria-label={`${b.name}: ${trainable ? 'trainable' : 'frozen'}, output ${b.outputShape.join('×')}, ${fmt(b.params)} parameters. Train from here up`}
                  onClick={() => setUnfreeze(blocks.length - i)}
                >
                  <span className="block-state" aria-hidden="true">
                    {trainable ? 'train' : 'frozen'}
                  </span>
                  <span className="block-name">{b.name}</span>
                  <span className="block-shape">{b.outputShape.join('×')}</span>
                  <span className="block-params">{fmt(b.params)}</span>
                </button>
                {toggleable && (
                  <button
                    type="button"
                    className="keep-frozen"
                    disabled={running}
                    aria-pressed={kept.has(b.name)}
                    aria-label={`Keep ${b.name} frozen`}
                    title="Freeze just this block; the blocks below and above it still train"
                    onClick={() => toggleKept(b.name)}
                  >
                    {kept.has(b.name) ? 'kept frozen' : 'freeze only this'}
                  </button>
                )}
                <details>
                  <summary aria-label={`Layers of ${b.name}`}>{b.layers.length} layers</summary>
                  <ul>
                    {b.layers.map((l) => (
                      <li key={l.name}>
                        {l.name} <span className="hint">({l.className}, {fmt(l.params)})</span>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
      </ol>
    </div>
  );
}
