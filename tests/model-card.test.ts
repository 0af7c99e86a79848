import { describe, expect, it } from 'vitest';
import { countByClass, modelCard, paramSplit } from '../src/core/export/model-card';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { backboneBlocks } from '../src/core/finetune/blocks';
import { fakeBackbone, localCandidate, useBackend } from './helpers';

const facts = {
  classCounts: [10, 4],
  valAccuracy: 0.75,
  perClass: [
    { count: 2, accuracy: 1, precision: 0.667, f1: 0.8 },
    { count: 2, accuracy: 0.5, precision: 1, f1: 0.667 },
  ],
  boundary: 'conv_pw_11_relu',
  trainableParams: 1234,
  frozenParams: 5678,
  backend: 'wasm',
};

describe('modelCard', () => {
  it('states the backbone, the freeze configuration, every setting and per-class metrics', () => {
    const bb = fakeBackbone();
    const card = modelCard(
      bb,
      ['cat', 'dog'],
      { ...DEFAULT_SETTINGS, unfreeze: 2 },
      facts,
      new Date('2026-11-28T10:00:00Z'),
    );
    expect(card).toContain('2026-11-28 (wasm backend)');
    expect(card).toContain('top 2 backbone blocks fine-tuned above `conv_pw_11_relu`');
    expect(card).toContain('1,234 trained, 5,678 frozen');
    expect(card).toContain('Validation accuracy: **75.0%**');
    expect(card).toContain('| cat | 10 | 2 | 100.0% | 66.7% | 0.800 |');
    expect(card).toContain('| dog | 4 | 2 | 50.0% | 100.0% | 0.667 |');
    for (const key of Object.keys(DEFAULT_SETTINGS)) expect(card).toContain(`| ${key} |`);
    expect(card).toContain('not from the stock one');
    // the fake backbone has no layers model, as a graph-model backbone: the card does not promise a whole model.json
    expect(card).toContain('- No whole model: ');
    expect(card).not.toContain('the whole model (backbone and head)');
    expect(card).not.toContain('@teachablemachine/image loads `model.json`');
    // nor a comparison with the Teachable Machine library, which cannot load it
    expect(card).not.toContain('The Teachable Machine library scales pixels');
    expect(card).not.toContain('Feature standardisation (`featureNorm`)');
    // standardised features are folded into the head: the card says not to standardise again
    expect(modelCard(bb, ['cat', 'dog'], { ...DEFAULT_SETTINGS, featureNorm: 'standardise' }, facts)).toContain(
      'so `head/` takes the raw pooled features (as in `golden.json`); standardising them again would be wrong',
    );
  });

  it('a class the model never predicted has no precision: the card says so rather than 0%', () => {
    const never = {
      ...facts,
      perClass: [facts.perClass[0], { count: 2, accuracy: 0, precision: 0, f1: 0, predicted: 0 }],
    };
    const card = modelCard(fakeBackbone(), ['cat', 'dog'], DEFAULT_SETTINGS, never);
    expect(card).toContain('| dog | 4 | 2 | 0.0% | never predicted | 0.000 |');
  });

  it('escapes markdown and HTML in class names so they stay text', () => {
    const card = modelCard(fakeBackbone(), ['<img src=x onerror=alert(1)>', 'a|b'], DEFAULT_SETTINGS, facts);
    expect(card).not.toContain('<img');
    expect(card).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(card).toContain('a\\|b');
    expect(card).toContain('whole backbone frozen (head only)');
  });
});

describe('paramSplit and countByClass', () => {
  it('head only: every backbone parameter is frozen', () => {
    const bb = fakeBackbone();
    expect(paramSplit(bb, 100, 0)).toEqual({ trainable: 100, frozen: bb.paramCount });
  });

  it('fine-tuning moves the top blocks from frozen to trainable on a real MobileNet', async () => {
    await useBackend('cpu');
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const { backbone } = await loadBackbone(spec, [localCandidate(spec)]);
    try {
      const blocks = backboneBlocks(backbone);
      // their trainable weights: the BatchNorm moving statistics stay frozen
      const top2 = blocks[blocks.length - 1].trainableParams + blocks[blocks.length - 2].trainableParams;
      expect(top2).toBeGreaterThan(0);
      const split = paramSplit(backbone, 500, 2);
      expect(split).toEqual({ trainable: 500 + top2, frozen: backbone.paramCount - top2 });
    } finally {
      backbone.dispose();
    }
  });

  it('counts images per class, empty classes included', () => {
    expect(countByClass([0, 2, 2, 0, 2], 4)).toEqual([2, 0, 3, 0]);
  });
});
