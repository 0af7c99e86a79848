import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { panTo } from './layer-map-pan';

interface Edges {
  /** the map is wider than its scroller */
  pans: boolean;
  left: boolean;
  right: boolean;
}

const edgesOf = (el: HTMLElement): Edges => {
  const end = el.scrollWidth - el.clientWidth;
  return { pans: end > 0, left: el.scrollLeft > 1, right: el.scrollLeft < end - 1 };
};

const sameEdges = (a: Edges, b: Edges) => a.pans === b.pans && a.left === b.left && a.right === b.right;

/**
 * The map's scroller, which keeps the freeze boundary (`at`, a fraction of the drawing's width) on
 * screen with the blocks that train and the head (layer-map-pan.ts), and says that the map pans: a
 * fade on each edge with more map past it and a line above it, only where the map is wider than
 * its place. On a phone the map opened at the input's end, the boundary and the head past the
 * right edge, and nothing said that it pans. It pans after paint when the boundary moves, and again
 * when the scroller first shows or changes width: a step skipped off screen (content-visibility)
 * or not yet laid out has no scroll width to read, and the map opened unpanned.
 */
export function LayerMapScroller({
  at,
  held,
  children,
}: {
  at: number;
  /** a drag is under way (a ref, read when the boundary moves) */
  held: { readonly current: boolean };
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  /** the boundary moved and the map has not yet panned to it */
  const pending = useRef(true);
  const [edges, setEdges] = useState<Edges>({ pans: false, left: false, right: false });

  const showEdges = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const next = edgesOf(el);
    setEdges((was) => (sameEdges(was, next) ? was : next));
  }, []);

  const pan = useCallback(
    (at: number) => {
      const el = ref.current;
      // not under a dragging finger or pointer: the block under it is read from the map's place on
      // screen, so each scroll moved the boundary on again, and it ran to the map's end
      if (!el || held.current) return;
      if (!el.clientWidth || (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true }))) return;
      pending.current = false;
      const svg = el.querySelector('svg');
      if (!svg) return;
      const box = el.getBoundingClientRect();
      const drawing = svg.getBoundingClientRect();
      const boundary = drawing.left - box.left - el.clientLeft + el.scrollLeft + at * drawing.width;
      const to = panTo({
        boundary,
        scrollLeft: el.scrollLeft,
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      });
      // the scroller's own scroll, never the page's (scrollIntoView moved the whole page)
      if (to !== null) el.scrollLeft = to;
      showEdges();
    },
    [held, showEdges],
  );

  const atRef = useRef(at);
  useEffect(() => {
    atRef.current = at;
    pending.current = true;
    pan(at);
  }, [at, pan]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let width = el.clientWidth;
    const resized = new ResizeObserver(() => {
      // a phone turned, a window narrowed: the boundary may have gone past an edge
      if (el.clientWidth !== width) pending.current = true;
      width = el.clientWidth;
      if (pending.current) pan(atRef.current);
      showEdges();
    });
    const shown = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting) && pending.current) pan(atRef.current);
    });
    resized.observe(el);
    shown.observe(el);
    return () => {
      resized.disconnect();
      shown.disconnect();
    };
  }, [pan, showEdges]);

  return (
    <>
      {edges.pans && (
        <p className="hint map-pan-hint" data-testid="map-pans">
          <span className="pan-touch">Swipe the map sideways to see all blocks.</span>
          <span className="pan-fine">Scroll the map sideways to see all blocks.</span>
        </p>
      )}
      <div
        className={`map-pan${edges.pans && edges.left ? ' more-left' : ''}${edges.pans && edges.right ? ' more-right' : ''}`}
      >
        <div className="map-scroll" ref={ref} onScroll={showEdges}>
          {children}
        </div>
      </div>
    </>
  );
}
