import { useCallback } from 'react';

/** Keeps --chrome-h at the sticky header's height: steps scroll to just below it, the preview column sticks under it. */
export function useChromeHeight() {
  return useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      // on a phone only the step bar stays (the header scrolls away)
      const sticky = getComputedStyle(el).display === 'contents' ? el.querySelector('nav') : el;
      const height = `${Math.round(sticky?.getBoundingClientRect().height ?? 0)}px`;
      // set only when it changes: a custom property set on the root restyles the whole page
      if (root.style.getPropertyValue('--chrome-h') !== height) root.style.setProperty('--chrome-h', height);
    });
    observer.observe(el);
    el.querySelectorAll('header, nav').forEach((child) => observer.observe(child));
    return () => observer.disconnect();
  }, []);
}
