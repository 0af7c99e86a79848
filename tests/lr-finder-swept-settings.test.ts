import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSettings } from '../src/core/train/settings';
import type { ProjectClass } from '../src/state/project';
import type { BackboneInfo } from '../src/worker/protocol';
import { all, byId, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { worker, resetWorker } = await import('./fake-worker');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { lrSuggestionContext, useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { TrainPanel } = await import('../src/ui/TrainPanel');

const initial = useLrSuggestion.getState();
const curve = { points: [{ lr: 1e-3, loss: 1 }], suggestion: 0.0031234, diverged: false };
const storeClasses = [
  { id: 'a', name: 'a', images: [{ id: 'a1', file: new Blob() }] },
  { id: 'b', name: 'b', images: [{ id: 'b1', file: new Blob() }] },
] as unknown as ProjectClass[];
let settings: TrainSettings;
let swept: number;

beforeEach(() => {
  resetWorker();
  useLrSuggestion.setState(initial, true);
  swept = 0;
  worker.findLearningRate = async () => (swept++, curve);
  lrSuggestionContext.connect({
    settings: () => settings,
    classes: () => storeClasses,
    useRate: () => {},
    running: () => false,
    headLost: () => undefined,
  });
});

describe('the learning-rate finder checks only the settings its sweep uses', () => {
  it('sweeps with the learning rate cleared or out of range, or another unused field wrong', async () => {
    for (const wrong of [{ learningRate: NaN }, { learningRate: 2 }, { epochs: 0 }, { unfreeze: 40 }]) {
      settings = { ...DEFAULT_SETTINGS, ...wrong };
      await useLrSuggestion.getState().run();
      expect(useLrSuggestion.getState(), JSON.stringify(wrong)).toMatchObject({ status: 'done', error: null });
    }
    expect(swept).toBe(4);
  });

  it('still refuses a setting the sweep uses', async () => {
    settings = { ...DEFAULT_SETTINGS, batchSize: 0, learningRate: NaN };
    await useLrSuggestion.getState().run();
    const { status, error } = useLrSuggestion.getState();
    expect(status).toBe('error');
    expect(error).toMatch(/Batch size/);
    expect(error).not.toMatch(/Learning rate/);
    expect(swept).toBe(0);
  });
});

describe('the Train step with one settings field wrong', () => {
  const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
  const button = (page: string, text: RegExp) =>
    all(parse(page), (n) => n.tag === 'button' && text.test(n.text.trim()))[0];
  /** the panel for these settings, a sweep's curve measured with the defaults on screen */
  function panel(patch: Partial<TrainSettings>) {
    seed(useProject, {
      classes: ['cats', 'dogs'].map((name) => ({
        id: name,
        name,
        images: [projectImage(`${name}1`, file('a.png')), projectImage(`${name}2`, file('b.png'))],
      })),
    });
    seed(useBackbone, {
      status: 'ready',
      calibrating: null,
      loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as unknown as BackboneInfo,
    });
    seed(useTraining, { status: 'idle', settings: { ...DEFAULT_SETTINGS, ...patch } });
    const {
      batchSize,
      hiddenUnits,
      dropout,
      weightDecay,
      classWeights,
      cropMode,
      valSplit,
      seed: s,
    } = DEFAULT_SETTINGS;
    seed(useLrSuggestion, {
      status: 'done',
      ...curve,
      sweptWith: { batchSize, hiddenUnits, dropout, weightDecay, classWeights, cropMode, valSplit, seed: s },
    });
    return markup(TrainPanel);
  }

  it('a cleared learning rate leaves the finder and its suggestion usable (applying fills the field in)', () => {
    const page = panel({ learningRate: NaN });
    // Train is held, by the field
    expect(byId(page, 'train-blocked')?.text).toMatch(/Learning rate/);
    expect(button(page, /^Find learning rate$/).attrs.disabled).toBeUndefined();
    expect(button(page, /^Use suggested learning rate/).attrs.disabled).toBeUndefined();
  });

  it('a setting the sweep uses holds the finder, and its description names that setting alone', () => {
    const page = panel({ learningRate: 2, batchSize: 0 });
    const find = button(page, /^Find learning rate$/);
    expect(find.attrs.disabled).toBeDefined();
    const why = byId(page, find.attrs['aria-describedby'])?.text ?? '';
    expect(why).toMatch(/Batch size/);
    expect(why).not.toMatch(/Learning rate/);
  });
});
