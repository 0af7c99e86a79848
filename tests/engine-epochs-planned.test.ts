import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type TrainOutcome } from '../src/core/pipeline';
import type { Checkpoint } from '../src/core/train/epochs';
import { plannedEpochs, type InterruptedRun } from '../src/core/train/interrupted';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { runEvents } from '../src/state/training-events';
import type { TrainingState } from '../src/state/training';
import { fakeBackbone, solidImage, useBackend } from './helpers';

/** A bare training store, as a run starts it (training-run.ts: the epochs the settings ask for). */
function store(settings: TrainSettings) {
  let state = {
    status: 'extracting',
    phase: null,
    batches: [],
    epochs: [],
    epochsPlanned: settings.epochs,
  } as unknown as TrainingState;
  return {
    get: () => state,
    set: (patch: Partial<TrainingState> | ((s: TrainingState) => Partial<TrainingState>)) => {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    },
  };
}

const images = [0, 1].flatMap((label) => Array.from({ length: 20 }, (_, i) => ({ id: `c${label}-${i}`, label })));
const decode = async (id: string) => {
  const i = Number(id.split('-')[1]);
  return solidImage(8, 8, [Number(id[1]) * 60 + ((i * 13) % 90), (i * 37) % 256, 10]);
};

describe('the epochs a run plans under the automatic recipe', () => {
  beforeAll(() => useBackend('wasm'));
  const settings = { ...DEFAULT_SETTINGS };

  for (const twoPhase of [true, false])
    it(`are the ones the full model trains (${twoPhase ? 'with' : 'without'} a first model), and its checkpoints keep them`, async () => {
      const before = tf.memory().numTensors;
      const s = store(settings);
      const events = runEvents({ ...s, names: new Map(), firstModel: () => undefined, fellBack: () => undefined });
      let first: TrainOutcome | null = null;
      let last: Checkpoint | null = null;
      const final = await trainPipeline({
        classes: ['a', 'b'],
        images,
        decode,
        settings,
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        firstModelBudget: { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 },
        onEvent: events.onEvent,
        onCheckpoint: (c) => (last = c),
        ...(twoPhase && { onFirstModel: (f: TrainOutcome) => (first = f) }),
      });
      events.finish();
      expect(!!first).toBe(twoPhase);
      expect(final.recipe).not.toBeNull();
      const ran = final.history.length;
      // the recipe chose other epochs than the field's (25, 50 or 100 against 60)
      expect(final.recipe!.chosen.epochs).toBe(ran);
      expect(ran).not.toBe(settings.epochs);
      // the page's count ("epoch N of M") ends where the run ends
      expect(s.get().epochs).toHaveLength(ran);
      expect(s.get().epochsPlanned).toBe(ran);
      // an interrupted run says "after epoch N of" the epochs it planned
      const run: InterruptedRun = {
        checkpoint: last!,
        settings,
        classes: ['a', 'b'],
        images,
        backboneId: 'fake',
        savedAt: '2026-01-01T00:00:00Z',
        split: 2,
      };
      expect(last!.epoch).toBe(ran);
      expect(plannedEpochs(run)).toBe(ran);
      (first as TrainOutcome | null)?.head.dispose();
      final.head.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

  it('a checkpoint kept before the plan was stored reads the settings’ epochs', () => {
    const old: InterruptedRun = {
      checkpoint: { epoch: 3, history: [], values: [], early: null },
      settings: { ...DEFAULT_SETTINGS, epochs: 40 },
      classes: ['a', 'b'],
      images: [],
      backboneId: 'fake',
      savedAt: '2026-01-01T00:00:00Z',
      split: 2,
    };
    expect(plannedEpochs(old)).toBe(40);
  });
});
