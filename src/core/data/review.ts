import { trainValSplit } from './train-val';

/**
 * What the image review grid filters and selects by, kept free of the page so it can be tested:
 * the split the next run will make, the last run's mistakes, the health check's findings, and
 * the selection rules people know from file managers (click, Ctrl/⌘-click, Shift-click).
 */

export type SplitFilter = 'all' | 'train' | 'validation';

export interface ReviewFilter {
  split: SplitFilter;
  /** only images the last run's model got wrong */
  wrong: boolean;
  /** only images the health check named */
  flagged: boolean;
}

export interface ReviewFacts {
  /** validation images of the next run (the split is seeded, so an unchanged project splits as the last run did) */
  validation: ReadonlySet<string>;
  /** images the next run leaves out (unreadable in the last run) */
  unusable: ReadonlySet<string>;
  wrong: ReadonlySet<string>;
  flagged: ReadonlySet<string>;
}

/**
 * Validation ids of the next run: training's own split (trainValSplit), drawn over every image in
 * class order, webcam holds kept whole, with the unusable ones dropped after. Taken out before the draw, one unreadable
 * image reshuffled its class and every class after it, and the Split filter showed another split.
 */
export function nextValidation(
  classImages: readonly (readonly { id: string; name?: string }[])[],
  valSplit: number,
  seed: number,
  unusable: ReadonlySet<string> = new Set(),
): Set<string> {
  if (!(valSplit >= 0 && valSplit < 1)) return new Set();
  const images = classImages.flatMap((list, label) => list.map(({ id, name }) => ({ id, label, name })));
  const { val } = trainValSplit(images, { has: (id) => !unusable.has(id) }, { valSplit, seed });
  return new Set(val.map((i) => i.id));
}

export function filterImages(ids: readonly string[], filter: ReviewFilter, facts: ReviewFacts): string[] {
  return ids.filter((id) => {
    if (filter.split === 'validation' && !facts.validation.has(id)) return false;
    if (filter.split === 'train' && (facts.validation.has(id) || facts.unusable.has(id))) return false;
    if (filter.wrong && !facts.wrong.has(id)) return false;
    if (filter.flagged && !facts.flagged.has(id)) return false;
    return true;
  });
}

export interface Selection {
  ids: ReadonlySet<string>;
  /** where a Shift-click range starts */
  anchor: string | null;
}

/**
 * A click (or Space) on `id` among the `shown` images: alone it selects just that image, with
 * `toggle` (Ctrl/⌘) it flips that one, with `range` (Shift) it selects from the anchor to it
 * (added to the selection when `toggle` is held too).
 */
export function clickSelect(
  sel: Selection,
  shown: readonly string[],
  id: string,
  { toggle = false, range = false } = {},
): Selection {
  if (range && sel.anchor !== null) {
    const a = shown.indexOf(sel.anchor);
    const b = shown.indexOf(id);
    if (a >= 0 && b >= 0) {
      const span = shown.slice(Math.min(a, b), Math.max(a, b) + 1);
      return { ids: new Set([...(toggle ? sel.ids : []), ...span]), anchor: sel.anchor };
    }
  }
  if (toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

/** Keeps only selected images that are still shown (after a filter change, a move or a delete). */
export function keepShown(sel: Selection, shown: readonly string[]): Selection {
  const here = new Set(shown);
  const ids = [...sel.ids].filter((id) => here.has(id));
  return ids.length === sel.ids.size && (sel.anchor === null || here.has(sel.anchor))
    ? sel
    : { ids: new Set(ids), anchor: sel.anchor !== null && here.has(sel.anchor) ? sel.anchor : null };
}

/** The visible window of a grid of `count` cells: which rows to render for this scroll position (plus `overscan` rows each side). */
export function visibleRows(
  count: number,
  columns: number,
  rowHeight: number,
  scrollTop: number,
  viewHeight: number,
  overscan = 2,
): { first: number; last: number; rows: number } {
  const rows = Math.ceil(count / Math.max(1, columns));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rows - 1, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { first, last, rows };
}

/**
 * Where a key moves the active image of the review grid (`columns` images a row), or null for a
 * key that moves nothing. With no image active yet every move starts at the first image: the first
 * → of a grid just focused went to the second.
 */
export function gridKeyTarget(key: string, active: number, count: number, columns: number): number | null {
  if (count === 0) return null;
  const step: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
    PageDown: columns * 4,
    PageUp: -columns * 4,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (!(key in step)) return null;
  if (active < 0) return 0;
  return Math.min(count - 1, Math.max(0, active + step[key]));
}

/** The image a grid focused with none active makes active (null: keep it), so Space and Enter act on it at once. */
export function activeOnFocus(active: number, count: number): number | null {
  return active < 0 && count > 0 ? 0 : null;
}
