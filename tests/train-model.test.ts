import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { buildHead } from '../src/core/train/head';
import { readHead } from '../src/core/model-import/head-start';
import { trainPipeline, type PipelineEvent } from '../src/core/pipeline';
import type { Checkpoint } from '../src/core/train/epochs';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { trainModel, type FallbackRunner } from '../src/core/train-model';
import { localCandidate, redGreenImages, useBackend } from './helpers';

let backbone: Backbone;
const { classes, images, decode } = redGreenImages();
const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  epochs: 3,
  batchSize: 4,
  augmentViews: 0,
  valSplit: 0.34,
  recipe: 'manual',
};

beforeAll(async () => {
  await useBackend('wasm');
  backbone = (
    await loadBackbone(getBackboneSpec('mobilenet-v1-0.25'), [localCandidate(getBackboneSpec('mobilenet-v1-0.25'))])
  ).backbone;
});
afterAll(() => backbone?.dispose());

describe('trainModel, the train use case the worker and the CLI share', () => {
  it('trains exactly as the pipeline does and returns the card facts an export needs', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const direct = await trainPipeline({ backbone, classes, images, decode, cache, settings });
    const viaUseCase = await trainModel({ backbone: () => backbone, cache, decode }, { classes, images, settings });
    expect(viaUseCase.outcome.history.map(({ seconds: _s, ...m }) => m)).toEqual(
      direct.history.map(({ seconds: _s, ...m }) => m),
    );
    expect(viaUseCase.outcome.valPredictions).toEqual(direct.valPredictions);
    expect(viaUseCase.trainedOn).toBe('wasm');
    expect(viaUseCase.startedFrom).toBeNull();
    expect(viaUseCase.card.classCounts).toEqual([6, 6]);
    expect(viaUseCase.card.valAccuracy).toBe(viaUseCase.outcome.valAccuracy);
    expect(viaUseCase.card.trainableParams).toBe(viaUseCase.outcome.head.model.countParams());
    direct.head.dispose();
    viaUseCase.outcome.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs through the fallback it is given, with the checkpoint sink throttled and every epoch seen by the fault hook', async () => {
    const runs: { start?: Checkpoint; side: string | null }[] = [];
    const fallback: FallbackRunner = async (run, start, side) => {
      runs.push({ start, side });
      return run(
        start,
        () => undefined,
        () => false,
        [],
      );
    };
    const sunk: number[] = [];
    const seen: number[] = [];
    const events: PipelineEvent['type'][] = [];
    let extracted = 0;
    const trained = await trainModel(
      {
        backbone: () => backbone,
        cache: new FeatureCache(),
        decode,
        fallback,
        // a minute apart: only the first epoch's checkpoint reaches the sink
        checkpoints: { sink: (c) => sunk.push(c.epoch), everyMs: 60_000 },
        afterEpoch: (c) => seen.push(c.epoch),
        onFeaturesExtracted: () => extracted++,
      },
      { classes, images, settings, onEvent: (e) => events.push(e.type) },
    );
    expect(runs).toEqual([{ start: undefined, side: null }]);
    expect(sunk).toEqual([1]);
    expect(seen).toEqual([1, 2, 3]);
    expect(extracted).toBe(1);
    expect(events).toContain('epoch');
    trained.outcome.head.dispose();
  });

  it('continues an imported head (head only), and refuses to fine-tune from one', async () => {
    const head = buildHead(backbone.spec.featureSize, 2, 0, 0, 3);
    const headStart = await readHead(head.model, ['green', 'red'], 'an imported model');
    head.dispose();
    const fallback: FallbackRunner = (run, start) => {
      expect(start?.epoch).toBe(0);
      return run(
        start,
        () => undefined,
        () => false,
        [],
      );
    };
    const trained = await trainModel(
      { backbone: () => backbone, cache: new FeatureCache(), decode, fallback },
      { classes, images, settings: { ...settings, hiddenUnits: 0 }, headStart },
    );
    expect(trained.startedFrom).toBe('an imported model');
    trained.outcome.head.dispose();
    await expect(
      trainModel(
        { backbone: () => backbone, cache: new FeatureCache(), decode },
        { classes, images, settings: { ...settings, unfreeze: 1 }, headStart },
      ),
    ).rejects.toThrow(/Continuing an imported model trains its head only/);
    // the automatic recipe would train another head shape on standardised features
    await expect(
      trainModel(
        { backbone: () => backbone, cache: new FeatureCache(), decode },
        { classes, images, settings: { ...settings, recipe: 'auto' }, headStart },
      ),
    ).rejects.toThrow(/Continuing an imported model trains the head it brings: set Head recipe to manual/);
  });
});
