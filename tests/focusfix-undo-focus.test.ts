import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as handOver from '../src/ui/focus-after-removal';
import { focusChain, isReachKey, newestToastControl, undoButtonInFocus } from '../src/ui/undo-stack-focus';

/**
 * A few elements, as much of the DOM as the focus hand-over reads: classes, :disabled, whether the
 * element takes the focus (a plain div does not), where it is drawn.
 */
class El {
  isConnected = true;
  disabled = false;
  parentElement: El | null = null;
  children: El[] = [];
  focusedWith: FocusOptions | undefined;
  scrolled: ScrollIntoViewOptions[] = [];
  rect = { top: 100, bottom: 140 };
  constructor(
    readonly name: string,
    readonly cls = '',
    readonly takesFocus = true,
  ) {}
  add(...kids: El[]): this {
    for (const k of kids) {
      k.parentElement = this;
      this.children.push(k);
    }
    return this;
  }
  private all(): El[] {
    return this.children.flatMap((c) => [c, ...c.all()]);
  }
  matches(selector: string): boolean {
    return selector.split(',').some((s) => {
      const [plain, not] = s.trim().split(':not(');
      if (plain === ':disabled') return this.disabled;
      if (not && this.disabled) return false;
      return plain === this.name || plain === `.${this.cls}`;
    });
  }
  closest(selector: string): El | null {
    if (this.matches(selector)) return this;
    return this.parentElement?.closest(selector) ?? null;
  }
  querySelectorAll(selector: string): El[] {
    return this.all().filter((e) => e.matches(selector));
  }
  querySelector(selector: string): El | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  focus(options?: FocusOptions): void {
    if (!this.takesFocus || !this.isConnected || this.disabled) return;
    this.focusedWith = options;
    doc.activeElement = this;
  }
  scrollIntoView(options: ScrollIntoViewOptions): void {
    this.scrolled.push(options);
  }
  getBoundingClientRect() {
    return this.rect;
  }
  remove(): void {
    const parent = this.parentElement!;
    parent.children = parent.children.filter((c) => c !== this);
    for (const e of [this, ...this.all()]) e.isConnected = false;
  }
}

/** the hand-over's functions, on the stand-in elements */
const { putBackSince } = handOver;
const focusAfterRemoval = handOver.focusAfterRemoval as unknown as (
  control: El,
  scope: string,
  peers: string,
  fallback: string | string[],
  handOn?: { first?: () => { el: El | null; show?: boolean }[] | null; showFallback?: boolean },
) => void;
const putBack = handOver.putBack as unknown as (item: El) => void;
const firstControl = handOver.firstControl as unknown as (item: El) => El;

const body = new El('body', '', false);
const doc = {
  body,
  activeElement: body as El | null,
  querySelector: (s: string) => body.querySelector(s),
};
let frames: (() => void)[] = [];
const drawFrames = () => {
  for (let i = 0; i < 20 && frames.length; i++) {
    const now = frames;
    frames = [];
    for (const f of now) f();
  }
};

beforeEach(() => {
  body.children = [];
  doc.activeElement = body;
  frames = [];
  vi.stubGlobal('document', doc);
  vi.stubGlobal('innerHeight', 800);
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
});
afterEach(() => vi.unstubAllGlobals());

/** a page with a step, a tile list in it, and the undo stack with two toasts */
function page() {
  const select = new El('select');
  const tileDelete = new El('button', 'tile-delete');
  const tile = new El('li', 'tile').add(select, tileDelete);
  const list = new El('ul', '', false).add(tile);
  const step = new El('section', 'step', true).add(list);
  step.rect = { top: -4000, bottom: -3000 };
  const undos = [new El('button', 'undo-run'), new El('button', 'undo-run')];
  const toasts = undos.map((u) => new El('div', 'undo-toast', false).add(u));
  const stack = new El('section', 'undo-toasts', false).add(...toasts);
  body.add(step, stack);
  return { select, tileDelete, tile, step, undos, toasts, stack };
}

