import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { readTrained, trainedBytes } = await import('../src/state/result-file');
const { keepSavedModel, loadSavedModel, forgetSavedModel, keepInterrupted, loadInterrupted, forgetInterrupted } =
  await import('../src/state/model-store');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { closeDatabases } = await import('../src/core/storage/databases');

/** a result as an earlier version kept it: no interval, no resume, no starting point */
const {
  valAccuracyInterval: _interval,
  resumedFrom: _resumed,
  startedFrom: _start,
  ...kept
} = trainSummary({ valAccuracy: 0.75, images: { train: 30, val: 20 } });
const older = kept as TrainSummary;

afterEach(async () => {
  await forgetSavedModel();
  await forgetInterrupted();
  await closeDatabases();
});

describe('a result an earlier version kept', () => {
  it('opens from a project zip, its interval worked out from its accuracy on its validation images', () => {
    const { result } = readTrained(trainedBytes({ result: older, savedAt: '2026-11-01T00:00:00.000Z' }));
    const [lo, hi] = result.valAccuracyInterval;
    // 15 of 20 right: the Wilson interval is about 53% to 89%
    expect(lo).toBeCloseTo(0.531, 2);
    expect(hi).toBeCloseTo(0.888, 2);
    expect(result).toMatchObject({ resumedFrom: null, startedFrom: null, valAccuracy: 0.75 });
  });

  it('is read back from storage with the same fields, ready for Evaluate', async () => {
    await keepSavedModel({ zip: Uint8Array.of(1), result: older, savedAt: '2026-11-01T00:00:00.000Z' });
    const { result } = (await loadSavedModel())!;
    expect(result.valAccuracyInterval[0]).toBeCloseTo(0.531, 2);
    expect(result).toMatchObject({ resumedFrom: null, startedFrom: null });
  });
});

describe('a run an earlier version cut short', () => {
  it('resumes with the hand-set head it trained (the automatic recipe did not exist yet)', async () => {
    const settings = { ...DEFAULT_SETTINGS, hiddenUnits: 128, epochs: 30 };
    await keepInterrupted({
      checkpoint: { epoch: 3, history: [], values: [], early: null },
      settings,
      classes: ['cats', 'dogs'],
      images: [],
      backboneId: 'mobilenet-v1-0.25',
      savedAt: 'then',
    } as never);
    expect((await loadInterrupted())?.settings).toEqual({ ...settings, recipe: 'manual' });
  });

  it('keeps what the run trained with that the form would not take: 22 blocks of a brought backbone', async () => {
    const settings = { ...DEFAULT_SETTINGS, unfreeze: 22 };
    await keepInterrupted({
      checkpoint: { epoch: 3, history: [], values: [], early: null },
      settings,
      classes: ['cats', 'dogs'],
      images: [],
      backboneId: 'custom-deep',
      savedAt: 'then',
    } as never);
    expect((await loadInterrupted())?.settings).toEqual(settings);
  });
});
