import type { BlockInfo } from '../core/finetune/blocks';
import { useTraining } from '../state/training';
import { fmt } from './format';
import { FigureHeading, ScrollingTable } from './ScrollingTable';
import { blockNamed } from './layer-map-words';

const layerCount = (b: BlockInfo) => `${b.layers.length} layer${b.layers.length === 1 ? '' : 's'}`;
const keepText = (kept: boolean) => (kept ? 'kept frozen' : 'freeze only this');

interface Props {
  blocks: readonly BlockInfo[];
  firstTrainable: number;
  kept: Set<string>;
  trains(i: number): boolean;
  running: boolean;
}

/**
 * The layer map's exact numbers as a table (closed by default, so the map stays one Tab stop):
 * every block's shape, parameters and layers, and the single-block "keep frozen" toggles inside
 * the trainable top.
 */
export function LayerTable({ blocks, firstTrainable, kept, trains, running }: Props) {
  const updateSettings = useTraining((s) => s.updateSettings);
  const toggleKept = (name: string) =>
    updateSettings({ frozenBlocks: kept.has(name) ? [...kept].filter((b) => b !== name) : [...kept, name] });
  // the toggles exist only above the boundary block of an unfrozen top: with the whole backbone
  // frozen the column stood empty
  const toggles = blocks.some((_, i) => i > firstTrainable);
  return (
    <details className="layer-table">
      <summary>Blocks in detail ({blocks.length})</summary>
      <ScrollingTable label="Backbone blocks">
        <thead>
          <tr>
            <th scope="col">Block</th>
            <th scope="col">State</th>
            <th scope="col">Output</th>
            <FigureHeading>Parameters</FigureHeading>
            <th scope="col">Layers</th>
            {toggles && <th scope="col">Keep frozen</th>}
          </tr>
        </thead>
        <tbody>
          {blocks
            .map((b, i) => ({ b, i }))
            .reverse()
            .map(({ b, i }) => (
              <tr key={b.name} className={trains(i) ? 'trainable' : 'frozen'}>
                <th scope="row">{blockNamed(b.name)}</th>
                <td>{trains(i) ? 'trainable' : 'frozen'}</td>
                <td>{b.outputShape.join('×')}</td>
                <td className="num">{fmt(b.params)}</td>
                <td>
                  <details>
                    {/* the name starts with the words shown (WCAG 2.5.3), then says whose layers */}
                    <summary aria-label={`${layerCount(b)} of ${b.name}`}>{layerCount(b)}</summary>
                    <ul>
                      {b.layers.map((l) => (
                        <li key={l.name}>
                          {l.name}{' '}
                          <span className="hint">
                            ({l.className}, {fmt(l.params)})
                          </span>
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
                {toggles && (
                  <td>
                    {/* single-block toggle: only above the boundary block, inside the unfrozen top */}
                    {i > firstTrainable && (
                      <button
                        type="button"
                        className="keep-frozen"
                        disabled={running}
                        aria-pressed={kept.has(b.name)}
                        aria-label={`${keepText(kept.has(b.name))}: ${b.name}`}
                        title="Freeze just this block; the blocks below and above it still train"
                        onClick={() => toggleKept(b.name)}
                      >
                        {keepText(kept.has(b.name))}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
        </tbody>
      </ScrollingTable>
    </details>
  );
}
