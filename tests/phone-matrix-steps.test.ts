import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { all, parse, seed } from './a11y-html';
import { declared, RULES } from './shell-css';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { ConfusionTable, nextHeads, namesHeads } = await import('../src/ui/ConfusionMatrix');
const { sideEdges } = await import('../src/ui/ScrollingTable');
const { StepNav } = await import('../src/ui/layout/StepNav');
const { useTraining } = await import('../src/state/training');

type Node = ReturnType<typeof parse>;

const CLASSES = ['english_springer', 'cassette_player', 'chain saw'];
const MATRIX = [
  [2, 0, 1],
  [0, 3, 0],
  [1, 0, 2],
];

/** the table's markup with its column headings by name or by number */
const table = (numbered: boolean) =>
  renderToStaticMarkup(
    createElement('table', null, createElement(ConfusionTable, { classes: CLASSES, matrix: MATRIX, numbered })),
  );

/** An element's text less that of its descendants that `hidden` says are hidden */
function textLess(el: Node, hidden: (n: Node) => boolean): string {
  let text = el.text;
  for (const h of all(el, hidden)) text = text.replace(h.text, '');
  return text.replace(/\s+/g, ' ').trim();
}

/** What a screen reader reads of an element */
const spoken = (el: Node) => textLess(el, (n) => n.attrs['aria-hidden'] === 'true');

/** What a sighted person reads of an element */
const seen = (el: Node) => textLess(el, (n) => (n.attrs.class ?? '').split(' ').includes('visually-hidden'));

const headings = (html: string, scope: 'col' | 'row') =>
  all(parse(html), (n) => n.tag === 'th' && n.attrs.scope === scope);

describe("the confusion matrix's headings on a narrow screen", () => {
  it('put a line-break chance only between the words of a class name, never inside one', () => {
    const html = table(false);
    // "english_springe / r" and "CASSETTE_PLAYE / R" broke inside a word: the only place to break is after "_"
    expect(html).toContain('<th scope="col" title="english_springer">english_<wbr/>springer</th>');
    // the row's number is there either way (the rows are the same), shown only with numbered columns
    expect(html).toContain(
      '<th scope="row" title="cassette_player"><span class="class-n" aria-hidden="true">2</span>cassette_<wbr/>player</th>',
    );
    expect(html).toContain('<th scope="col" title="chain saw">chain saw</th>');
  });

  it('numbered: a column shows its row number, and is still named by its class for a screen reader', () => {
    const html = table(true);
    const columns = headings(html, 'col').slice(1);
    expect(columns.map(seen)).toEqual(['1', '2', '3']);
    expect(columns.map(spoken)).toEqual(CLASSES);
    // each row heading is the key: its number, then its name
    const rows = headings(html, 'row');
    expect(rows.map(seen)).toEqual(['1english_springer', '2cassette_player', '3chain saw']);
    expect(rows.map(spoken)).toEqual(CLASSES);
    // the cells keep their words and their buttons
    expect(html).not.toContain('<button');
    expect(html).toContain('aria-label="1 english_springer image predicted as chain saw"');
  });

  it('cells open their images either way', () => {
    for (const numbered of [false, true]) {
      const html = renderToStaticMarkup(
        createElement(
          'table',
          null,
          createElement(ConfusionTable, { classes: CLASSES, matrix: MATRIX, numbered, onOpen: () => undefined }),
        ),
      );
      expect(all(parse(html), (n) => n.tag === 'button')).toHaveLength(5); // the non-empty cells
    }
  });

  it('are numbered once the names make the table wider than its box, and named again only once they fit', () => {
    const names = namesHeads('a');
    expect(nextHeads(names, { scrollWidth: 340, clientWidth: 342 })).toBe(names);
    const numbered = nextHeads(names, { scrollWidth: 520, clientWidth: 342 });
    expect(numbered).toEqual({ key: 'a', numbered: true, namesNeed: 520 });
    // numbered, the table fits: that says nothing of the names, which still need 520 px
    expect(nextHeads(numbered, { scrollWidth: 300, clientWidth: 342 })).toBe(numbered);
    expect(nextHeads(numbered, { scrollWidth: 300, clientWidth: 519 })).toBe(numbered);
    expect(nextHeads(numbered, { scrollWidth: 300, clientWidth: 520 })).toEqual(names);
    // a hidden box (a closed disclosure) measures nothing
    expect(nextHeads(numbered, { scrollWidth: 0, clientWidth: 0 })).toBe(numbered);
    expect(nextHeads(names, { scrollWidth: 0, clientWidth: 0 })).toBe(names);
  });
});

