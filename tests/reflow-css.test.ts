import type { AtRule, Rule } from 'postcss';
import { describe, expect, it } from 'vitest';
import { declared, px, SHEETS } from './shell-css';

/*
 * The page at 320 px wide and 256 px high (a 1280 × 1024 screen zoomed to 400%, WCAG 1.4.10), in
 * forced colours, and for a screen reader: what the stylesheets say, read without a browser
 * (e2e/reflow.spec.ts measures the page itself).
 */

const RULES: Rule[] = [];
for (const { root: sheet } of SHEETS)
  sheet.walkRules((r) => {
    if (r.parent?.type === 'atrule' && /keyframes$/.test((r.parent as AtRule).name)) return;
    RULES.push(r);
  });

/** a rule's file and line, for a failure's message */
const where = (r: Rule) => `${r.source?.input.from ?? '?'}:${r.source?.start?.line}`;
const mediaOf = (r: Rule): string => (r.parent?.type === 'atrule' ? (r.parent as AtRule).params : '');
const inMedia = (test: RegExp) => (r: Rule) => test.test(mediaOf(r));
const narrowOnly = inMedia(/max-width/);
/** A rule that holds at 320 px whatever the window's height, scheme or pointer. */
const alwaysAt320 = (r: Rule) => {
  const media = mediaOf(r);
  if (!media) return true;
  const least = /min-width:\s*(\d+)px/.exec(media);
  return !least && !/max-width|max-height|forced-colors|prefers-color-scheme|pointer|hover/.test(media);
};
/** Whether two properties set the same thing (a shorthand and its longhands). */
const overlap = (a: string, b: string) =>
  a === b ||
  a.startsWith(`${b}-`) ||
  b.startsWith(`${a}-`) ||
  (/^grid-template-(columns|rows)$/.test(a) && /^grid(-template)?$/.test(b)) ||
  (/^grid-template-(columns|rows)$/.test(b) && /^grid(-template)?$/.test(a)) ||
  (a === 'inset' && /^(top|right|bottom|left)$/.test(b)) ||
  (b === 'inset' && /^(top|right|bottom|left)$/.test(a));
const props = (r: Rule) => r.nodes.flatMap((n) => (n.type === 'decl' ? [n.prop] : []));

const rulesIn = (selector: string, where: (r: Rule) => boolean) =>
  RULES.filter((r) => r.selectors.includes(selector) && where(r));
const valueIn = (selector: string, prop: string, where: (r: Rule) => boolean) =>
  rulesIn(selector, where)
    .map((r) => declared(r, prop))
    .filter((v): v is string => v !== undefined)
    .at(-1);

describe('narrow-screen rules are not undone by the rules for every width', () => {
  it('no rule of a max-width block is overridden by a later one with the same selector that holds at every width', () => {
    const dead: string[] = [];
    RULES.forEach((narrow, i) => {
      if (!narrowOnly(narrow)) return;
      for (const later of RULES.slice(i + 1).filter(alwaysAt320))
        for (const sel of narrow.selectors.filter((s) => later.selectors.includes(s)))
          for (const p of props(narrow))
            for (const q of props(later))
              if (overlap(p, q)) dead.push(`${sel} { ${p} } at ${where(narrow)}, undone at ${where(later)}`);
    });
    // at 320 px the panel kept its 24 px sides and the class cards their 300 px: Delete was cut off
    expect(dead).toEqual([]);
  });

  it('the class cards are one column on a phone and never wider than the panel', () => {
    expect(valueIn('.classes', 'grid-template-columns', narrowOnly)).toBe('minmax(0, 1fr)');
    const columns = valueIn('.classes', 'grid-template-columns', alwaysAt320)!;
    const least = /minmax\((.+),\s*1fr\)\)$/.exec(columns)?.[1];
    expect(least, columns).toBeDefined();
    // 320 px less main's 12 px and the panel's 12 px each side
    expect(px(least!, {}, 272)).toBeLessThanOrEqual(272);
  });
});

describe('a short window (320 × 256) keeps at least half of it for the page', () => {
  const short = inMedia(/max-height:\s*400px/);

  it('the step bar scrolls away with the page instead of sticking', () => {
    for (const sel of ['.chrome', 'nav.steps']) expect(valueIn(sel, 'position', short), sel).toBe('static');
    // and the page no longer scrolls what gets the focus below a bar that is not there
    expect(valueIn('html', 'scroll-padding-top', short)).not.toContain('--chrome-h');
  });

  it('the undo toasts keep to one compact row, the stack to under half the height', () => {
    const padding = valueIn('.undo-toast', 'padding', short)!;
    for (const side of padding.split(/\s+/)) expect(px(side)).toBeLessThanOrEqual(10);
    expect(valueIn('.undo-toast', 'font-size', short)).toBe('var(--text-sm)');
    const most = valueIn('.undo-toasts', 'max-height', short)!;
    const bottom = px(valueIn('.undo-toasts', 'bottom', alwaysAt320)!);
    expect(most).toMatch(/^\d+vh$/);
    expect((parseFloat(most) / 100) * 256 + bottom).toBeLessThanOrEqual(128);
  });
});

describe('forced colours tell a selected image from the others', () => {
  const forced = inMedia(/forced-colors:\s*active/);

  it('by a thicker Highlight border and a mark, not by colour alone', () => {
    const border = valueIn('.grid-cell.selected', 'border', forced)!;
    expect(border).toMatch(/Highlight/);
    const plain = valueIn('.grid-cell', 'border-color', forced);
    expect(plain).toMatch(/^(CanvasText|Canvas)$/);
    expect(parseFloat(border)).toBeGreaterThan(parseFloat(valueIn('.grid-cell', 'border', alwaysAt320)!));
    // the mark is drawn, not read: the option already says it is selected
    expect(valueIn('.grid-cell.selected::after', 'content', forced)).toBe("'✓' / ''");
  });
});

describe('screen readers hear words, not the drawing', () => {
  it("the run's stages are joined by an arrow with no spoken name", () => {
    expect(valueIn('.stages li:not(:last-child)::after', 'content', alwaysAt320)).toBe("'→' / ''");
  });
});

describe("the step bar's names on a phone", () => {
  it('break only between words ("Evaluat / e" at 320 px: every li may break anywhere)', () => {
    expect(valueIn('.step-name', 'overflow-wrap', (r) => alwaysAt320(r) || narrowOnly(r))).toBe('normal');
  });
});

describe('the keyboard ring', () => {
  it('is the 3 px one on what script focuses (tabindex -1) and on a dialog, not the browser thin one', () => {
    const ring = RULES.find((r) => r.selectors.includes('button:focus-visible') && alwaysAt320(r))!;
    expect(declared(ring, 'outline')).toBe('3px solid var(--focus)');
    expect(ring.selectors).toContain('dialog:focus-visible');
    expect(ring.selectors.some((s) => /\[tabindex='-1'\]\)?:focus-visible$/.test(s))).toBe(true);
  });
});
