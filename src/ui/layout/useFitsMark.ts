import { useEffect, type RefObject } from 'react';

/**
 * Marks the element `data-fits` while its content fits its box. The Deploy column's edge fades are
 * driven by its scroll timeline (workspace.css), and Chromium kept the last fade once the column
 * came to fit (a new project took Export away): its top stayed faded over Try it's heading, the
 * timeline inactive but its value not let go. The mark turns the fade off where nothing is past an edge.
 */
export function useFitsMark(ref: RefObject<HTMLElement | null>, on: boolean): void {
  useEffect(() => {
    const el = ref.current;
    if (!on || !el || typeof ResizeObserver === 'undefined') return;
    const update = () => el.toggleAttribute('data-fits', el.scrollHeight <= el.clientHeight + 1);
    const sizes = new ResizeObserver(update);
    // the column's box, and each panel in it: a panel that grows or goes changes what overflows
    const watch = () => {
      sizes.disconnect();
      sizes.observe(el);
      for (const child of el.children) sizes.observe(child);
    };
    const panels = new MutationObserver(() => {
      watch();
      update();
    });
    panels.observe(el, { childList: true });
    watch();
    update();
    return () => {
      sizes.disconnect();
      panels.disconnect();
      el.removeAttribute('data-fits');
    };
  }, [ref, on]);
}
