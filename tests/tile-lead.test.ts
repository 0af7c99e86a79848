import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { TrainSummary } from '../src/worker/protocol';
import { topLosses } from '../src/core/train/top-losses';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { TopLossTiles } = await import('../src/ui/TopLosses');
const { CellImages } = await import('../src/ui/ConfusionExplorer');
const { moveChoices, tileHeadline } = await import('../src/ui/tile-words');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/jpeg' });
const LONG = '113902743_8f537f769b_n.jpg';

/** a project of these classes, its one image (labelled tulip, called daisy) in tulip; and a run that saw it */
function project(classes: string[], sure: boolean) {
  seed(useProject, {
    locked: null,
    classes: classes.map((name, i) => ({
      id: `c${i}`,
      name,
      images: name === 'tulip' ? [projectImage('t', file(LONG))] : [],
    })),
  });
  seed(useInsight, { changed: {} });
  const probabilities = classes.map((c) => (c === 'daisy' ? (sure ? 0.92 : 0.53) : c === 'tulip' ? 0.03 : 0));
  const p = { id: 't', label: classes.indexOf('tulip'), predicted: classes.indexOf('daisy'), probabilities };
  const result = {
    classes,
    confusion: classes.map(() => classes.map(() => 0)),
    valPredictions: [p],
    settings: { ...DEFAULT_SETTINGS },
    history: [],
    // a model whose validation figures are good enough for its sure answers to be marked (tile-words.ts)
    valAccuracyInterval: [0.8, 0.99],
  } as unknown as TrainSummary;
  return { p, result };
}

const tile = (html: string) => all(parse(html), (n) => n.tag === 'li')[0];
const buttons = (li: ReturnType<typeof tile>) => all(li, (n) => n.tag === 'button');
const has = (n: { attrs: Record<string, string> }, cls: string) => (n.attrs.class ?? '').split(' ').includes(cls);

describe("a results tile's words", () => {
  it('lead with the label, the answer and how sure: "tulip → daisy · 53%"', () => {
    const { p, result } = project(['daisy', 'dandelion', 'rose', 'tulip'], false);
    expect(tileHeadline(p, result.classes)).toBe('tulip → daisy · 53%');
    const li = tile(markup(TopLossTiles, { result, ranked: topLosses(result.valPredictions) }));
    const lead = all(li, (n) => has(n, 'tile-said'))[0];
    // first after the image, seen as the arrow and read as a sentence
    expect(li.children[1]).toBe(lead);
    const seen = all(lead, (n) => n.attrs['aria-hidden'] === 'true')[0];
    expect(seen.text).toBe('tulip → daisy · 53%');
    const heard = all(lead, (n) => has(n, 'visually-hidden'))[0];
    expect(heard.text).toBe('labelled tulip, the model said daisy (53%)');
    expect(lead.attrs.title).toMatch(/^How wrong \(loss\)/);
    // the file name after it, on a line of its own that ends in an ellipsis: whole in its title and the image's name
    const name = all(li, (n) => has(n, 'tile-file'))[0];
    expect(li.children.indexOf(name)).toBeGreaterThan(li.children.indexOf(lead));
    expect(name.text).toBe(LONG);
    expect(name.attrs.title).toBe(LONG);
    expect(all(li, (n) => n.tag === 'img')[0].attrs.alt).toBe(`${LONG} (tulip)`);
  });

  it('are the same in a confusion cell', () => {
    const { result } = project(['daisy', 'dandelion', 'rose', 'tulip'], false);
    const li = tile(markup(CellImages, { result, cell: [3, 0] }));
    expect(all(li, (n) => has(n, 'tile-said'))[0].text).toContain('tulip → daisy · 53%');
  });
});

describe("a results tile's moves", () => {
  it("with four classes or fewer: a button for each other class, the model's answer first; no select, no Move", () => {
    const { result } = project(['daisy', 'dandelion', 'rose', 'tulip'], false);
    const li = tile(markup(TopLossTiles, { result, ranked: topLosses(result.valPredictions) }));
    expect(buttons(li).map((b) => b.text)).toEqual([
      'Move to daisy',
      'Move to dandelion',
      'Move to rose',
      'Label is right',
      'Delete',
    ]);
    // each name starts with its words and names its image
    expect(buttons(li)[0].attrs['aria-label']).toBe(`Move to daisy: ${LONG}`);
    expect(all(li, (n) => n.tag === 'select')).toHaveLength(0);
    // a 53% answer is no more than the first choice: only a sure one is marked as the likely fix
    expect(buttons(li).filter((b) => has(b, 'suggested'))).toHaveLength(0);
    const sure = project(['daisy', 'dandelion', 'rose', 'tulip'], true);
    const marked = buttons(
      tile(markup(TopLossTiles, { result: sure.result, ranked: topLosses(sure.result.valPredictions) })),
    );
    expect(marked.filter((b) => has(b, 'suggested')).map((b) => b.text)).toEqual(['Move to daisy']);
  });

  it('are asked as a question, "Label wrong?", before the first move and after the headline', () => {
    const { result } = project(['daisy', 'dandelion', 'rose', 'tulip'], true);
    const li = tile(markup(TopLossTiles, { result, ranked: topLosses(result.valPredictions) }));
    const ask = all(li, (n) => has(n, 'tile-ask'));
    expect(ask.map((n) => n.text)).toEqual(['Label wrong?']);
    const actions = all(li, (n) => has(n, 'tile-actions'))[0];
    expect(actions.children[0]).toBe(ask[0]);
    // then the moves, kept together, the answer that the label is right, Delete after them
    expect(has(actions.children[1], 'tile-moves')).toBe(true);
    expect(buttons(actions.children[1])[0].text).toBe('Move to daisy');
    expect(actions.children.slice(2).map((n) => n.text)).toEqual(['Label is right', 'Delete']);
  });

  it("with more: the model's answer as a button, the rest in one select whose Move shows once a class is chosen", () => {
    const { result } = project(['daisy', 'dandelion', 'iris', 'lily', 'rose', 'tulip'], false);
    const li = tile(markup(CellImages, { result, cell: [5, 0] }));
    expect(buttons(li).map((b) => b.text)).toEqual(['Move to daisy', 'Label is right', 'Delete']);
    const select = all(li, (n) => n.tag === 'select')[0];
    expect(select.attrs['aria-label']).toBe(`Move ${LONG} to another class`);
    expect(all(select, (n) => n.tag === 'option').map((o) => o.text)).toEqual([
      'Other class…',
      'dandelion',
      'iris',
      'lily',
      'rose',
    ]);
  });

  it('keep their places as the image moves: the button under the focus offers the way back', () => {
    const classes = ['daisy', 'dandelion', 'rose', 'tulip'];
    expect(moveChoices(classes, 'tulip', 'daisy', 'tulip')).toEqual({
      buttons: ['daisy', 'dandelion', 'rose'],
      rest: [],
    });
    expect(moveChoices(classes, 'daisy', 'daisy', 'tulip').buttons).toEqual(['tulip', 'dandelion', 'rose']);
    const many = ['daisy', 'dandelion', 'iris', 'lily', 'rose', 'tulip'];
    expect(moveChoices(many, 'tulip', 'daisy', 'tulip')).toEqual({
      buttons: ['daisy'],
      rest: ['dandelion', 'iris', 'lily', 'rose'],
    });
    expect(moveChoices(many, 'daisy', 'daisy', 'tulip').buttons).toEqual(['tulip']);
    // a right answer has no move to lead with: the select alone
    expect(moveChoices(many, 'tulip', 'tulip', 'tulip').buttons).toEqual([]);
  });
});
