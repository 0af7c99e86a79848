import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdInView } from '../src/ui/hold-in-view';

/**
 * A page in Node: a window that scrolls (within its document), a sticky header the page's
 * scroll-padding-top keeps controls clear of, and a ResizeObserver on the body whose callbacks the
 * test runs, as the browser does after a layout.
 */
function page({ top = 442, docHeight = 4236, innerHeight = 800, header = 109 } = {}) {
  const callbacks = new Set<() => void>();
  const listeners = new Map<string, Set<() => void>>();
  const view = {
    innerHeight,
    scrollY: 3000,
    docHeight,
    scrollBy({ top: by = 0 }: { top?: number }) {
      view.scrollY = Math.max(0, Math.min(view.scrollY + by, view.docHeight - view.innerHeight));
    },
    addEventListener(type: string, f: () => void) {
      listeners.set(type, (listeners.get(type) ?? new Set()).add(f));
    },
    removeEventListener(type: string, f: () => void) {
      listeners.get(type)?.delete(f);
    },
    ResizeObserver: class {
      constructor(private readonly cb: () => void) {}
      observe() {
        callbacks.add(this.cb);
      }
      disconnect() {
        callbacks.delete(this.cb);
      }
    },
  };
  const control = {
    pageTop: view.scrollY + top,
    isConnected: true,
    ownerDocument: { defaultView: view, body: {} },
    getBoundingClientRect() {
      const t = control.pageTop - view.scrollY;
      return { top: t, bottom: t + 34 };
    },
    scrollIntoView() {
      const { top: t, bottom } = control.getBoundingClientRect();
      if (t < header) view.scrollBy({ top: t - header });
      else if (bottom > view.innerHeight) view.scrollBy({ top: bottom - view.innerHeight });
    },
  };
  return {
    view,
    control,
    el: control as unknown as Element,
    /** what lies above the control changes height by `by` (a fold: negative), and the browser lays it out */
    shift(by: number) {
      control.pageTop += by;
      view.docHeight += by;
      for (const cb of [...callbacks]) cb();
    },
    fire: (type: string) => [...(listeners.get(type) ?? [])].forEach((f) => f()),
    top: () => control.getBoundingClientRect().top,
    observing: () => callbacks.size,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a control held in view while the page above it changes', () => {
  it('stays where it was when the settings above it fold (Stop ended 47-64 px above the window)', () => {
    const p = page();
    holdInView(p.el);
    p.shift(-409);
    expect(p.top()).toBe(442);
    // and when they open again at the run's end
    p.shift(409);
    expect(p.top()).toBe(442);
  });

  it('comes out from under the sticky header when it started under it (Train at y = -5 after a run)', () => {
    const p = page({ top: -5 });
    holdInView(p.el);
    expect(p.top()).toBe(109);
  });

  it('is still shown when the page has become too short to keep it in place', () => {
    const p = page({ top: 442, docHeight: 3900 });
    holdInView(p.el);
    p.shift(-600);
    expect(p.top()).toBeGreaterThanOrEqual(109);
    expect(p.top() + 34).toBeLessThanOrEqual(800);
  });

  it('is left alone when it was out of sight: the person is looking elsewhere', () => {
    const p = page({ top: -300 });
    holdInView(p.el);
    p.shift(-409);
    expect(p.top()).toBe(-709);
    expect(p.observing()).toBe(0);
  });

  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'])
    it(`is let go as the person moves the page or the focus (${type})`, () => {
      const p = page();
      holdInView(p.el);
      p.fire(type);
      p.shift(-409);
      expect(p.top()).toBe(33);
      expect(p.observing()).toBe(0);
    });

  it('is let go once the page has been still for a moment', () => {
    const p = page();
    holdInView(p.el);
    vi.advanceTimersByTime(500);
    p.shift(-100);
    expect(p.top()).toBe(442);
    vi.advanceTimersByTime(900);
    expect(p.observing()).toBe(1);
    vi.advanceTimersByTime(200);
    expect(p.observing()).toBe(0);
  });

  it('is let go after a few seconds however much the page changes', () => {
    const p = page();
    holdInView(p.el);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(400);
      p.shift(-1);
    }
    expect(p.observing()).toBe(0);
  });

  it('hands over to the next control held (Train to Stop), correcting the first once more', () => {
    const a = page();
    holdInView(a.el);
    a.control.pageTop -= 200;
    a.view.docHeight -= 200;
    const b = page();
    holdInView(b.el);
    expect(a.top()).toBe(442);
    expect(a.observing()).toBe(0);
    expect(b.observing()).toBe(1);
  });
});
