import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { FirstModel } from '../src/state/training';
import type { TrainSummary } from '../src/worker/protocol';
import { firstModelSentence, firstModelWords } from '../src/ui/first-model-line';
import { trainSummary } from './fixtures/train-summary';

const epoch = (valAccuracy: number) => ({ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy, seconds: 1 });
const summary = (valAccuracy: number, over: Partial<TrainSummary> = {}) =>
  trainSummary({ valAccuracy, history: [epoch(valAccuracy)], images: { train: 160, val: 40 }, ...over });

// the usability review's case: 80.0% on the 15 validation images read by 7.9 s, 72.5% on all 40
const onPart: FirstModel = {
  valAccuracy: 0.8,
  epochs: [epoch(0.5), epoch(0.7), epoch(0.8)],
  seconds: 7.9,
  images: { train: 69, val: 15 },
  partOf: { train: 160, val: 40 },
};

describe("the first model's line reads at a glance", () => {
  it("puts the two models' figures on the same images side by side, and which images in a clause after", () => {
    const words = firstModelWords(onPart, summary(0.8, { firstOnAllVal: 0.725 }), false);
    expect(words.main).toBe(
      'Quick first model (ready 7.9 s after Train, trained on part of the images): 72.5% on all 40 validation images. Full model (augmented views): 80.0%.',
    );
    expect(words.detail).toBe(
      'The first model trained for 3 epochs on 69 of 160 training images, without augmented views.',
    );
    // the sentence the tests and the page's text read is the two parts in that order
    const sentence = firstModelSentence(onPart, summary(0.8, { firstOnAllVal: 0.725 }), false);
    expect(sentence).toBe(`${words.main} ${words.detail}`);
    // one figure for the first model, one for the full: its 80.0% on the 15 read by then, said as
    // well, read as a second score for the same model
    expect(sentence.match(/\d+\.\d%/g)).toEqual(['72.5%', '80.0%']);
    expect(sentence).not.toMatch(/read by then/);
  });

  it('while the full model trains: its own figure, on which images, and that it answers Try it', () => {
    const words = firstModelWords(onPart, summary(0.8, { phase: 'first', images: { train: 69, val: 15 } }), true);
    expect(words.main).toBe(
      'Quick first model (ready 7.9 s after Train, trained on part of the images): 80.0% on 15 of 40 validation images. It answers Try it while the full model (augmented views) trains.',
    );
    expect(words.detail).toBe(
      'The first model trained for 3 epochs on 69 of 160 training images, without augmented views.',
    );
  });

  it('trained on every image: no "part of" anywhere, its figure already on all of them', () => {
    const all: FirstModel = { ...onPart, epochs: [epoch(0.9)], partOf: undefined, images: { train: 160, val: 40 } };
    const words = firstModelWords(all, summary(0.95), false);
    expect(words.main).toBe(
      'Quick first model (ready 7.9 s after Train): 80.0% on all 40 validation images. Full model (augmented views): 95.0%.',
    );
    expect(words.detail).toBe(
      'The first model trained for 1 epoch on all 160 training images, without augmented views.',
    );
  });

  it('trained on every image and ahead of the full model on the same images: says so, with what to try for the recipe used', () => {
    const all: FirstModel = {
      ...onPart,
      epochs: [epoch(1)],
      partOf: undefined,
      images: { train: 24, val: 6 },
      valAccuracy: 1,
    };
    expect(firstModelWords(all, summary(5 / 6, { images: { train: 24, val: 6 } }), false).main).toBe(
      'Quick first model (ready 7.9 s after Train): 100.0% on all 6 validation images. Full model (augmented views): 83.3%. The first model did a little better on these 6 images, by less than they can tell apart.',
    );
    const many: FirstModel = { ...all, images: { train: 800, val: 200 }, valAccuracy: 0.9 };
    const behind = (recipe: 'auto' | 'manual') =>
      firstModelWords(many, summary(0.7, { images: many.images, settings: { ...DEFAULT_SETTINGS, recipe } }), false)
        .main;
    expect(behind('manual')).toContain(
      'The first model did clearly better on these 200 images: the augmented views did not help them; try "Augmented views per image" 0 in Training settings.',
    );
    expect(behind('auto')).toContain('Head recipe "manual" in Training settings trains one on every image.');
  });

  it("an older result without the first model's figure on every image says the full model's is on all of them", () => {
    const words = firstModelWords(onPart, summary(0.85), false);
    expect(words.main).toBe(
      'Quick first model (ready 7.9 s after Train, trained on part of the images): 80.0% on 15 of 40 validation images. Full model (augmented views): 85.0% on all 40.',
    );
  });
});
