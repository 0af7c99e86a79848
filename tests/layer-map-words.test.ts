import { describe, expect, it } from 'vitest';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { choiceSentence, fineTuneHeadWords, headInput } from '../src/ui/layer-map-words';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

describe('the layer map’s plain sentence for the current choice', () => {
  it('says head only is the fast choice that suits most projects', () => {
    expect(choiceSentence({ blocks: 14, unfreeze: 0, trained: 0 })).toBe(
      'Only the small head on top trains; the backbone stays as it is. That is fastest and right for most projects.',
    );
  });

  it('names how many top blocks train, that it is slower, and when it can help', () => {
    const one = choiceSentence({ blocks: 14, unfreeze: 1, trained: 1 });
    expect(one).toMatch(/^The top block trains with the head: slower, /);
    const two = choiceSentence({ blocks: 14, unfreeze: 2, trained: 2 });
    expect(two).toMatch(/^The top 2 blocks train with the head: slower, /);
    // measured: a gain only on the dataset farthest from everyday photos, none separable elsewhere
    expect(two).toMatch(/can help with photos unlike everyday ones \(hand signs/);
    expect(two).toMatch(/for most projects it changes little\.$/);
    expect(two).not.toMatch(/block_|parameters|layers|frozen/);
  });

  it('says much slower from 3 blocks on, and every block when the whole backbone trains', () => {
    expect(choiceSentence({ blocks: 14, unfreeze: 3, trained: 3 })).toMatch(
      /^The top 3 blocks train with the head: much slower, /,
    );
    expect(choiceSentence({ blocks: 14, unfreeze: 14, trained: 14 })).toMatch(
      /^Every block of the backbone trains with the head: much slower, /,
    );
  });

  it('counts the blocks that train when some near the top are kept as they are', () => {
    // a block kept as it is above the boundary still runs every step: the pace is the boundary's
    expect(choiceSentence({ blocks: 14, unfreeze: 3, trained: 2 })).toMatch(
      /^2 blocks near the top train with the head \(1 kept as it is\): much slower, /,
    );
    expect(choiceSentence({ blocks: 14, unfreeze: 14, trained: 12 })).toMatch(
      /^12 blocks near the top train with the head \(2 kept as they are\): much slower, /,
    );
    expect(choiceSentence({ blocks: 14, unfreeze: 2, trained: 1 })).toMatch(
      /^1 block near the top trains with the head \(1 kept as it is\): slower, /,
    );
  });
});

describe('what the head reads, from the backbone', () => {
  const block = (name: string, layers: string[], outputShape: number[]) => ({
    name,
    layers: layers.map((l) => ({ name: l })),
    outputLayer: layers.at(-1)!,
    outputShape,
  });
  const v1Blocks = [
    block('stem', ['conv1', 'conv1_relu'], [112, 112, 8]),
    block('block_11', ['conv_dw_11', 'conv_pw_11', 'conv_pw_11_relu'], [14, 14, 128]),
    block('block_12', ['conv_dw_12', 'conv_pw_12_relu'], [7, 7, 256]),
    block('block_13', ['conv_dw_13', 'conv_pw_13', 'conv_pw_13_relu'], [7, 7, 256]),
  ];
  // MobileNetV2's earlier map is the expansion inside block_13, not a block's output
  const v2Blocks = [
    block('stem', ['Conv1', 'Conv1_relu'], [112, 112, 16]),
    block('block_13', ['block_13_expand', 'block_13_expand_relu', 'block_13_project_BN'], [7, 7, 56]),
    block('block_16', ['block_16_expand', 'block_16_project_BN'], [7, 7, 112]),
    block('Conv_1', ['Conv_1', 'Conv_1_bn', 'out_relu'], [7, 7, 1280]),
  ];

  it('says in plain words that the head sees the big picture and finer detail, where it reads two depths', () => {
    for (const [id, blocks] of [
      ['mobilenet-v1-0.25', v1Blocks],
      ['mobilenet-v2-0.35', v2Blocks],
      ['mobilenet-v2-0.35@320', v2Blocks],
    ] as const) {
      const reads = headInput(getBackboneSpec(id), blocks)!;
      expect(reads.plain).toMatch(/big picture/);
      expect(reads.plain).toMatch(/finer detail/);
      // no layer names, counts or "features": those are for the curious
      expect(reads.plain).not.toMatch(/block_|conv|relu|\d|features|averaged/i);
    }
  });

  it('keeps the exact layers and counts, read from the backbone, for the blocks they come from', () => {
    const v1 = headInput(getBackboneSpec('mobilenet-v1-0.25'), v1Blocks)!;
    expect(v1.exact).toBe(
      "The head reads conv_pw_13_relu (block_13's output) and conv_pw_11_relu (block_11's output), each averaged over the image: 256 + 128 = 384 features.",
    );
    expect(v1.blocks).toEqual(['block_13', 'block_11']);
    const v2 = headInput(getBackboneSpec('mobilenet-v2-0.35'), v2Blocks)!;
    expect(v2.exact).toBe(
      "The head reads out_relu (Conv_1's output) and block_13_expand_relu (inside block_13), each averaged over the image: 1280 + 192 = 1472 features.",
    );
    expect(v2.blocks).toEqual(['Conv_1', 'block_13']);
  });

  it('says nothing extra where the head reads one layer only (a graph or brought backbone)', () => {
    const one = headInput({ featureLayer: 'conv_pw_13_relu', featureSize: 256 }, v1Blocks)!;
    expect(one.plain).toBeNull();
    expect(one.exact).toBe(
      "The head reads conv_pw_13_relu (block_13's output), averaged over the image: 256 features.",
    );
    expect(one.blocks).toEqual(['block_13']);
    // a backbone without blocks has no map to put it on
    expect(headInput(getBackboneSpec('mobilenet-v1-0.25-graph'), [])).toBeNull();
  });
});

describe("the layer map's line on a fine-tuning run's head", () => {
  it('says nothing for a head-only run', () => {
    expect(fineTuneHeadWords(DEFAULT_SETTINGS)).toBeNull();
  });

  it('says the head it trains once blocks are unfrozen, and that the automatic recipe does not choose it', () => {
    expect(fineTuneHeadWords({ ...DEFAULT_SETTINGS, unfreeze: 3 })).toBe(
      'Fine-tuning trains its head as set in the Train step, not by the automatic recipe (that is for head-only runs): a hidden layer of 512 units (dropout 0.5), learning rate 0.001 on a cosine schedule, 60 epochs, 4 augmented views per image.',
    );
  });

  it('under the manual recipe, the fields as they are set', () => {
    const manual = {
      ...DEFAULT_SETTINGS,
      recipe: 'manual' as const,
      unfreeze: 1,
      hiddenUnits: 0,
      dropout: 0,
      augmentViews: 1,
      lrSchedule: 'one-cycle' as const,
      epochs: 12,
    };
    expect(fineTuneHeadWords(manual)).toBe(
      'Fine-tuning trains its head as set in the Train step: a linear head, learning rate 0.001 on a one-cycle schedule, 12 epochs, 1 augmented view per image.',
    );
  });
});