describe("an undo toast's Undo and × hand the focus back to where it was", () => {
  it('where the focus was before the stack takes it, before the next toast, without scrolling', () => {
    const { select, undos, toasts } = page();
    undos[1].focus();
    focusAfterRemoval(undos[1], '.undo-toasts', '.undo-run', '.step', { first: () => [{ el: select }] });
    toasts[1].remove();
    doc.activeElement = body;
    drawFrames();
    expect(doc.activeElement).toBe(select);
    expect(select.focusedWith).toEqual({ preventScroll: true });
  });

  it('gone, the nearest element around it that takes the focus (the tile), never the body', () => {
    const { select, tile, undos, toasts } = page();
    const chain = focusChain(select, body);
    expect(chain).toEqual([select, tile, tile.parentElement, tile.parentElement!.parentElement]);
    focusAfterRemoval(undos[1], '.undo-toasts', '.undo-run', [], { first: () => chain.map((el) => ({ el })) });
    select.remove();
    toasts[1].remove();
    drawFrames();
    // the list between them takes no focus: the tile does
    expect(doc.activeElement).toBe(tile);
  });

  it('the item an undo put back comes first, scrolled into view by the browser as Tab would', () => {
    const { select, tile, undos, toasts } = page();
    const since = performance.now();
    putBack(tile);
    expect(putBackSince(since)).toEqual([tile]);
    expect(putBackSince(performance.now() + 1)).toEqual([]);
    expect(firstControl(tile)).toBe(select);
    focusAfterRemoval(undos[1], '.undo-toasts', '.undo-run', '.step', {
      first: () => [{ el: firstControl(tile), show: true }],
    });
    toasts[1].remove();
    drawFrames();
    expect(doc.activeElement).toBe(select);
    expect(select.focusedWith).toEqual({ preventScroll: false });
  });

  it('what the focus is owed to, drawn after the toast went (a class card put back), is waited for', () => {
    const { select, undos, toasts } = page();
    let drawn = false;
    let asked = 0;
    focusAfterRemoval(undos[1], '.undo-toasts', '.undo-run', '.step', {
      first: () => (++asked, drawn ? [{ el: select, show: true }] : null),
    });
    toasts[1].remove();
    frames.splice(0).forEach((f) => f());
    frames.splice(0).forEach((f) => f());
    expect(asked).toBe(2);
    // neither the next toast nor the fallback meanwhile
    expect(doc.activeElement).toBe(body);
    drawn = true;
    drawFrames();
    expect(doc.activeElement).toBe(select);
  });

  it('with nowhere to go back to, the next toast; with no toast left, the fallback, scrolled into view', () => {
    const { undos, toasts, step } = page();
    focusAfterRemoval(undos[1], '.undo-toasts', '.undo-run', '.step', { first: () => [], showFallback: true });
    toasts[1].remove();
    drawFrames();
    expect(doc.activeElement).toBe(undos[0]);

    focusAfterRemoval(undos[0], '.undo-toasts', '.undo-run', '.step', { first: () => [], showFallback: true });
    toasts[0].remove();
    doc.activeElement = body;
    drawFrames();
    // the Data step, 4,000 px above: it was focused out of sight (the step bar switched to it)
    expect(doc.activeElement).toBe(step);
    expect(step.scrolled).toEqual([{ block: 'start' }]);
  });

  it('without a fallback (×), nothing else takes it: the step is not jumped to', () => {
    const { undos, toasts, step } = page();
    focusAfterRemoval(undos[1], '.undo-toasts', '.undo-dismiss', [], { first: () => [] });
    toasts.forEach((t) => t.remove());
    drawFrames();
    expect(doc.activeElement).not.toBe(step);
    expect(step.scrolled).toEqual([]);
  });

  it('the hand-over of other controls is as it was: the fallback focused without scrolling', () => {
    const { tileDelete, tile, step } = page();
    focusAfterRemoval(tileDelete, 'ul', '.tile-delete', '.step');
    tileDelete.remove();
    drawFrames();
    expect(doc.activeElement).toBe(step);
    expect(step.focusedWith).toEqual({ preventScroll: true });
    expect(step.scrolled).toEqual([]);
    expect(tile.focusedWith).toBeUndefined();
  });
});