describe('a table wider than its box says which way it scrolls', () => {
  it('more to the right at the start, both ways in the middle, to the left at the end', () => {
    expect(sideEdges({ scrollLeft: 0, clientWidth: 300, scrollWidth: 420 })).toEqual({ before: false, after: true });
    expect(sideEdges({ scrollLeft: 60, clientWidth: 300, scrollWidth: 420 })).toEqual({ before: true, after: true });
    // a zoomed page scrolls to fractions of a pixel short of the end
    expect(sideEdges({ scrollLeft: 119.6, clientWidth: 300, scrollWidth: 420 })).toEqual({
      before: true,
      after: false,
    });
  });
});

describe('the step bar on a phone', () => {
  const line = (html: string) => all(parse(html), (n) => (n.attrs.class ?? '').split(' ').includes('steps-now'))[0];
  const part = (html: string, step: string) =>
    all(parse(html), (n) => n.attrs['data-testid'] === `step-now-${step}`)[0]
      ?.text.replace(/\s+/g, ' ')
      .trim();

  it("shows a run's progress beside the step in view", () => {
    seed(useTraining, {
      status: 'training',
      phase: 'final',
      settings: { ...DEFAULT_SETTINGS },
      epochs: [{ epoch: 1 }, { epoch: 2 }] as never,
      epochsPlanned: 40,
      // a two-phase run's full model: 10 images, their first model, 16 views
      runImages: 10,
      extract: { done: 16, total: 16 },
      first: { valAccuracy: 0.5, epochs: Array.from({ length: 8 }, (_, i) => ({ epoch: i + 1 })) } as never,
    });
    const html = renderToStaticMarkup(createElement(StepNav));
    expect(line(html)?.attrs['aria-hidden']).toBe('true');
    expect(part(html, 'data')).toBe('Data 0 classes · 0 images');
    // the run's share as the Train panel's bar shows it: 3 of 4 stages, and 2 of 40 epochs of the last;
    // then apart from it the stage under way, as the panel counts it (the third epoch trains)
    expect(part(html, 'train')).toBe(`Train ${Math.floor(((3 + 2 / 40) / 4) * 100)}% · epoch 3/40`);
  });

  it('shows only the step in view when no run is going', () => {
    seed(useTraining, { status: 'idle', epochs: [], result: null });
    const html = renderToStaticMarkup(createElement(StepNav));
    expect(part(html, 'data')).toBe('Data 0 classes · 0 images');
    expect(part(html, 'train')).toBeUndefined();
  });

  /** the declarations of a selector's rules inside (phone) or outside any media query */
  const rule = (selector: string, phone: boolean) =>
    RULES.filter(
      (r) =>
        r.selectors.includes(selector) &&
        (phone
          ? r.parent?.type === 'atrule' && /max-width:\s*720px/.test((r.parent as { params: string }).params)
          : r.parent?.type === 'root'),
    );

  it('keeps the line to phones, on one line that never widens the bar', () => {
    expect(rule('.steps-now', false).map((r) => declared(r, 'display'))).toContain('none');
    const phone = rule('.steps-now', true);
    expect(phone.map((r) => declared(r, 'display'))).toContain('flex');
    expect(phone.map((r) => declared(r, 'white-space'))).toContain('nowrap');
    const part = rule('.step-now', true);
    expect(part.map((r) => declared(r, 'text-overflow'))).toContain('ellipsis');
    expect(part.map((r) => declared(r, 'min-width'))).toContain('0');
  });
});

describe("the confusion matrix's styles", () => {
  it('never break a class name inside a word', () => {
    const wraps = RULES.filter((r) => r.selectors.some((s) => s.startsWith('.confusion') && /\bth\b/.test(s)))
      .map((r) => declared(r, 'overflow-wrap') ?? declared(r, 'word-break'))
      .filter(Boolean);
    expect(wraps.length).toBeGreaterThan(0);
    for (const w of wraps) expect(w).toMatch(/^normal$/);
  });

  it("show a row's number only while the columns are numbered", () => {
    const display = (selector: string) =>
      RULES.filter((r) => r.selectors.includes(selector)).map((r) => declared(r, 'display'));
    expect(display('.confusion .class-n')).toEqual(['none']);
    expect(display('.confusion.numbered .class-n')).toEqual(['block']);
  });
});
