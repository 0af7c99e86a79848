import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { paramSplit } from '../src/core/export/model-card';
import { backboneBlocks } from '../src/core/finetune/blocks';
import { trainedBlocks } from '../src/core/finetune/freeze';
import { backboneTotals } from '../src/ui/layer-geometry';
import { localCandidate, useBackend } from './helpers';

let v1: Backbone;
beforeAll(async () => {
  await useBackend('cpu');
  const spec = getBackboneSpec('mobilenet-v1-0.25');
  v1 = (await loadBackbone(spec, [localCandidate(spec)])).backbone;
});
afterAll(() => v1?.dispose());

const size = (shape: (number | null)[]) => shape.reduce<number>((a, b) => a * b!, 1);

describe('trainable parameters of the blocks', () => {
  it("count each layer's trainable weights only: a BatchNorm's moving mean and variance never train", () => {
    const blocks = backboneBlocks(v1);
    for (const b of blocks) {
      for (const l of b.layers) {
        const layer = v1.featureModel!.getLayer(l.name);
        expect(l.trainableParams, l.name).toBe(layer.trainableWeights.reduce((n, w) => n + size(w.shape), 0));
        if (l.className === 'BatchNormalization') expect(l.trainableParams).toBe(l.params / 2);
      }
      expect(b.trainableParams).toBe(b.layers.reduce((n, l) => n + l.trainableParams, 0));
      // the old field keeps its meaning: every weight, trainable or not
      expect(b.params).toBe(b.layers.reduce((n, l) => n + l.params, 0));
    }
    const all = blocks.reduce((n, b) => n + b.trainableParams, 0);
    expect(all).toBeLessThan(v1.paramCount);
  });

  it('the model card and the layer map split trained from frozen with them, kept-frozen blocks out', () => {
    const blocks = backboneBlocks(v1);
    const top2 = blocks.slice(-2).reduce((n, b) => n + b.trainableParams, 0);
    expect(top2).toBeLessThan(blocks.slice(-2).reduce((n, b) => n + b.params, 0));
    expect(paramSplit(v1, 500, 2)).toEqual({ trainable: 500 + top2, frozen: v1.paramCount - top2 });
    expect(backboneTotals(blocks, 2, [])).toEqual({ trainable: top2, frozen: v1.paramCount - top2 });
    // one of three kept frozen
    const kept = blocks.at(-2)!.name;
    const two = trainedBlocks(blocks, 3, [kept]).reduce((n, b) => n + b.trainableParams, 0);
    expect(paramSplit(v1, 500, 3, [kept])).toEqual({ trainable: 500 + two, frozen: v1.paramCount - two });
    expect(backboneTotals(blocks, 3, [kept])).toEqual({ trainable: two, frozen: v1.paramCount - two });
  });
});
