import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';

/** Whether a box scrolled sideways has more to show before (left) and after (right) what is in view. */
export function sideEdges(box: { scrollLeft: number; clientWidth: number; scrollWidth: number }) {
  // a zoomed page stops scrolling a fraction of a pixel short of the end
  return { before: box.scrollLeft > 1, after: box.scrollLeft + box.clientWidth < box.scrollWidth - 1 };
}

type Edges = ReturnType<typeof sideEdges>;

/** a render only when an edge is reached or left, not on every scroll event */
function updateEdges(el: HTMLElement, set: Dispatch<SetStateAction<Edges>>) {
  const next = sideEdges(el);
  set((e) => (e.before === next.before && e.after === next.after ? e : next));
}

/**
 * A table named `label` that scrolls sideways when it is wider than its column (a phone), rather than split its
 * figures across lines. While it does, the scroller is a named, focusable region, so it can be
 * scrolled from the keyboard (axe: scrollable-region-focusable); while it fits, it is no extra Tab stop.
 */
export function ScrollingTable({
  label,
  className = '',
  onMeasure,
  children,
}: {
  label: string;
  /** a class that also bounds the box's height (a chart's values): it then scrolls down too */
  className?: string;
  /** called with the box each time it or its table changes size */
  onMeasure?: (box: HTMLDivElement) => void;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState<'sideways' | 'down' | null>(null);
  const [edges, setEdges] = useState<Edges>({ before: false, after: true });
  // the observer is made once and calls the latest render's callback, kept before the browser lays
  // out (and the observer measures) what that render changed
  const measured = useRef(onMeasure);
  useLayoutEffect(() => {
    measured.current = onMeasure;
  });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      setScrolls(el.scrollWidth > el.clientWidth ? 'sideways' : el.scrollHeight > el.clientHeight ? 'down' : null);
      updateEdges(el, setEdges);
      measured.current?.(el);
    };
    // the box changes with the screen, the table inside it with its rows. Measured by the observer
    // only, whose first call comes after the frame's layout: read here, scrollWidth forced a layout
    // of the page inside React's commit (30 ms under 4× CPU throttling as the results first showed)
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <>
      {/* the shadow at the edge alone went unseen on a phone (the per-class table seemed to end at
          "Recall"): words say it, the arrows which way; the region's name says it to a screen reader */}
      {scrolls === 'sideways' && (
        <p className="scroll-cue" aria-hidden="true">
          <span className={edges.before ? '' : 'spent'}>←</span> scroll for more columns{' '}
          <span className={edges.after ? '' : 'spent'}>→</span>
        </p>
      )}
      <div
        ref={box}
        className={`table-scroll ${className}`}
        onScroll={scrolls === 'sideways' ? (e) => updateEdges(e.currentTarget, setEdges) : undefined}
        {...(scrolls && { role: 'region', 'aria-label': `${label} (scrolls ${scrolls})`, tabIndex: 0 })}
      >
        <table aria-label={label}>{children}</table>
      </div>
    </>
  );
}

/** A column heading over figures: right-aligned with them (td.num) */
export function FigureHeading({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="num">
      {children}
    </th>
  );
}
