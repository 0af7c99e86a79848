import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { recordRun, runLabel, tunedBlocks, tunedBlocksText } from '../src/state/run-record';
import type { TrainSummary } from '../src/worker/protocol';

describe('the blocks a fine-tuning run trained, in words', () => {
  it('counts the blocks kept frozen inside the trainable top out', () => {
    expect(tunedBlocks({ unfreeze: 0 })).toEqual({ trained: 0, kept: 0 });
    expect(tunedBlocks({ unfreeze: 3 })).toEqual({ trained: 3, kept: 0 });
    expect(tunedBlocks({ unfreeze: 3, frozenBlocks: ['block_12'] })).toEqual({ trained: 2, kept: 1 });
    // a head-only setting with kept-frozen names left behind trains no block
    expect(tunedBlocks({ unfreeze: 0, frozenBlocks: ['block_12'] })).toEqual({ trained: 0, kept: 0 });
  });

  it('the results say how many trained and how many were kept frozen, as the layer map does', () => {
    expect(tunedBlocksText({ unfreeze: 1 })).toBe('the top 1 backbone block');
    expect(tunedBlocksText({ unfreeze: 3, frozenBlocks: [] })).toBe('the top 3 backbone blocks');
    expect(tunedBlocksText({ unfreeze: 3, frozenBlocks: ['block_12'] })).toBe(
      '2 of the top 3 backbone blocks (1 kept frozen)',
    );
    expect(tunedBlocksText({ unfreeze: 3, frozenBlocks: ['block_11', 'block_12'] })).toBe(
      '1 of the top 3 backbone blocks (2 kept frozen)',
    );
  });

  it("a run's label in the history counts the blocks it trained", () => {
    const s = { ...DEFAULT_SETTINGS, unfreeze: 3, frozenBlocks: ['block_12'] };
    expect(runLabel(s, 4)).toBe(
      'fine-tune 2 blocks (1 kept frozen), lr 0.001, 512 units, dropout 0.5, L2 0.0001, 4 views',
    );
    expect(runLabel({ ...s, frozenBlocks: [] }, 4)).toMatch(/^fine-tune 3 blocks, /);
    expect(runLabel({ ...s, unfreeze: 0 }, 2)).toMatch(/^head only, /);
  });

  it("an automatic-recipe run is labelled with what it trained, not the form's fields", () => {
    const asked = { ...DEFAULT_SETTINGS, recipe: 'auto' as const };
    const trainedWith = {
      ...asked,
      hiddenUnits: 0,
      dropout: 0,
      learningRate: 0.01,
      weightDecay: 0.001,
      augmentViews: 2,
    };
    const result = {
      settings: asked,
      trainedWith,
      valAccuracy: 0.9,
      history: [],
      bestEpoch: null,
      seconds: { extract: 1, train: 1 },
      classes: ['a', 'b'],
      images: { train: 8, val: 2 },
    } as unknown as TrainSummary;
    expect(recordRun(result, 1, [], 'mobilenet-v1-0.25').label).toBe(
      'head only, lr 0.01, linear head, L2 0.001, 2 views',
    );
    // results kept before it was recorded: the settings asked for
    expect(recordRun({ ...result, trainedWith: undefined }, 1, [], undefined).label).toMatch(
      /, 512 units, dropout 0.5, /,
    );
  });
});
