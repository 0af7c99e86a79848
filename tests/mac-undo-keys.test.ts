import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UndoEntry } from '../src/state/undo';
import { isMac, undoKeyWords } from '../src/ui/mac-keys';
import { isRedoKey, isUndoKey } from '../src/ui/toast-stack';
import { keepsOwnUndo } from '../src/ui/undo-key';

// On a Mac ⌘Z undoes and the keyboard calls Alt ⌥ (Option): the toasts said Ctrl+Z and Alt+Z.

describe('a Mac, told from the browser', () => {
  it('by userAgentData where the browser has it, else by platform, else by the user agent', () => {
    expect(isMac({ userAgentData: { platform: 'macOS' }, platform: 'MacIntel' })).toBe(true);
    expect(isMac({ userAgentData: { platform: 'Windows' }, platform: 'Win32' })).toBe(false);
    expect(isMac({ platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)' })).toBe(true);
    // an iPad asks for desktop sites as a Mac; one with a keyboard has ⌘ and ⌥ too
    expect(isMac({ platform: 'iPad' })).toBe(true);
    expect(isMac({ platform: '', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Firefox/120.0' })).toBe(true);
    // an empty userAgentData platform (Chromium gives one in some contexts) does not hide the rest
    expect(isMac({ userAgentData: { platform: '' }, platform: 'MacIntel' })).toBe(true);
  });

  it('not Windows, Linux, ChromeOS or Android, nor where there is no navigator (the CLI, tests)', () => {
    expect(isMac({ platform: 'Win32', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })).toBe(false);
    expect(isMac({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' })).toBe(
      false,
    );
    expect(isMac({ userAgentData: { platform: 'Chrome OS' }, platform: 'Linux x86_64' })).toBe(false);
    expect(isMac({ userAgentData: { platform: 'Android' }, platform: 'Linux armv8l' })).toBe(false);
    expect(isMac(undefined)).toBe(false);
  });
});

describe('the undo keys, as the keyboard names them', () => {
  it('on a Mac: ⌥Z shown, ⌘Z to undo, Meta+Z to a screen reader', () => {
    expect(undoKeyWords(true)).toEqual({
      reach: '⌥Z',
      tip: '⌥Z (Option+Z): jump here from anywhere on the page. ⌘Z: undo the newest.',
      undo: 'Meta+Z',
    });
  });

  it('elsewhere as before: Alt+Z and Ctrl+Z', () => {
    expect(undoKeyWords(false)).toEqual({
      reach: 'Alt+Z',
      tip: 'Alt+Z: jump here from anywhere on the page. Ctrl+Z: undo the newest.',
      undo: 'Control+Z',
    });
  });

  it('⌘Z undoes as Ctrl+Z does, and neither is taken from a text field, whose own undo of typing wins', () => {
    const key = { key: 'z', code: 'KeyZ', ctrlKey: false, metaKey: true, shiftKey: false, altKey: false };
    expect(isUndoKey(key)).toBe(true);
    // ⌘⇧Z is redo on a Mac
    expect(isUndoKey({ ...key, shiftKey: true, key: 'Z' })).toBe(false);
    // redo (⌘⇧Z, Ctrl+Y) is named too: outside a text field the page keeps both from the browser
    expect(isRedoKey({ ...key, shiftKey: true, key: 'Z' })).toBe(true);
    expect(isRedoKey({ ...key, metaKey: false, ctrlKey: true, key: 'y', code: 'KeyY' })).toBe(true);
    expect(isRedoKey(key)).toBe(false);
    expect(isRedoKey({ ...key, metaKey: false, key: 'y', code: 'KeyY' })).toBe(false);
    expect(keepsOwnUndo({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(keepsOwnUndo({ tagName: 'TEXTAREA' })).toBe(true);
  });
});

const entry = (n: number): UndoEntry => ({
  id: `u${n}`,
  label: `Deleted image ${n}.jpg`,
  expiresAt: 0,
  state: 'pending',
});

/** the toasts' markup in a browser whose navigator is `nav`, on a desktop (a phone shows no key) */
async function toastsOn(nav: object): Promise<string> {
  vi.stubGlobal('navigator', nav);
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
  // the platform is read once a page: a fresh module for each browser here
  vi.resetModules();
  const { Toasts } = await import('../src/ui/UndoToasts');
  return renderToStaticMarkup(createElement(Toasts, { entries: [entry(1), entry(2)], handingOn: () => () => {} }));
}
afterEach(() => vi.unstubAllGlobals());

const undoButtons = (html: string) => [...html.matchAll(/<button[^>]*class="undo-run"[^>]*>/g)].map((m) => m[0]);
const keysShown = (html: string) => [...html.matchAll(/<kbd[^>]*>([^<]*)<\/kbd>/g)].map((m) => m[1]);

describe('the toasts on a Mac', () => {
  it('show ⌥Z beside the newest Undo, say ⌘Z in its tooltip and Meta+Z to screen readers', async () => {
    const html = await toastsOn({ platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)' });
    expect(keysShown(html)).toEqual(['⌥Z']);
    const [older, newest] = undoButtons(html);
    expect(newest).toContain('aria-keyshortcuts="Meta+Z Alt+Z"');
    expect(newest).toContain('title="⌥Z (Option+Z): jump here from anywhere on the page. ⌘Z: undo the newest."');
    expect(older).toContain('aria-keyshortcuts="Meta+Z"');
    expect(html).not.toContain('Ctrl+Z');
    expect(html).not.toContain('Control+Z');
  });

  it('elsewhere unchanged: Alt+Z, Ctrl+Z, Control+Z', async () => {
    const html = await toastsOn({ platform: 'Win32', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' });
    expect(keysShown(html)).toEqual(['Alt+Z']);
    const [older, newest] = undoButtons(html);
    expect(newest).toContain('aria-keyshortcuts="Control+Z Alt+Z"');
    expect(newest).toContain('title="Alt+Z: jump here from anywhere on the page. Ctrl+Z: undo the newest."');
    expect(older).toContain('aria-keyshortcuts="Control+Z"');
    expect(html).not.toContain('⌥');
  });
});