describe('Alt+Z takes the focus to the newest toast', () => {
  const key = (k: Partial<KeyboardEvent>, typing = false) =>
    isReachKey({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...k }, typing);

  it('by the letter, or the key place where the layout has no Latin letters; not with Ctrl, ⌘ or Shift', () => {
    expect(key({ key: 'z', code: 'KeyZ', altKey: true })).toBe(true);
    expect(key({ key: 'z', code: 'KeyY', altKey: true })).toBe(true);
    expect(key({ key: 'я', code: 'KeyZ', altKey: true })).toBe(true);
    // Option+Z on a Mac
    expect(key({ key: 'Ω', code: 'KeyZ', altKey: true })).toBe(true);
    expect(key({ key: 'z', code: 'KeyZ' })).toBe(false);
    expect(key({ key: 'y', code: 'KeyZ', altKey: true })).toBe(false);
    // AltGr is Ctrl+Alt on Windows; Ctrl+Alt+Z turns ChromeVox on
    expect(key({ key: 'z', code: 'KeyZ', altKey: true, ctrlKey: true })).toBe(false);
    expect(key({ key: 'z', code: 'KeyZ', altKey: true, metaKey: true })).toBe(false);
    expect(key({ key: 'Z', code: 'KeyZ', altKey: true, shiftKey: true })).toBe(false);
  });

  it('in a text field only where the key types nothing (Option+Z types Ω on a Mac)', () => {
    expect(key({ key: 'z', code: 'KeyZ', altKey: true }, true)).toBe(true);
    expect(key({ key: 'Ω', code: 'KeyZ', altKey: true }, true)).toBe(false);
  });

  it("to the newest toast's Undo, its × where it offers none, nothing without a toast", () => {
    const { undos, stack } = page();
    expect(newestToastControl(stack as unknown as ParentNode)).toBe(undos[1]);
    const dismiss = new El('button', 'undo-dismiss');
    stack.add(new El('div', 'undo-toast', false).add(dismiss));
    expect(newestToastControl(stack as unknown as ParentNode)).toBe(dismiss);
    expect(newestToastControl(new El('section', 'undo-toasts') as unknown as ParentNode)).toBeNull();
    expect(newestToastControl(null)).toBeNull();
  });
});

describe('Ctrl+Z with the focus in the undo stack', () => {
  /** a stack of toasts by id, each with an Undo button (a plain object: as much of the DOM as it reads) */
  function stackOf(...ids: string[]) {
    const toasts = ids.map((id) => {
      const button = { id: `${id}-undo` };
      return { button, getAttribute: () => `${id}-label`, querySelector: () => button };
    });
    const inside = new Set<unknown>(toasts.flatMap((t) => [t, t.button]));
    const stack = { contains: (x: unknown) => inside.has(x), querySelectorAll: () => toasts };
    return { stack: stack as unknown as Element, toasts };
  }

  it("presses the undone toast's own Undo, so the focus is handed on as by a click", () => {
    const { stack, toasts } = stackOf('a', 'b');
    const focused = toasts[0].button as unknown as Element;
    expect(undoButtonInFocus(stack, 'b', focused)).toBe(toasts[1].button);
    expect(undoButtonInFocus(stack, 'a', focused)).toBe(toasts[0].button);
  });

  it('leaves the focus where the person works when it is not in the stack, or the toast is folded away', () => {
    const { stack, toasts } = stackOf('a', 'b');
    expect(undoButtonInFocus(stack, 'b', { id: 'a tile' } as unknown as Element)).toBeNull();
    expect(undoButtonInFocus(stack, 'b', null)).toBeNull();
    expect(undoButtonInFocus(null, 'b', toasts[0].button as unknown as Element)).toBeNull();
    expect(undoButtonInFocus(stack, 'folded', toasts[0].button as unknown as Element)).toBeNull();
  });
});
