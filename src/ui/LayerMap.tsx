import { handingFocusOn } from './focus-after-removal';
import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { TRAINING_SETTINGS_ID } from './settings-words';
import { findBackboneSpec, getBackboneSpec } from '../core/backbones/registry';
import { fmt } from './format';
import { trainedBlocks } from '../core/finetune/freeze';
import { plannedHiddenUnits } from '../core/train/recipe-shape';
import type { BlockInfo } from '../core/finetune/blocks';
import { useBackbone } from '../state/backbone';
import { useClassCountSoon } from './useProjectSoon';
import { useTraining } from '../state/training';
import { useRunning } from './useRunLock';
import { backboneTotals, BASE_Y, blockAt, HEAD_W, layoutBlocks, MAP_HEIGHT } from './layer-geometry';
import { LayerMapScroller } from './LayerMapScroller';
import { LayerTable } from './LayerTable';
import {
  blockLabel,
  blockNamed,
  blockTitle,
  choiceSentence,
  fineTuneHeadWords,
  freezeAllWhy,
  headInput,
} from './layer-map-words';

/** Parameters of the head the next run trains (the automatic recipe's is linear). */
function headParams(features: number, hidden: number, classes: number): number {
  return hidden > 0 ? features * hidden + hidden + hidden * classes + classes : features * classes + classes;
}

/**
 * Opens the Train step's settings (folded by default) where the link lands: the anchor alone
 * scrolled to a closed summary, the fields still hidden under it.
 */
function openTrainingSettings(e: MouseEvent<HTMLAnchorElement>): void {
  const box = document.getElementById(TRAINING_SETTINGS_ID);
  if (!(box instanceof HTMLDetailsElement)) return;
  e.preventDefault();
  box.open = true;
  box.scrollIntoView({ block: 'start' });
  box.querySelector('summary')?.focus({ preventScroll: true });
}

const shape = (b: BlockInfo) => b.outputShape.join('×');

/**
 * Why a backbone has no blocks to unfreeze: a brought layers model trains head-only too, but it is
 * not a graph model (the bring form said one thing, the map another).
 */
export function noBlocksNote(backboneId: string, source?: string): string {
  // found, not got: a brought backbone just removed is still the loaded one until the default has loaded
  if (findBackboneSpec(backboneId)?.format === 'graph')
    return 'This backbone is a graph model: it extracts features only, its layers cannot be unfrozen.';
  // Continue training cuts the backbone out of the imported model: not something brought from files
  const what = source === 'imported' ? 'is the imported model’s own layers' : 'was brought from your files';
  return `This backbone ${what}: it extracts features and trains the head only (fine-tuning blocks is for the listed MobileNets).`;
}

/**
 * The backbone as a diagram, input on the left: each block's height is its resolution, its width
 * its channels. Everything right of the freeze boundary trains; the boundary is one slider (click
 * or drag a block, or arrow keys), so crossing the map is one Tab stop, not one per block.
 */
