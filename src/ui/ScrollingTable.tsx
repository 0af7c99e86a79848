import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table named `label` that scrolls sideways when it is wider than its column (a phone), rather than split its
 * figures across lines. While it does, the scroller is a named, focusable region, so it can be
 * scrolled from the keyboard (axe: scrollable-region-focusable); while it fits, it is no extra Tab stop.
 */
export function ScrollingTable({
  label,
  className = '',
  children,
}: {
  label: string;
  /** a class that also bounds the box's height (a chart's values): it then scrolls down too */
  className?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState<'sideways' | 'down' | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () =>
      setScrolls(el.scrollWidth > el.clientWidth ? 'sideways' : el.scrollHeight > el.clientHeight ? 'down' : null);
    // the box changes with the screen, the table inside it with its rows. Measured by the observer
    // only, whose first call comes after the frame's layout: read here, scrollWidth forced a layout
    // of the page inside React's commit (30 ms under 4× CPU throttling as the results first showed)
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={`table-scroll ${className}`}
      {...(scrolls && { role: 'region', 'aria-label': `${label} (scrolls ${scrolls})`, tabIndex: 0 })}
    >
      <table aria-label={label}>{children}</table>
    </div>
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
