import type { FunctionComponent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { all, liveRegions, markup, parse, seed, type PropsArgs } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { usePersistence } = await import('../src/state/persist');
const { useBackbone } = await import('../src/state/backbone');
const { DataPanel } = await import('../src/ui/DataPanel');
const { TrainPanel } = await import('../src/ui/TrainPanel');
const { LrFinder } = await import('../src/ui/LrFinder');
const { ProjectBar } = await import('../src/ui/ProjectBar');
const { LayerMap } = await import('../src/ui/LayerMap');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
// a live region is read out at each change of its words: a count that moves many times a second is not one
const render = <P extends object>(el: FunctionComponent<P>, ...props: PropsArgs<P>) =>
  liveRegions(markup(el, ...props));

describe('counts that change many times a second stay out of live regions', () => {
  it("the Images panel's class and image count, and the adding's progress", () => {
    seed(useProject, {
      classes: [
        { id: 'c1', name: 'cats', images: [projectImage('i1', file('a.png')), projectImage('i2', file('b.png'))] },
      ],
      adding: { done: 3, total: 10 },
    });
    const html = markup(DataPanel);
    expect(
      liveRegions(html)
        .map((r) => r.text)
        .join(' | '),
    ).not.toMatch(/\d+ images?|\d+\/\d+/);
    // still shown, in a status that is made live for the words to be said (useThrottledLive)
    const quiet = all(parse(html), (n) => n.attrs['aria-live'] === 'off').map((n) => n.text);
    expect(quiet).toContain('1 class, 2 images');
    expect(quiet.some((t) => t.startsWith('Adding images 3/10'))).toBe(true);
  });

  it("the run's status line", () => {
    seed(useTraining, { status: 'training', epochs: [], epochsPlanned: 20, phase: null });
    const html = markup(TrainPanel);
    expect(
      liveRegions(html)
        .map((r) => r.text)
        .join(' | '),
    ).not.toMatch(/epoch|Extracting/);
    const line = all(parse(html), (n) => n.attrs.class === 'train-status')[0];
    expect(line.text).toBe('Training: epoch 1 of 20');
    expect(line.attrs.role).toBe('status');
  });

  it("the learning-rate finder's status line", () => {
    seed(useLrSuggestion, { status: 'sweeping', step: { done: 4, total: 50 } });
    const regions = render(LrFinder, { disabled: false });
    expect(regions.map((r) => r.text).join(' | ')).not.toMatch(/step \d+ of/);
  });

  it('the autosave status (only its failures are said, as alerts)', () => {
    seed(usePersistence, { status: 'saved', savedImages: 7 });
    const regions = render(ProjectBar);
    expect(regions.map((r) => r.text).join(' | ')).not.toMatch(/Sav|save/);
  });

  it("the project bar's line for New and Open project is a live region there, empty, before its first words", () => {
    seed(usePersistence, { status: 'saved', savedImages: 7, error: null });
    const regions = render(ProjectBar);
    expect(regions).toContainEqual({ attrs: { role: 'status', class: 'visually-hidden' }, text: '' });
  });

  it("the layer map's parameter totals", () => {
    const block = (name: string) => ({
      name,
      layers: [{ name: `${name}_0`, className: 'Conv2D', params: 4, trainableParams: 4 }],
      outputLayer: `${name}_0`,
      outputShape: [7, 7, 8],
      params: 4,
      trainableParams: 4,
    });
    seed(useBackbone, {
      loaded: {
        id: 'mobilenet-v1-0.25',
        blocks: [block('b0'), block('b1')],
        source: 'hosted',
        where: 'test',
        paramCount: 8,
      } as never,
    });
    const regions = render(LayerMap);
    expect(regions.map((r) => r.text).join(' | ')).not.toMatch(/Trainable|Frozen/);
  });
});
