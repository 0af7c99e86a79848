import { describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';
import { all, byId, liveRegions, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { datasetProblems, MIN_CLASS_IMAGES } = await import('../src/core/data/problems');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { useInsight } = await import('../src/state/dataset-insight');
const { ClassCard } = await import('../src/ui/ClassCard');
const { TrainPanel } = await import('../src/ui/TrainPanel');
const { HealthPanel } = await import('../src/ui/HealthPanel');
const { classCardId, countProblem } = await import('../src/ui/class-blockers');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const images = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, k) => projectImage(`${prefix}${k}`, file(`${prefix}${k}.png`)));
const loaded = { id: 'mobilenet-v1-0.25', blocks: [] } as unknown as BackboneInfo;

// A class that blocks training was named only in the Train step; its card now says so, and the
// Train step's words link to the card.

describe('what blocks training in one class', () => {
  it('is the Train step’s own rule, in its words', () => {
    const rose = countProblem('rose', 1);
    expect(rose).toBe('Class "rose" has 1 readable image; it needs at least 2 (one to train on, one to validate).');
    expect(datasetProblems(['daisy', 'rose'], [10, 1])).toContain(rose);
    expect(countProblem('rose', 0)).toMatch(/has 0 readable images/);
    expect(countProblem('rose', 2)).toBeNull();
    expect(countProblem('', 1)).toMatch(/has 1 readable image/);
  });

  it('needs as many images as the rule asks', () => {
    const need = MIN_CLASS_IMAGES;
    expect(countProblem('a', need - 1)).not.toBeNull();
    expect(countProblem('a', need)).toBeNull();
    // the minimum is the rule's own: one fewer is a problem of the dataset, that many is none
    expect(datasetProblems(['a', 'b'], [need - 1, need])).toHaveLength(1);
    expect(datasetProblems(['a', 'b'], [need, need])).toEqual([]);
  });
});

describe('a class card with too few images to train', () => {
  const card = (n: number) => {
    const cls = { id: 'rose-id', name: 'rose', images: images('r', n) };
    seed(useProject, { classes: [cls], locked: null });
    return markup(ClassCard, { cls });
  };

  it('says so by its count, tied to the card’s region', () => {
    const page = card(1);
    const region = all(parse(page), (n) => n.tag === 'section' && n.attrs['aria-label'] === 'Class rose')[0];
    expect(region.attrs.id).toBe(classCardId('rose-id'));
    const note = byId(page, region.attrs['aria-describedby']);
    expect(note?.text).toBe(`Needs at least ${MIN_CLASS_IMAGES} images to train: add 1 more.`);
    expect(note?.attrs.class).toContain('problems');
  });

  it('an empty class: how many to add', () => {
    const region = all(parse(card(0)), (n) => n.tag === 'section')[0];
    expect(byId(card(0), region.attrs['aria-describedby'])?.text).toBe(
      `Needs at least ${MIN_CLASS_IMAGES} images to train: add ${MIN_CLASS_IMAGES}.`,
    );
  });

  it('says nothing once it has enough', () => {
    const page = card(MIN_CLASS_IMAGES);
    const region = all(parse(page), (n) => n.tag === 'section')[0];
    expect(region.attrs['aria-describedby']).toBeUndefined();
    expect(page).not.toMatch(/Needs at least/);
  });
});

describe('the Train step’s blocker for such a class', () => {
  it('links to its card', () => {
    seed(useProject, {
      classes: [
        { id: 'daisy-id', name: 'daisy', images: images('d', 3) },
        { id: 'rose-id', name: 'rose', images: images('r', 1) },
      ],
    });
    seed(useTraining, { status: 'idle', settings: { ...DEFAULT_SETTINGS } });
    seed(useLrSuggestion, { status: 'idle' });
    seed(useBackbone, { status: 'ready', calibrating: null, loaded });
    const page = markup(TrainPanel);
    const list = byId(page, 'train-blocked')!;
    expect(list.text).toContain('Class "rose" has 1 readable image; it needs at least 2');
    const links = all(list, (n) => n.tag === 'a');
    expect(links.map((a) => a.attrs.href)).toEqual([`#${classCardId('rose-id')}`]);
    expect(links[0].text).toBe('Go to class "rose"');
  });

  it('links each small class to its own card, and nothing else', () => {
    seed(useProject, {
      classes: [
        { id: 'daisy-id', name: 'daisy', images: images('d', 0) },
        { id: 'rose-id', name: 'rose', images: images('r', 1) },
        { id: 'tulip-id', name: 'tulip', images: images('t', 3) },
      ],
    });
    seed(useTraining, { status: 'idle', settings: { ...DEFAULT_SETTINGS, epochs: 0 } });
    seed(useLrSuggestion, { status: 'idle' });
    seed(useBackbone, { status: 'ready', calibrating: null, loaded });
    const items = all(byId(markup(TrainPanel), 'train-blocked')!, (n) => n.tag === 'li');
    const linkOf = (li: (typeof items)[number]) => all(li, (n) => n.tag === 'a').map((a) => [a.attrs.href, a.text]);
    expect(items.map(linkOf)).toEqual([
      [[`#${classCardId('daisy-id')}`, 'Go to class "daisy"']],
      [[`#${classCardId('rose-id')}`, 'Go to class "rose"']],
      // a settings field's problem is no class's
      [],
    ]);
    expect(items[0].text).toMatch(/^Class "daisy" has 0 readable images/);
    expect(items[2].text).toMatch(/^Training settings: /);
  });
});

describe('the health check’s result', () => {
  it('is said in one line, once', () => {
    seed(useInsight, {
      health: {
        ...useInsight.getState().health,
        status: 'done',
        report: { issues: [], checked: 60, extracted: 60 },
        stale: false,
        error: null,
      },
    });
    const page = markup(HealthPanel, { disabled: false });
    const text = parse(page).text;
    expect(text.match(/60 images/g)).toHaveLength(1);
    expect(text).not.toMatch(/No problems found in/);
    expect(liveRegions(page).map((r) => r.text)).toContain('Checked 60 images: no problems found.');
  });
});
