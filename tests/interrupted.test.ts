import { describe, expect, it } from 'vitest';
import { inRunOrder, resumeProblem, type InterruptedRun } from '../src/core/train/interrupted';
import { changedSettings, DEFAULT_SETTINGS } from '../src/core/train/settings';

const run: InterruptedRun = {
  checkpoint: { epoch: 3, history: [], values: [], early: null },
  settings: { ...DEFAULT_SETTINGS },
  classes: ['cat', 'dog'],
  images: [
    { id: 'a', label: 0 },
    { id: 'b', label: 1 },
    { id: 'c', label: 1 },
  ],
  backboneId: 'mobilenet-v1-0.25',
  savedAt: '2026-11-28T00:00:00Z',
  split: 2,
  features: 384,
};
const same = { classes: ['cat', 'dog'], images: [...run.images].reverse(), backboneId: 'mobilenet-v1-0.25' };

describe('resuming a run a reload cut short', () => {
  it('the same project (in any order) can resume, with its images in the order the run had', () => {
    expect(resumeProblem(run, same)).toBeNull();
    expect(inRunOrder(run, same.images).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('a run cut short under the split drawn by position (saved before split version 2) cannot resume', () => {
    const { split: _split, ...before } = run;
    expect(resumeProblem(before, same)).toMatch(/earlier version of the studio.*train a new run/);
    expect(resumeProblem({ ...run, split: 1 }, same)).toMatch(/earlier version/);
    // kept before the backbone joined an earlier map beside its features: its head is 256 wide
    const { features: _features, ...narrow } = run;
    expect(resumeProblem(narrow, same)).toMatch(/earlier version of the studio, which read fewer features.*new run/);
    expect(resumeProblem({ ...run, features: 256 }, same)).toMatch(/read fewer features/);
    // a backbone without a joined map (the graph model) resumes runs kept before
    const graph = 'mobilenet-v1-0.25-graph';
    expect(resumeProblem({ ...narrow, backboneId: graph }, { ...same, backboneId: graph })).toBeNull();
  });

  it('another backbone, changed classes, added or moved images each say why not', () => {
    expect(resumeProblem(run, { ...same, backboneId: 'mobilenet-v2-0.35' })).toMatch(
      /trained on MobileNet v1 α0\.25: load that backbone/,
    );
    // a backbone this browser does not know (a brought one removed since) is named by its id
    expect(resumeProblem({ ...run, backboneId: 'custom-x1' }, same)).toMatch(/trained on custom-x1: load/);
    expect(resumeProblem(run, { ...same, backboneId: null })).toMatch(/load that backbone/);
    expect(resumeProblem(run, { ...same, classes: ['cat', 'wolf'] })).toMatch(/classes changed/);
    expect(resumeProblem(run, { ...same, classes: ['cat', 'dog', 'fox'] })).toMatch(/classes changed/);
    expect(resumeProblem(run, { ...same, images: [...run.images, { id: 'd', label: 0 }] })).toMatch(
      /has 4 images now and had 3/,
    );
    expect(resumeProblem(run, { ...same, images: [{ id: 'a', label: 1 }, run.images[1], run.images[2]] })).toMatch(
      /1 image was added, removed or moved/,
    );
    expect(
      resumeProblem(run, { ...same, images: [{ id: 'x', label: 0 }, { id: 'y', label: 1 }, run.images[2]] }),
    ).toMatch(/2 images were/);
  });
});

describe('what resuming replaces', () => {
  it('names the settings changed since the run started, by their form labels', () => {
    expect(changedSettings(run.settings, { ...run.settings })).toEqual([]);
    const now = { ...run.settings, epochs: 7, learningRate: 0.01, frozenBlocks: ['block_3'] };
    expect(changedSettings(run.settings, now)).toEqual(['Epochs', 'Learning rate', 'Blocks kept frozen']);
    // a setting left out and one set to undefined are the same
    const { recipe: _recipe, ...without } = run.settings;
    expect(changedSettings({ ...without, recipe: undefined }, { ...without })).toEqual([]);
    // no blocks kept frozen, whether said or not; the same blocks in another order
    expect(
      changedSettings({ ...run.settings, frozenBlocks: undefined }, { ...run.settings, frozenBlocks: [] }),
    ).toEqual([]);
    const both = (frozenBlocks: string[]) => ({ ...run.settings, unfreeze: 3, frozenBlocks });
    expect(changedSettings(both(['b1', 'b2']), both(['b2', 'b1']))).toEqual([]);
  });
});
