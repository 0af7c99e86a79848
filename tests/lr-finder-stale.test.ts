import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSettings } from '../src/core/train/settings';
import type { ProjectClass } from '../src/state/project';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker } = await import('./fake-worker');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { lrSuggestionContext, sweepChanges, useLrSuggestion } = await import('../src/state/lr-suggestion');

const initial = useLrSuggestion.getState();
const classes = [
  { id: 'a', name: 'a', images: [{ id: 'a1', file: new Blob() }] },
  { id: 'b', name: 'b', images: [{ id: 'b1', file: new Blob() }] },
] as unknown as ProjectClass[];
const curve = { points: [{ lr: 1e-3, loss: 1 }], suggestion: 0.0031234, diverged: false };
let settings: TrainSettings;
let used: number[];

/** a sweep that answers when told to */
function heldSweep() {
  let answer!: (r: typeof curve) => void;
  worker.findLearningRate = () => new Promise((resolve) => (answer = resolve));
  const done = useLrSuggestion.getState().run();
  return { answer: (r = curve) => answer(r), done };
}

beforeEach(() => {
  resetWorker();
  useLrSuggestion.setState(initial, true);
  settings = { ...DEFAULT_SETTINGS };
  used = [];
  lrSuggestionContext.connect({
    settings: () => settings,
    classes: () => classes,
    useRate: (rate) => used.push(rate),
    running: () => false,
    headLost: () => undefined,
  });
});

describe('the learning-rate finder', () => {
  it('a sweep the images changed under is dropped when it returns, and says so', async () => {
    const sweep = heldSweep();
    expect(useLrSuggestion.getState().status).toBe('extracting');
    useLrSuggestion.getState().forget();
    // the sweep goes on in the worker: its progress stays on screen until it returns
    expect(useLrSuggestion.getState().status).toBe('extracting');
    sweep.answer();
    await sweep.done;
    expect(useLrSuggestion.getState()).toMatchObject({
      status: 'idle',
      points: [],
      suggestion: null,
      notice: 'The images changed while the finder ran: run it again.',
    });
    useLrSuggestion.getState().apply();
    expect(used).toEqual([]);
    // the next sweep holds, and clears the notice
    const again = heldSweep();
    expect(useLrSuggestion.getState().notice).toBeNull();
    again.answer();
    await again.done;
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'done', suggestion: curve.suggestion });
  });

  it('a sweep that fails after the images changed says they changed, not its error', async () => {
    let fail!: (err: Error) => void;
    worker.findLearningRate = () => new Promise((_, reject) => (fail = reject));
    const done = useLrSuggestion.getState().run();
    useLrSuggestion.getState().forget('The backbone');
    fail(new Error('Some class has no images'));
    await done;
    expect(useLrSuggestion.getState()).toMatchObject({
      status: 'idle',
      error: null,
      notice: 'The backbone changed while the finder ran: run it again.',
    });
  });

  it('the suggestion is for the settings the sweep ran with: another batch size, dropout or split makes it stale', async () => {
    const sweep = heldSweep();
    sweep.answer();
    await sweep.done;
    const { sweptWith } = useLrSuggestion.getState();
    expect(sweepChanges(sweptWith, settings)).toEqual([]);
    // what the sweep did not depend on leaves it as it was: the rate itself, the epochs, the blocks
    settings = { ...settings, learningRate: 0.01, recipe: 'manual', epochs: 7, unfreeze: 2, augmentViews: 3 };
    expect(sweepChanges(sweptWith, settings)).toEqual([]);
    useLrSuggestion.getState().apply();
    expect(used).toEqual([0.0031]);
    for (const [change, label] of [
      [{ batchSize: 64 }, 'Batch size'],
      [{ hiddenUnits: 0 }, 'Hidden units'],
      [{ dropout: 0.2 }, 'Dropout'],
      [{ weightDecay: 0.01 }, 'Weight decay'],
      [{ classWeights: false }, 'Class weights'],
      [{ cropMode: 'squash' }, 'Crop'],
      [{ valSplit: 0.3 }, 'Validation split'],
      [{ seed: 2 }, 'Seed'],
    ] as [Partial<TrainSettings>, string][]) {
      expect(sweepChanges(sweptWith, { ...settings, ...change })).toEqual([label]);
    }
    settings = { ...settings, batchSize: 64, dropout: 0.2 };
    expect(sweepChanges(sweptWith, settings)).toEqual(['Batch size', 'Dropout']);
    useLrSuggestion.getState().apply();
    expect(used).toEqual([0.0031]);
    // set back, the curve holds again
    settings = { ...settings, batchSize: DEFAULT_SETTINGS.batchSize, dropout: DEFAULT_SETTINGS.dropout };
    useLrSuggestion.getState().apply();
    expect(used).toEqual([0.0031, 0.0031]);
  });

  it('settings changed while it sweeps make its suggestion stale once it returns', async () => {
    const sweep = heldSweep();
    settings = { ...settings, batchSize: 16 };
    sweep.answer();
    await sweep.done;
    expect(useLrSuggestion.getState().status).toBe('done');
    expect(sweepChanges(useLrSuggestion.getState().sweptWith, settings)).toEqual(['Batch size']);
  });
});
