import { beforeAll, describe, expect, it } from 'vitest';
import { cardFacts, modelCard } from '../src/core/export/model-card';
import type { TrainOutcome } from '../src/core/pipeline';
import { useBackend } from './helpers';
import { firstModelOnSample, imagesPerClass, shortRunSettings as settings } from './helpers-pipeline';

// classes of different sizes, so a sample's counts cannot match the run's by chance
const images = imagesPerClass([40, 24, 12]);
const classes = ['a', 'b', 'c'];
// every image the run could read, as train-model.ts passes them
const usable = images.map((i) => i.label);
const counted = (o: TrainOutcome) =>
  o.valPredictions.reduce((c, p) => (c[p.label]++, c), [0, 0, 0]).map((v, c) => v + o.imagesPerClass!.train[c]);
const train = (stopAtPlan = false) => firstModelOnSample(classes, images, stopAtPlan);

describe("a first model's card counts the images it used", () => {
  beforeAll(() => useBackend('wasm'));

  it('a first model on a sample: its class table adds up to its training and validation images', async () => {
    const run = train();
    const final = await run.done;
    const f = run.first();
    try {
      expect(f.partOf).toBeDefined();
      const facts = cardFacts(run.backbone, f, f.settings ?? settings, usable);
      expect(facts.classCounts.reduce((a, b) => a + b, 0)).toBe(f.images.train + f.images.val);
      expect(facts.classCounts).toEqual(counted(f));
      const card = modelCard(run.backbone, classes, f.settings ?? settings, facts);
      expect(card).toContain('| class | images used | validation images |');
      facts.classCounts.forEach((n, c) => expect(card).toContain(`| ${classes[c]} | ${n} | ${f.perClass[c].count} |`));
      // the full model used every image
      expect(cardFacts(run.backbone, final, settings, usable).classCounts).toEqual([40, 24, 12]);
    } finally {
      f.head.dispose();
      final.head.dispose();
    }
  });

  it('a first model kept by Stop, judged on every validation image: its sample and every validation image', async () => {
    const run = train(true);
    const kept = await run.done;
    try {
      expect(kept.phase).toBe('first');
      expect(kept.stopped).toBe(true);
      expect(kept.images.train).toBeLessThan(kept.partOf!.train);
      expect(kept.images.val).toBe(kept.partOf!.val);
      const facts = cardFacts(run.backbone, kept, kept.settings ?? settings, usable);
      expect(facts.classCounts.reduce((a, b) => a + b, 0)).toBe(kept.images.train + kept.images.val);
      expect(facts.classCounts).toEqual(counted(kept));
      expect(facts.classCounts).toEqual(run.first().imagesPerClass!.train.map((n, c) => n + kept.perClass[c].count));
    } finally {
      kept.head.dispose();
    }
  });
});
