import { beforeAll, describe, expect, it } from 'vitest';
import { cardFacts, modelCard } from '../src/core/export/model-card';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type TrainOutcome } from '../src/core/pipeline';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, solidImage, useBackend } from './helpers';

// classes of different sizes, so a sample's counts cannot match the run's by chance
const images = [40, 24, 12].flatMap((n, label) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${label}-${i}`, label })),
);
const classes = ['a', 'b', 'c'];
const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 3,
  augmentViews: 2,
  batchSize: 8,
  earlyStopPatience: 0,
};
// every image the run could read, as train-model.ts passes them
const usable = images.map((i) => i.label);
const counted = (o: TrainOutcome) =>
  o.valPredictions.reduce((c, p) => (c[p.label]++, c), [0, 0, 0]).map((v, c) => v + o.imagesPerClass!.train[c]);

/** a two-phase run whose first model trains on the smallest stratified sample */
function train(stopAtPlan = false) {
  let first: TrainOutcome | null = null;
  let stop = false;
  const backbone = fakeBackbone();
  const done = trainPipeline({
    classes,
    images,
    settings,
    backbone,
    cache: new FeatureCache(),
    decode: async (id) => solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 37) % 256, 10]),
    firstModelBudget: { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 },
    onFirstModel: (f) => (first = f),
    // the full model's epochs are about to begin
    onEvent: (e) => void (e.type === 'plan' && stopAtPlan && (stop = true)),
    shouldStop: () => stop,
  });
  return { backbone, done, first: () => first as unknown as TrainOutcome };
}

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
