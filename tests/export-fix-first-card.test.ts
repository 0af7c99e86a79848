import { beforeAll, describe, expect, it } from 'vitest';
import { cardFacts, modelCard } from '../src/core/export/model-card';
import type { TrainOutcome } from '../src/core/pipeline';
import { buildHead } from '../src/core/train/head';
import { fakeBackbone, useBackend } from './helpers';
import { firstModelOnSample, imagesPerClass, shortRunSettings as settings } from './helpers-pipeline';

const images = imagesPerClass([40, 40]);
const usable = images.map((i) => i.label);

/** the card of a first model Stop kept, on these images (and part of the run's) */
function keptFirstCard(on: Pick<TrainOutcome, 'images' | 'partOf'>) {
  const backbone = fakeBackbone();
  const head = buildHead(backbone.spec.featureSize, 2, 0, 0, 1);
  const kept = {
    head,
    classes: ['a', 'b'],
    ...on,
    phase: 'first',
    stopped: true,
    valAccuracy: 0.75,
    valAccuracyInterval: [0.5, 0.9],
    perClass: [],
  } as unknown as TrainOutcome;
  return { head, card: modelCard(backbone, ['a', 'b'], settings, cardFacts(backbone, kept, settings, usable)) };
}

describe("a first model's card says it trained on part of the images", () => {
  beforeAll(() => useBackend('wasm'));

  it('a first model on a sample: the line gives its part of the run, and the table counts that part', async () => {
    const run = firstModelOnSample(['a', 'b'], images);
    const final = await run.done;
    const f = run.first();
    const { backbone } = run;
    try {
      expect(f.partOf).toBeDefined();
      expect(f.images.train).toBeLessThan(f.partOf!.train);
      const facts = cardFacts(backbone, f, f.settings ?? settings, usable);
      const card = modelCard(backbone, ['a', 'b'], f.settings ?? settings, facts);
      expect(card).toContain(
        `First model: trained on ${f.images.train} of ${f.partOf!.train} training images and validated on ${f.images.val} of ${f.partOf!.val} validation images while the full model was being made.`,
      );
      expect(card).toContain(`on ${f.images.val} validation images`);
      // the table counts the part it used, as the line says (it counted the run's every image)
      expect(card).toContain('| class | images used | validation images |');
      expect(facts.classCounts.reduce((a, b) => a + b, 0)).toBe(f.images.train + f.images.val);
      // the full model trained on every image: no such line, and its table counts what it used
      const full = modelCard(backbone, ['a', 'b'], settings, cardFacts(backbone, final, settings, usable));
      expect(full).not.toContain('First model:');
      expect(full).toContain('| class | images | validation images |');
      expect(final.images.train + final.images.val).toBe(images.length);
    } finally {
      f.head.dispose();
      final.head.dispose();
    }
  });

  it('a first model kept by Stop, judged on every validation image, says so', () => {
    const { head, card } = keptFirstCard({ images: { train: 6, val: 16 }, partOf: { train: 64, val: 16 } });
    try {
      expect(card).toContain(
        'First model: trained on 6 of 64 training images and validated on all 16 validation images while the full model was being made; Stop ended the run and kept it.',
      );
    } finally {
      head.dispose();
    }
  });

  it('a first model on every image (the run had them all ready), kept by Stop, says what it is', () => {
    const { head, card } = keptFirstCard({ images: { train: 64, val: 16 } });
    try {
      // it read as the full model: nothing said it skipped the augmented views and the full training
      expect(card).toContain(
        'First model: trained on all 64 training images without augmented views, for a few epochs, while the full model was being made; Stop ended the run and kept it.',
      );
      expect(card).toContain('| class | images used | validation images |');
    } finally {
      head.dispose();
    }
  });
});
