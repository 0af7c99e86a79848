import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { activeOnFocus, gridKeyTarget, visibleRows } from '../core/data/review';
import type { ProjectImage } from '../state/project';
import { Thumbnail, urlOf } from './Thumbnail';

const CELL = 104;
const THUMB = 88;

/**
 * A windowed grid of images as a multi-select listbox: only the rows in view (plus a little
 * overscan) are in the DOM, so a class of thousands scrolls like one of ten. The focused image is
 * the listbox's active descendant; arrows move it, Shift extends, Space toggles, Enter opens it.
 */
export function ImageGrid({
  label,
  images,
  selected,
  active,
  onActive,
  onPick,
  onOpen,
  onKey,
}: {
  label: string;
  images: ProjectImage[];
  selected: ReadonlySet<string>;
  active: number;
  onActive(index: number): void;
  onPick(index: number, mods: { toggle: boolean; range: boolean }): void;
  onOpen(index: number): void;
  onKey(e: React.KeyboardEvent): boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  /** a press on the grid is under way: the focus it brings is not a keyboard user's arrival */
  const pressed = useRef(false);
  const [view, setView] = useState({ width: 800, height: 480, top: 0 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // before its dialog opens the grid has no box (display: none): keep the estimate, or the first
    // frame lays out one column of overscan and the observer redoes it a frame later
    const measure = () => {
      if (el.clientWidth === 0 && el.clientHeight === 0) return;
      setView((v) => ({ ...v, width: el.clientWidth, height: el.clientHeight }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const columns = Math.max(1, Math.floor(view.width / CELL));
  const { first, last, rows } = visibleRows(images.length, columns, CELL, view.top, view.height);

  // the active image is scrolled into view (keyboard moves can leave the rendered window)
  useEffect(() => {
    const el = box.current;
    if (!el || active < 0) return;
    const top = Math.floor(active / columns) * CELL;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + CELL > el.scrollTop + el.clientHeight) el.scrollTop = top + CELL - el.clientHeight;
  }, [active, columns]);

  const keyDown = (e: React.KeyboardEvent) => {
    if (onKey(e)) return e.preventDefault();
    const next = gridKeyTarget(e.key, active, images.length, columns);
    if (next !== null) {
      e.preventDefault();
      onActive(next);
      if (e.shiftKey) onPick(next, { toggle: e.ctrlKey || e.metaKey, range: true });
    } else if (e.key === ' ' && active >= 0) {
      e.preventDefault();
      onPick(active, { toggle: true, range: e.shiftKey });
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      onOpen(active);
    }
  };

  const cells = [];
  for (let k = first * columns; k <= Math.min(images.length - 1, last * columns + columns - 1); k++) {
    const im = images[k];
    const on = selected.has(im.id);
    cells.push(
      <div
        key={im.id}
        id={`cell-${im.id}`}
        role="option"
        aria-selected={on}
        aria-posinset={k + 1}
        aria-setsize={images.length}
        aria-label={im.file.name}
        className={`grid-cell${on ? ' selected' : ''}${k === active ? ' active' : ''}`}
        style={{ transform: `translate(${(k % columns) * CELL}px, ${Math.floor(k / columns) * CELL}px)` }}
        onClick={(e) => {
          onActive(k);
          onPick(k, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey });
        }}
        onDoubleClick={() => onOpen(k)}
      >
        <Thumbnail file={im.file} url={urlOf(im)} alt="" size={THUMB} square />
      </div>,
    );
  }
  return (
    <div
      ref={box}
      className="image-grid"
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={active >= 0 && images[active] ? `cell-${images[active].id}` : undefined}
      tabIndex={0}
      onKeyDown={keyDown}
      // Space and Enter act on the active image: focused with none, the first one is (not by a
      // press on an image: the first image made active scrolled the grid under the pointer, and a
      // double click opened another image than the one clicked)
      onPointerDown={() => (pressed.current = true)}
      onFocus={(e) => {
        const byPointer = pressed.current;
        pressed.current = false;
        if (byPointer || e.target !== e.currentTarget) return;
        const first = activeOnFocus(active, images.length);
        if (first !== null) onActive(first);
      }}
      onScroll={(e) => {
        // read now: the updater runs later, when React has cleared currentTarget
        const top = e.currentTarget.scrollTop;
        setView((v) => ({ ...v, top }));
      }}
    >
      {/* as wide as its columns, centred: the rest of the width (up to a cell, 30 px of a phone's 3
          columns) sat as a gap on the right */}
      <div className="grid-space" style={{ height: rows * CELL, width: columns * CELL, margin: '0 auto' }}>
        {cells}
      </div>
    </div>
  );
}