export function LayerMap() {
  const loaded = useBackbone((s) => s.loaded);
  // only what the map shows: live metrics must not re-render every block while training
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const freezeBackbone = useTraining((s) => s.freezeBackbone);
  // running or not: the run's status steps (warming, extracting, training) each re-rendered every block
  const running = useRunning();
  const classCount = useClassCountSoon();
  // the head has an output per class: with fewer than two it is counted for two, and says so
  const classes = Math.max(2, classCount);
  const [hover, setHover] = useState<number | null>(null);
  const dragging = useRef(false);
  /** where a press on the boundary's handle began (a press that did not move is a tap) */
  const handleDown = useRef(0);
  const svgRef = useRef<SVGSVGElement>(null);
  // "kept frozen" choices the boundary passed over: moving it back brings them back, while the
  // choices are still the ones that move left (another project, a toggle, a Continue: they go)
  const passed = useRef<{ after: string[] | null; names: string[] }>({ after: null, names: [] });
  if (!loaded) return null;
  const blocks = loaded.blocks;
  if (!blocks.length) {
    return (
      <p className="hint" data-testid="layer-map-none">
        {noBlocksNote(loaded.id, loaded.source)}
      </p>
    );
  }
  const n = blocks.length;
  // a project made on a deeper backbone brings its count before its backbone has loaded (the
  // coordinator caps it when the load ends): until then the map shows every block trainable
  const shownUnfreeze = Math.max(0, Math.min(n, settings.unfreeze));
  const firstTrainable = n - shownUnfreeze;
  const kept = new Set(settings.frozenBlocks ?? []);
  const trains = (i: number) => i >= firstTrainable && !kept.has(blocks[i].name);
  const trained = trainedBlocks(blocks, shownUnfreeze, settings.frozenBlocks);
  const { trainable: trainableBackbone, frozen } = backboneTotals(blocks, shownUnfreeze, settings.frozenBlocks);
  const spec = getBackboneSpec(loaded.id);
  const head = headParams(spec.featureSize, plannedHiddenUnits(settings), classes);
  const reads = headInput(spec, blocks);
  // The lowest unfrozen block defines the boundary, so it always trains; toggles above it survive a
  // move, and those below it come back when it moves back down past them.
  const setBoundary = (first: number) => {
    const unfreeze = n - Math.max(0, Math.min(n, first));
    if (unfreeze === settings.unfreeze) return;
    const earlier = passed.current.after === settings.frozenBlocks ? passed.current.names : [];
    const all = [...new Set([...(settings.frozenBlocks ?? []), ...earlier])];
    const above = (name: string) => blocks.findIndex((b) => b.name === name) > n - unfreeze;
    const frozenBlocks = all.filter(above);
    passed.current = { after: frozenBlocks, names: all.filter((name) => !above(name)) };
    updateSettings({ unfreeze, frozenBlocks });
  };
  // those of the blocks shown: names from another backbone's project match none of them
  const keptShown = shownUnfreeze - trained.length;
  const summary = shownUnfreeze
    ? `${trained.length} backbone block${trained.length > 1 ? 's' : ''} + head${keptShown ? `, ${keptShown} kept frozen` : ''}`
    : 'head only';
  const { shapes, width, headX } = layoutBlocks(blocks);
  const boundaryX = firstTrainable >= n ? headX - 5 : shapes[firstTrainable].x - 3;
  const headOnly = settings.unfreeze === 0;
  const freezeWhy = freezeAllWhy({ headOnly, running });
  const shown = hover ?? Math.min(firstTrainable, n - 1);
  const focus = blocks[shown];

  const toX = (e: { clientX: number }) => {
    const svg = svgRef.current!.getBoundingClientRect();
    return ((e.clientX - svg.left) / svg.width) * width;
  };
  const startDrag = (e: PointerEvent<Element>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const endDrag = () => (dragging.current = false);
  const onKey = (e: KeyboardEvent) => {
    if (running) return;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowDown: -1,
      ArrowRight: 1,
      ArrowUp: 1,
      PageDown: -3,
      PageUp: 3,
    };
    if (e.key in step) setBoundary(firstTrainable + step[e.key]);
    else if (e.key === 'Home') setBoundary(0);
    else if (e.key === 'End') setBoundary(n);
    else return;
    e.preventDefault();
  };
  const valueText =
    shownUnfreeze === 0
      ? `All ${n} blocks frozen: head only`
      : `${blocks[firstTrainable].name} and above train (${summary}); ${firstTrainable} block${firstTrainable === 1 ? '' : 's'} frozen below`;

  return (
    <div className="layer-map">
      <h3 id="layer-map-title">Layer map</h3>
      {/* what the choice means, before how it is counted and set; like the totals not a live region:
          the slider says the blocks that train at each step (aria-valuetext) */}
      <p className="map-choice">{choiceSentence({ blocks: n, unfreeze: shownUnfreeze, trained: trained.length })}</p>
      {/* not a live region: it changes with every digit typed into Hidden units and every step of
          the boundary, whose slider says the blocks that train (aria-valuetext) */}
      <p className="totals" data-testid="param-totals">
        Frozen: <strong>{fmt(frozen)}</strong> parameters · Trainable: <strong>{fmt(trainableBackbone + head)}</strong>{' '}
        ({summary}
        {classCount < 2 && '; counted for 2 classes'})
      </p>
      {!headOnly && (
        <p className="hint" data-testid="fine-tune-head">
          {fineTuneHeadWords(settings)}{' '}
          <a href={`#${TRAINING_SETTINGS_ID}`} onClick={openTrainingSettings}>
            Change the head’s settings
          </a>
        </p>
      )}
      <p className="hint" id="layer-map-help">
        Blocks right of the boundary train. Click or drag a block to move the boundary there (on a touch screen: tap a
        block, or drag the handle); keys: ← → move it, Home trains every block, End freezes them all.
      </p>
      {/* a paragraph of its own: the slider's description is how to move it; the exact layers are in
          the title and, for those without a pointer, under the layers of the blocks they come from */}
      {reads?.plain && (
        <p className="hint head-reads" title={reads.exact}>
          {reads.plain}
        </p>
      )}
      <div className="map-legend" aria-hidden="true">
        {/* each swatch with its words: on a phone the legend wraps, and a swatch ended one line, its words the next */}
        <span>
          <span className="swatch frozen" /> frozen
        </span>
        <span>
          <span className="swatch trainable" /> trainable
        </span>
        <span>
          <span className="swatch kept" /> kept frozen
        </span>
        <span>
          <span className="swatch inspected" /> its layers below
        </span>
        <span className="hint">height: resolution · width: channels</span>
      </div>
      <LayerMapScroller at={boundaryX / width} held={dragging}>
        <div
          className={`map-slider${running ? ' locked' : ''}`}
          role="slider"
          tabIndex={0}
          aria-labelledby="layer-map-title"
          aria-describedby="layer-map-help"
          aria-orientation="horizontal"
          aria-valuemin={0}
          aria-valuemax={n}
          aria-valuenow={firstTrainable}
          aria-valuetext={valueText}
          aria-disabled={running || undefined}
          data-testid="freeze-boundary"
          onKeyDown={onKey}
        >
          <svg
            ref={svgRef}
            viewBox={`0 0 ${width} ${MAP_HEIGHT}`}
            width={width}
            height={MAP_HEIGHT}
            aria-hidden="true"
            onPointerDown={(e) => {
              // a finger on the blocks pans the map (on a narrow screen its top blocks lie past the
              // edge): touch drags start on the handle, and a tap sets the boundary (onClick)
              if (running || e.pointerType !== 'mouse') return;
              startDrag(e);
              setBoundary(blockAt(shapes, toX(e)));
            }}
            onClick={(e) => !running && setBoundary(blockAt(shapes, toX(e)))}
            onPointerMove={(e) => {
              const i = blockAt(shapes, toX(e));
              setHover(i < n ? i : null);
              if (dragging.current) setBoundary(i);
            }}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
            onPointerLeave={() => setHover(null)}
          >
            <defs>
              <pattern
                id="frozen-hatch"
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" className="frozen-fill" />
                <line x1="0" y1="0" x2="0" y2="6" className="frozen-line" />
              </pattern>
            </defs>
            {blocks.map((b, i) => {
              const s = shapes[i];
              const state = trains(i) ? 'trainable' : i >= firstTrainable ? 'kept' : 'frozen';
              return (
                <g
                  key={b.name}
                  className={`block ${state}${shown === i ? ' inspected' : ''}`}
                  data-block={b.name}
                  data-state={state === 'trainable' ? 'trainable' : 'frozen'}
                >
                  {/* a hover's tooltip; the slider says the block by name to those who do not point */}
                  <title>{blockTitle(b.name)}</title>
                  <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={3} />
                  <text x={s.x + s.w / 2} y={BASE_Y + 14} className="block-index">
                    {blockLabel(b.name)}
                  </text>
                </g>
              );
            })}
            <g className="head-block">
              <rect x={headX} y={BASE_Y - 40} width={HEAD_W} height={40} rx={3} />
              <text x={headX + HEAD_W / 2} y={BASE_Y - 16}>
                head
              </text>
            </g>
            {blocks.map((b, i) =>
              i === 0 || b.outputShape[0] !== blocks[i - 1].outputShape[0] ? (
                <text key={`r${b.name}`} x={shapes[i].x} y={BASE_Y + 32} className="res-label">
                  {b.outputShape[0]}²
                </text>
              ) : null,
            )}
            <g className="boundary">
              <line x1={boundaryX} x2={boundaryX} y1={6} y2={BASE_Y + 4} />
              <circle cx={boundaryX} cy={10} r={6} />
            </g>
          </svg>
          {/* the boundary's grip, over the line the diagram draws: a drag by finger starts only here */}
          <div
            className="map-handle"
            aria-hidden="true"
            style={{ left: `${(boundaryX / width) * 100}%` }}
            onPointerDown={(e) => {
              if (running) return;
              e.preventDefault();
              handleDown.current = e.clientX;
              startDrag(e);
            }}
            onPointerMove={(e) => dragging.current && setBoundary(blockAt(shapes, toX(e)))}
            onPointerUp={(e) => {
              // a tap on the handle (44 px wide on a touch screen) is a tap on the block under it:
              // the block beside the boundary lies within its reach, and tapping it did nothing
              if (dragging.current && Math.abs(e.clientX - handleDown.current) < 4)
                setBoundary(blockAt(shapes, toX(e)));
              endDrag();
            }}
            onPointerCancel={endDrag}
          />
        </div>
      </LayerMapScroller>
      {/* the exact layers are for the curious: the summary keeps one line whichever block is shown */}
      <details className="block-layers">
        <summary>Layers of {blockNamed(focus.name)}</summary>
        <p className="block-inspector" data-testid="block-inspector">
          <strong>{focus.name}</strong> · {trains(shown) ? 'trainable' : 'frozen'} · output {shape(focus)} ·{' '}
          {fmt(focus.params)} parameters · {focus.layers.length} layers:{' '}
          {focus.layers.map((l) => `${l.name} (${l.className}, ${fmt(l.params)})`).join(', ')}
        </p>
        {reads?.blocks.includes(focus.name) && (
          <p className="hint" data-testid="head-reads">
            {reads.exact}
          </p>
        )}
      </details>
      <div className="row">
        <button
          type="button"
          className="freeze-all"
          // done, it disables itself: the focus goes to the map, where the boundary now sits at the head
          onClick={handingFocusOn('.layer-map', '.freeze-all', '.map-slider', freezeBackbone)}
          disabled={running || headOnly}
          aria-describedby={freezeWhy ? 'freeze-all-why' : undefined}
        >
          Freeze whole backbone (head only)
        </button>
        {/* disabled, it looked like an empty text box with nothing said: why it cannot be pressed */}
        {freezeWhy && (
          <span className="hint" id="freeze-all-why">
            {freezeWhy}
          </span>
        )}
      </div>
      <LayerTable blocks={blocks} firstTrainable={firstTrainable} kept={kept} trains={trains} running={running} />
    </div>
  );
}
