import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { UndoEntry } from '../src/state/undo';
import { Toasts } from '../src/ui/UndoToasts';
import { isUndoKey, toastStack } from '../src/ui/toast-stack';

const entry = (n: number, state: UndoEntry['state'] = 'pending'): UndoEntry => ({
  id: `u${n}`,
  label: `Deleted image ${n}.jpg`,
  expiresAt: 0,
  state,
});
const key = (k: Partial<KeyboardEvent>) =>
  isUndoKey({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...k });

describe('a burst of deletions does not stack its toasts off the screen', () => {
  it('shows the newest three and folds the rest into one row', () => {
    const entries = Array.from({ length: 15 }, (_, i) => entry(i + 1));
    const { shown, folded } = toastStack(entries, false);
    expect(shown.map((e) => e.id)).toEqual(['u13', 'u14', 'u15']);
    expect(folded).toBe(12);
    expect(toastStack(entries, true).shown).toHaveLength(15);
    expect(toastStack(entries.slice(0, 3), false).folded).toBe(0);
  });

  it('keeps an older undo in view while it runs or after it failed: its reason must stay readable', () => {
    const entries = [entry(1, 'failed'), entry(2), entry(3, 'undoing'), entry(4), entry(5), entry(6)];
    const { shown, folded } = toastStack(entries, false);
    expect(shown.map((e) => e.id)).toEqual(['u1', 'u3', 'u4', 'u5', 'u6']);
    expect(folded).toBe(1);
  });

  it('the folded row is a button that says how many and is expandable', () => {
    const html = renderToStaticMarkup(
      createElement(Toasts, { entries: Array.from({ length: 6 }, (_, i) => entry(i + 1)), handingOn: () => () => {} }),
    );
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*>Show 3 older undos<\/button>/);
    expect(html.match(/role="group"/g)).toHaveLength(3);
    expect(html).toContain('Deleted image 6.jpg');
    expect(html).not.toContain('Deleted image 1.jpg');
  });
});

describe('a failed undo', () => {
  const render = (e: UndoEntry) =>
    renderToStaticMarkup(createElement(Toasts, { entries: [e], handingOn: () => () => {} }));

  it('refused for a reason that can pass, still offers Undo beside its reason', () => {
    const html = render({ ...entry(1, 'failed'), error: 'Training is running: undo once it has stopped' });
    expect(html).toContain('Deleted image 1.jpg: undo failed (Training is running: undo once it has stopped)');
    expect(html).toMatch(/<button[^>]*class="undo-run"[^>]*>Undo<\/button>/);
  });

  it('refused for good, offers only to close it', () => {
    const html = render({ ...entry(2, 'failed'), error: 'a run has started since', withoutUndo: 'for good' });
    expect(html).toContain('Deleted image 2.jpg: can no longer be undone (a run has started since)');
    expect(html).not.toContain('undo-run');
    expect(html).toMatch(/class="undo-toast undo-without-undo"/);
    expect(html).toMatch(/<button[^>]*class="ghost undo-dismiss"[^>]*aria-label="Dismiss: Deleted image 2.jpg"/);
  });

  it("refused as another project's, offers only to close it, saying what to undo first", () => {
    const error = 'this belongs to the previous project: undo “Started a new project” first';
    const html = render({ ...entry(3, 'failed'), error, withoutUndo: 'until its project is back' });
    expect(html).toContain(`Deleted image 3.jpg: undo failed (${error})`);
    expect(html).not.toContain('undo-run');
  });
});

describe('Ctrl+Z', () => {
  it('undoes by the letter on Latin layouts and by the key place on others', () => {
    expect(key({ key: 'z', code: 'KeyZ', ctrlKey: true })).toBe(true);
    expect(key({ key: 'Z', code: 'KeyZ', metaKey: true })).toBe(true);
    // Russian layout: the Z key types я
    expect(key({ key: 'я', code: 'KeyZ', ctrlKey: true })).toBe(true);
    // German layout: z sits where US has y; by the letter, not the place
    expect(key({ key: 'z', code: 'KeyY', ctrlKey: true })).toBe(true);
    expect(key({ key: 'y', code: 'KeyZ', ctrlKey: true })).toBe(false);
    expect(key({ key: 'z', code: 'KeyZ', ctrlKey: true, shiftKey: true })).toBe(false);
    // AltGr is Ctrl+Alt on Windows: AltGr+Z types a character, it is not an undo
    expect(key({ key: 'z', code: 'KeyZ', ctrlKey: true, altKey: true })).toBe(false);
    expect(key({ key: 'z', code: 'KeyZ' })).toBe(false);
  });
});
