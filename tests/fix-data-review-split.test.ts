import { describe, expect, it } from 'vitest';
import { nextValidation } from '../src/core/data/review';
import { trainValSplit } from '../src/core/data/train-val';

const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}` }));

describe("the review's split after a run with an unreadable image", () => {
  it('is the split training made: drawn over every image, the unreadable one dropped after', () => {
    const classes = [ids(20, 'a'), ids(20, 'b')];
    const images = classes.flatMap((c, label) => c.map(({ id }) => ({ id, label })));
    const unusable = new Set(['a3']);
    const settings = { valSplit: 0.2, seed: 42 };
    const trained = trainValSplit(images, { has: (id) => !unusable.has(id) }, settings);
    const shown = nextValidation(classes, settings.valSplit, settings.seed, unusable);
    expect([...shown].sort()).toEqual(trained.val.map((i) => i.id).sort());
    expect(shown.has('a3')).toBe(false);
    // every other image keeps the side it has with nothing unreadable (the class after included)
    const whole = nextValidation(classes, settings.valSplit, settings.seed);
    expect([...whole].filter((id) => id !== 'a3').sort()).toEqual([...shown].sort());
  });

  it('matches training for every seed and any one unreadable image', () => {
    const classes = [ids(7, 'a'), ids(12, 'b'), ids(3, 'c')];
    const images = classes.flatMap((c, label) => c.map(({ id }) => ({ id, label })));
    for (let seed = 0; seed < 20; seed++)
      for (const bad of ['a0', 'b5', 'c2']) {
        const unusable = new Set([bad]);
        const trained = trainValSplit(images, { has: (id) => !unusable.has(id) }, { valSplit: 0.25, seed });
        expect([...nextValidation(classes, 0.25, seed, unusable)].sort()).toEqual(trained.val.map((i) => i.id).sort());
      }
  });
});
