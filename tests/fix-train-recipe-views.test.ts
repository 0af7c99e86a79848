import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseRecipe, describeRecipe } from '../src/core/train/recipe';
import { autoRecipeHint } from '../src/core/train/recipe-shape';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const DIM = 4;
function rows(n: number) {
  const plain = new Float32Array(n * DIM);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let d = 0; d < DIM; d++) plain[i * DIM + d] = (d === labels[i] ? 2 : 0) + ((i * 7 + d) % 5) / 10;
  }
  return { plain, labels };
}

describe('automatic recipe without augmented views', () => {
  const base: TrainSettings = { ...DEFAULT_SETTINGS, augmentViews: 0, seed: 2 };

  it('reports plain images when no views were cached (the default shapes all ask for views)', async () => {
    const { plain, labels } = rows(12);
    const choice = await chooseRecipe({ plain, views: [], labels, numClasses: 2, featureSize: DIM }, base, {
      epochs: [2],
    });
    expect(choice.chosen.views).toBe(false);
    expect(describeRecipe(choice.chosen)).toContain('plain images');
    expect(choice.table.every((row) => !row.recipe.views)).toBe(true);
  });

  it('still reports augmented views when they were cached', async () => {
    const { plain, labels } = rows(12);
    const view = plain.map((v) => v + 0.01);
    const choice = await chooseRecipe({ plain, views: [view], labels, numClasses: 2, featureSize: DIM }, base, {
      epochs: [2],
    });
    expect(describeRecipe(choice.chosen)).toContain('augmented views');
  });
});

describe("the settings form's automatic-recipe hint", () => {
  it('names the augmented views only when there are some', () => {
    expect(autoRecipeHint({ ...DEFAULT_SETTINGS, augmentViews: 0 })).toContain('the plain training images');
    expect(autoRecipeHint({ ...DEFAULT_SETTINGS, augmentViews: 0 })).not.toContain('their augmented views');
    expect(autoRecipeHint({ ...DEFAULT_SETTINGS, augmentViews: 4 })).toContain('their augmented views');
  });

  it('says what it does in plain words before the terms, and that the validation images play no part', () => {
    const hint = autoRecipeHint(DEFAULT_SETTINGS);
    expect(hint).toMatch(/^picks the settings for you: each candidate is tried on \d slices of the training images/);
    expect(hint).toContain('the validation images play no part');
    expect(hint.indexOf('slices')).toBeLessThan(hint.indexOf('cross-validation'));
  });
});
