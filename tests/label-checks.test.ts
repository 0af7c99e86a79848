import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { TrainSummary } from '../src/worker/protocol';
import { topLosses } from '../src/core/train/top-losses';
import { all, markup, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { useLabelChecks } = await import('../src/state/label-checks');
const { TopLosses, TopLossTiles } = await import('../src/ui/TopLosses');
const { CellImages } = await import('../src/ui/ConfusionExplorer');

unseedAfterEach(useProject, useInsight, useLabelChecks);

/** marks or unmarks an image as the page would, seen by the server render (which reads the initial state) */
const toggle = (id: string) => {
  useLabelChecks.getState().toggle(id);
  seed(useLabelChecks, { checked: useLabelChecks.getState().checked });
};

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/jpeg' });
const CLASSES = ['daisy', 'rose', 'tulip'];

/** two tulips the model called daisy, one tulip it got right; every image still where the run saw it */
function run(): TrainSummary {
  seed(useProject, {
    locked: null,
    classes: CLASSES.map((name, i) => ({
      id: `c${i}`,
      name,
      images: name === 'tulip' ? ['a', 'b', 'c'].map((id) => projectImage(id, file(`${id}.jpg`))) : [],
    })),
  });
  seed(useInsight, { changed: {} });
  const p = (id: string, predicted: number) => ({ id, label: 2, predicted, probabilities: [0.6, 0.1, 0.3] });
  return {
    classes: CLASSES,
    confusion: CLASSES.map(() => CLASSES.map(() => 0)),
    valPredictions: [p('a', 0), p('b', 0), p('c', 2)],
    settings: { ...DEFAULT_SETTINGS },
    history: [],
    valAccuracyInterval: [0.2, 0.9],
  } as unknown as TrainSummary;
}

const tiles = (html: string) => all(parse(html), (n) => n.tag === 'li');
const right = (li: ReturnType<typeof tiles>[number]) =>
  all(li, (n) => n.tag === 'button' && (n.attrs['aria-label'] ?? '').startsWith('Label is right'))[0];
const moves = (li: ReturnType<typeof tiles>[number]) =>
  all(li, (n) => n.tag === 'button' && n.text.startsWith('Move to'));

describe('"Label is right" on a mistake\'s tile', () => {
  it('is a toggle named by its image; pressed, the tile asks no more and its moves go until it is pressed again', () => {
    seed(useLabelChecks, { checked: {} });
    const result = run();
    const ranked = topLosses(result.valPredictions);
    const [a] = tiles(markup(TopLossTiles, { result, ranked }));
    expect(right(a).attrs['aria-pressed']).toBe('false');
    expect(right(a).attrs['aria-label']).toBe('Label is right: a.jpg');
    expect(moves(a).map((b) => b.text)).toEqual(['Move to daisy', 'Move to rose']);
    expect(a.attrs['data-checked']).toBeUndefined();

    toggle('a');
    const [checked, other] = tiles(markup(TopLossTiles, { result, ranked }));
    expect(right(checked).attrs['aria-pressed']).toBe('true');
    expect(checked.attrs['data-checked']).toBe('');
    expect(moves(checked)).toHaveLength(0);
    expect(all(checked, (n) => (n.attrs.class ?? '').includes('tile-ask'))).toHaveLength(0);
    // still deletable, and the other tile is untouched
    expect(all(checked, (n) => n.text === 'Delete' && n.tag === 'button')).toHaveLength(1);
    expect(moves(other)).toHaveLength(2);

    toggle('a');
    expect(moves(tiles(markup(TopLossTiles, { result, ranked }))[0])).toHaveLength(2);
  });

  it('the summary says how many of the shown mistakes were checked', () => {
    seed(useLabelChecks, { checked: {} });
    const result = run();
    const summary = () => all(parse(markup(TopLosses, { result })), (n) => n.tag === 'summary')[0].text;
    expect(summary()).toBe('Most confident mistakes (2 wrong validation images)');
    toggle('b');
    expect(summary()).toBe('Most confident mistakes (2 wrong validation images; 1 label checked as right)');
  });

  it('is not offered on a right answer, nor on an image moved since the run', () => {
    seed(useLabelChecks, { checked: {} });
    const result = run();
    const [c] = tiles(markup(CellImages, { result, cell: [2, 2] }));
    expect(right(c)).toBeUndefined();
    // moved to daisy since: the tile says so and offers the way back, not a check
    const [tulips] = useProject.getState().classes.slice(2);
    const [a, ...rest] = tulips.images;
    seed(useProject, {
      classes: useProject
        .getState()
        .classes.map((c) => (c.id === 'c0' ? { ...c, images: [a] } : c.id === 'c2' ? { ...c, images: rest } : c)),
    });
    seed(useInsight, { changed: { a: { what: 'moved to daisy', from: 'c2' } } });
    // checked before it was moved (from the review): the way back is offered all the same
    toggle('a');
    const [moved] = tiles(markup(CellImages, { result, cell: [2, 0] }));
    expect(moved.text).toContain('moved to daisy');
    expect(right(moved)).toBeUndefined();
    expect(moves(moved).map((b) => b.text)).toContain('Move to tulip');
    expect(moved.attrs['data-checked']).toBeUndefined();
    // moved back (Undo): where the run saw it, it can be checked again
    seed(useProject, { classes: useProject.getState().classes });
    seed(useInsight, { changed: { b: { what: 'moved to rose', from: 'c2' } } });
    const [, back] = tiles(markup(CellImages, { result, cell: [2, 0] }));
    expect(right(back).attrs['aria-label']).toBe('Label is right: b.jpg');
  });
});
