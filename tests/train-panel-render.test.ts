import { describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';
import { all, byId, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { TrainPanel } = await import('../src/ui/TrainPanel');
const { Charts } = await import('../src/ui/Charts');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const trainButton = (page: string) => all(parse(page), (n) => n.tag === 'button' && n.text.trim() === 'Train')[0];

function project() {
  seed(useProject, {
    classes: ['cats', 'dogs'].map((name) => ({
      id: name,
      name,
      images: [projectImage(`${name}1`, file('a.png')), projectImage(`${name}2`, file('b.png'))],
    })),
  });
  seed(useTraining, { status: 'idle', settings: { ...DEFAULT_SETTINGS } });
  seed(useLrSuggestion, { status: 'idle' });
}
const loaded = { id: 'mobilenet-v1-0.25', blocks: [] } as unknown as BackboneInfo;

describe('the Train step', () => {
  it('says the backbone is loading while it loads, not to load one', () => {
    project();
    seed(useBackbone, { status: 'loading', calibrating: null, loaded: null });
    const page = markup(TrainPanel);
    const list = byId(page, 'train-blocked')?.text ?? '';
    expect(list).toMatch(/The backbone is loading: training can start once it has loaded\./);
    expect(list).not.toMatch(/Load a backbone first/);
  });

  it('says why Train waits while the learning-rate finder runs', () => {
    project();
    seed(useBackbone, { status: 'ready', calibrating: null, loaded });
    seed(useLrSuggestion, { status: 'sweeping' });
    const page = markup(TrainPanel);
    const train = trainButton(page);
    expect(train.attrs.disabled).toBeDefined();
    const why = (train.attrs['aria-describedby'] ?? '').split(' ').map((id) => byId(page, id));
    expect(why[0]?.attrs.hidden).toBeUndefined();
    expect(why.map((n) => n?.text ?? '').join(' ')).toMatch(/learning-rate finder is running/);
  });
});

describe('the epoch charts after a run that ended before its first epoch', () => {
  it('no longer wait for an epoch', () => {
    for (const status of ['stopped', 'error'] as const) {
      seed(useTraining, { status, epochs: [], batches: [{ step: 1, loss: 1 }], result: null, first: null });
      const page = markup(Charts);
      expect(page, status).not.toMatch(/Waiting for the first epoch/);
      expect(page, status).toMatch(/No epoch finished in this run\./);
    }
    seed(useTraining, { status: 'training', epochs: [], batches: [] });
    expect(markup(Charts)).toMatch(/Waiting for the first epoch/);
  });
});
