import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { all, parse } from './a11y-html';
import { ConfirmDialog } from '../src/ui/ConfirmDialog';

// "Start new project" clears the project, and looked like any other button beside Cancel.

const buttons = (danger?: boolean) =>
  all(
    parse(
      renderToStaticMarkup(
        createElement(ConfirmDialog, {
          title: 'Start a new project?',
          confirm: 'Start new project',
          danger,
          onConfirm() {},
          onCancel() {},
          children: 'The current project is replaced by an empty one.',
        }),
      ),
    ),
    (n) => n.tag === 'button',
  );

describe('a confirm that destroys looks it', () => {
  it('its confirm is styled as danger; Cancel stays the quiet one', () => {
    const [confirm, cancel] = buttons(true);
    expect(confirm.text).toBe('Start new project');
    expect(confirm.attrs.class).toBe('danger');
    expect(cancel.attrs.class).toBe('ghost');
  });

  it('one that does not (Download anyway) stays a plain button', () => {
    expect(buttons()[0].attrs.class).toBeUndefined();
  });

  /** WCAG relative luminance of #rrggbb */
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  it('white on its red reads at 4.5:1 or more, in the light and the dark scheme', () => {
    const css = readFileSync(new URL('../src/ui/review.css', import.meta.url), 'utf8');
    const light = /\.confirm-dialog\s*{\s*--danger-strong:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    const dark = /prefers-color-scheme: dark\)\s*{\s*\.confirm-dialog\s*{\s*--danger-strong:\s*(#[0-9a-f]{6})/i.exec(
      css,
    )?.[1];
    if (!light || !dark) throw new Error('no --danger-strong for the light and the dark scheme in review.css');
    expect(css).toMatch(/\.confirm-dialog button\.danger\s*{[^}]*background:\s*var\(--danger-strong\)/);
    for (const red of [light, dark]) expect(contrast(red, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // and told from the dark dialog's surface (#1f2937) by its fill, 3:1 as for any control's edge
    expect(contrast(dark, '#1f2937')).toBeGreaterThanOrEqual(3);
  });
});
