import { readFileSync } from 'node:fs';
import type { Rule } from 'postcss';
import { describe, expect, it } from 'vitest';
import { contrast, DARK_RULES, darkRootVar, declared, over, px, rgb, rootVar, RULES, rulesFor } from './shell-css';

/** A rule for a short window, where the header does not stick (tests/reflow-css.test.ts reads those). */
const shortWindow = (r: Rule) =>
  r.parent?.type === 'atrule' && /max-height/.test((r.parent as { params: string }).params);

/** The one rule with this selector that declares the property (outside or inside a width's media query). */
const value = (selector: string, prop: string): string => {
  const found = rulesFor(selector)
    .filter((r) => !shortWindow(r))
    .map((r) => declared(r, prop))
    .filter((v): v is string => v !== undefined);
  expect(found, `${selector} { ${prop} }`).toHaveLength(1);
  return found[0];
};

describe('the sticky header hides no focused control (WCAG 2.4.11)', () => {
  it('the page scrolls what gets the focus to below the header, by its measured height', () => {
    const padding = value('html', 'scroll-padding-top');
    expect(padding).toContain('var(--chrome-h)');
    for (const chrome of [56, 120, 180]) expect(px(padding, { '--chrome-h': `${chrome}px` })).toBeGreaterThan(chrome);
  });

  it('--chrome-h is kept on the root element, where the scroll padding reads it', () => {
    const hook = readFileSync(new URL('../src/ui/layout/useChromeHeight.ts', import.meta.url), 'utf8');
    expect(hook).toMatch(/const root = document\.documentElement;[\s\S]*root\.style\.setProperty\('--chrome-h'/);
  });

  it("a step picked in the step bar still lines up with the Deploy column's top (the padding is not counted twice)", () => {
    for (const chrome of [56, 120]) {
      const vars = { '--chrome-h': `${chrome}px` };
      const landsAt = px(value('html', 'scroll-padding-top'), vars) + px(value('.step', 'scroll-margin-top'), vars);
      expect(landsAt).toBe(px(value('.step-deploy', 'top'), vars));
    }
  });
});

describe('reflow at 320 px (WCAG 1.4.10)', () => {
  it("the charts' columns are never wider than the step that holds them", () => {
    const columns = value('.charts', 'grid-template-columns');
    const least = /minmax\((.+),\s*1fr\)\)$/.exec(columns)?.[1];
    expect(least, columns).toBeDefined();
    // 320 px less the phone's padding (main 12 px, the panel 12 px each side)
    for (const width of [272, 296, 600]) expect(px(least!, {}, width)).toBeLessThanOrEqual(width);
    // and a wide screen still puts two side by side
    expect(px(least!, {}, 1000)).toBeLessThanOrEqual(500);
  });
});

describe("the confusion matrix's cells keep their numbers readable (WCAG 1.4.3)", () => {
  it.each(['.confusion td.off', '.confusion td.diag'])('%s: the ink on every shade, 4.5:1 at least', (selector) => {
    const background = value(selector, 'background');
    const m = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*(.+)\)$/.exec(background);
    expect(m, background).not.toBeNull();
    const colour = [Number(m![1]), Number(m![2]), Number(m![3])] as [number, number, number];
    const ink = rgb(rootVar('--ink'));
    const surface = rgb(rootVar('--surface'));
    for (let shade = 0; shade <= 1.0001; shade += 0.05) {
      const alpha = px(m![4], { '--shade': String(shade) });
      expect(contrast(ink, over(colour, alpha, surface)), `shade ${shade.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("the step bar's focus ring shows whole (WCAG 2.4.7)", () => {
  it('is drawn inside each link: the bar scrolls sideways, and cut what lay outside it to two thin lines', () => {
    expect(value('nav.steps ol', 'overflow-x')).toBe('auto');
    const ring = value('nav.steps a:focus-visible', 'outline');
    const width = px(/^(\S+)/.exec(ring)![1], {});
    expect(ring).toContain('var(--focus)');
    // the ring's outer edge stays inside the link's box: the offset takes back at least its width
    expect(px(value('nav.steps a:focus-visible', 'outline-offset'), {})).toBeLessThanOrEqual(-width);
    // in both colour schemes: the dark one sets its own --focus, and nothing of its own for the ring
    expect(darkRootVar('--focus')).not.toBe(rootVar('--focus'));
    expect(DARK_RULES.filter((r) => r.selectors.some((s) => s.startsWith('nav.steps a')))).toEqual([]);
  });
});

/** where a media query sets it back: the bar (or the header) scrolls away there */
const inMedia = (selector: string, query: RegExp) =>
  RULES.filter(
    (r) =>
      r.selectors.includes(selector) &&
      r.parent?.type === 'atrule' &&
      query.test((r.parent as { params: string }).params),
  )
    .map((r) => [declared(r, 'scroll-margin-top'), declared(r, 'scroll-margin-bottom')])
    .filter((margins) => margins.some((m) => m !== undefined));

const HEADER_CONTROLS = 'header.top :is(a, button, summary, input, select)';

describe('a control in the sticky bar or header getting the focus leaves the page where it is', () => {
  it.each(['nav.steps a', HEADER_CONTROLS])(
    "%s: the area kept in view lies just under the bar, clear of the page's scroll padding",
    (selector) => {
      // the wide screen's rule, where the whole chrome sticks
      const margin = (prop: string) =>
        declared(
          rulesFor(selector).find((r) => r.parent?.type !== 'atrule')!,
          prop,
        )!;
      for (const chrome of [56, 108, 180]) {
        const vars = { '--chrome-h': `${chrome}px` };
        const padding = px(value('html', 'scroll-padding-top'), vars);
        // a control anywhere in the chrome (0 to its bottom), as the browser reads it with its margins
        const top = 0 - px(margin('scroll-margin-top'), vars);
        const bottom = chrome + px(margin('scroll-margin-bottom'), vars);
        expect(top, `${chrome} px bar`).toBeGreaterThanOrEqual(padding);
        expect(bottom, `${chrome} px bar`).toBeLessThanOrEqual(2 * padding);
        expect(bottom).toBeGreaterThan(top);
      }
    },
  );

  it('where the bar scrolls away (a short window) the browser brings a focused control back into view', () => {
    expect(inMedia('nav.steps a', /max-height/)).toEqual([['0', '0']]);
    expect(inMedia(HEADER_CONTROLS, /max-height/)).toEqual([['0', '0']]);
  });

  it('on a phone, where the header scrolls away and the step bar stays, only the header is set back', () => {
    expect(inMedia(HEADER_CONTROLS, /max-width: 720px/)).toEqual([['0', '0']]);
    expect(inMedia('nav.steps a', /max-width: 720px/)).toEqual([]);
  });
});
