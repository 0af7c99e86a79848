import { describe, expect, it } from 'vitest';
import { contrast, DARK_RULES, declared, px, rgb, rootVar, rulesFor } from './shell-css';

/** A custom property as the dark scheme resolves it: its own values first, the light ones' where it sets none. */
function darkVar(name: string): string {
  const own = DARK_RULES.find((r) => r.selectors.includes(':root') && declared(r, name) !== undefined);
  const raw = own
    ? declared(own, name)!
    : declared(
        rulesFor(':root').find((r) => declared(r, name) !== undefined)!,
        name,
      )!;
  return raw.replace(/var\((--[\w-]+)\)/g, (_, inner: string) => darkVar(inner));
}

/** The one value a rule with exactly this selector declares for the property. */
const value = (selector: string, prop: string): string | undefined =>
  rulesFor(selector)
    .map((r) => declared(r, prop))
    .find((v) => v !== undefined);

describe.each([
  ['light', rootVar],
  ['dark', darkVar],
] as const)('the undo toast in the %s scheme', (_, color) => {
  const c = (name: string) => rgb(color(name));

  it('is told apart from the panels and the page it floats over', () => {
    for (const under of ['--surface', '--canvas'])
      expect(contrast(c('--toast-bg'), c(under)), under).toBeGreaterThanOrEqual(3);
  });

  it('keeps its words, its Undo and its ring readable (WCAG 1.4.3, 1.4.11)', () => {
    expect(contrast(c('--toast-ink'), c('--toast-bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('--toast-ink'), c('--toast-button-bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('--toast-button-line'), c('--toast-bg'))).toBeGreaterThanOrEqual(3);
    expect(contrast(c('--toast-focus'), c('--toast-bg'))).toBeGreaterThanOrEqual(3);
  });

  it('takes its colours from the variables, none written into the toast itself', () => {
    for (const selector of ['.undo-toast', '.undo-more'])
      for (const prop of ['color', 'background'])
        expect(value(selector, prop), `${selector} ${prop}`).toMatch(/^var\(--toast-/);
  });
});

describe('the undo toast in the dark scheme', () => {
  it('has an edge the page shows: 3:1 on the page and the panels', () => {
    for (const under of ['--surface', '--canvas'])
      expect(contrast(rgb(darkVar('--toast-edge')), rgb(darkVar(under)))).toBeGreaterThanOrEqual(3);
  });
});

describe('forced colours, which drop backgrounds and shadows', () => {
  it('still outline each toast and the row of older ones', () => {
    for (const selector of ['.undo-toast', '.undo-more']) expect(value(selector, 'border')).toMatch(/^1px solid /);
  });
});

describe('the stack on a phone', () => {
  it('is centred by its margins, as wide as its words up to 560 px: not half the screen at most', () => {
    expect(value('.undo-toasts', 'transform')).toBeUndefined();
    expect(value('.undo-toasts', 'width')).toBe('fit-content');
    expect(value('.undo-toasts', 'margin-inline')).toBe('auto');
    for (const side of ['left', 'right']) expect(px(value('.undo-toasts', side)!)).toBe(12);
    expect(px(value('.undo-toasts', 'max-width')!)).toBe(560);
  });
});
