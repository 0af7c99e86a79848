import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UndoEntry } from '../src/state/undo';
import { PHONE_QUERY } from '../src/ui/phone';
import { Toasts } from '../src/ui/UndoToasts';
import { parse } from './a11y-html';

// Alt+Z takes the focus to the newest toast's Undo from anywhere on the page; only screen readers
// heard of it (aria-keyshortcuts). A desktop shows it beside that one Undo; a phone has no keyboard.

const entry = (n: number, more: Partial<UndoEntry> = {}): UndoEntry => ({
  id: `u${n}`,
  label: `Deleted image ${n}.jpg`,
  expiresAt: 0,
  state: 'pending',
  ...more,
});

function onPhone(phone: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: phone && query === PHONE_QUERY,
    addEventListener() {},
    removeEventListener() {},
  }));
}
afterEach(() => vi.unstubAllGlobals());

/** each toast's label and the key hints shown in it */
function toasts(entries: UndoEntry[]) {
  const html = renderToStaticMarkup(createElement(Toasts, { entries, handingOn: () => () => {} }));
  const groups = [...html.matchAll(/<div[^>]*role="group"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1]);
  return groups.map((g) => ({
    label: parse(g).text.match(/Deleted image \d\.jpg/)?.[0],
    hints: [...g.matchAll(/<kbd[^>]*>([^<]*)<\/kbd>/g)].map((m) => m[1]),
    undo: g.match(/<button[^>]*class="undo-run"[^>]*>/)?.[0] ?? '',
  }));
}

describe('the undo shortcut shown on screen', () => {
  it('on a desktop, beside the newest toast’s Undo only, which says it in its tooltip', () => {
    onPhone(false);
    const shown = toasts([entry(1), entry(2), entry(3)]);
    expect(shown.map((t) => t.hints)).toEqual([[], [], ['Alt+Z']]);
    expect(shown[2].undo).toMatch(/title="[^"]*Alt\+Z/);
    expect(shown[2].undo).toMatch(/aria-keyshortcuts="[^"]*Alt\+Z/);
    for (const older of shown.slice(0, 2)) {
      expect(older.undo).not.toMatch(/title=/);
      expect(older.undo).not.toContain('Alt+Z');
    }
  });

  it('hidden from screen readers, which hear it from aria-keyshortcuts instead', () => {
    onPhone(false);
    const html = renderToStaticMarkup(createElement(Toasts, { entries: [entry(1)], handingOn: () => () => {} }));
    expect(html).toMatch(/<kbd[^>]*aria-hidden="true"[^>]*>Alt\+Z<\/kbd>/);
  });

  it('not on a toast that offers no Undo (refused for good)', () => {
    onPhone(false);
    const shown = toasts([entry(1), entry(2, { state: 'failed', error: 'x', withoutUndo: 'for good' })]);
    expect(shown.map((t) => t.hints)).toEqual([[], []]);
  });

  it('not on a phone: no keyboard to press it on', () => {
    onPhone(true);
    const shown = toasts([entry(1), entry(2)]);
    expect(shown.map((t) => t.hints)).toEqual([[], []]);
    expect(shown[1].undo).not.toMatch(/title=/);
  });
});
