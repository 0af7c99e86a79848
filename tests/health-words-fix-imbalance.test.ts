import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetHealth, findingWords } from '../src/core/data/health';

const images = [
  ...Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, label: 0, name: `c${i}.jpg` })),
  ...Array.from({ length: 3 }, (_, i) => ({ id: `d${i}`, label: 1, name: `d${i}.jpg` })),
];
// the finding as shown with class weights on or off
const imbalance = (classWeights: boolean) =>
  findingWords(
    datasetHealth({
      classes: ['cat', 'dog'],
      images,
      hashes: new Map(),
      features: new Map(),
      unreadable: [],
      validation: new Set(),
      minPerClass: 1,
    }).find((i) => i.kind === 'imbalance')!,
    classWeights,
  );

const CHECKBOX = 'Balance classes (class weights)';

describe('imbalanced classes', () => {
  it('with class weights on: says they compensate in part', () => {
    expect(imbalance(true)).toBe(
      'Classes are imbalanced: "cat" has 30 images, "dog" 3 (10.0×). Class weights (on in Training settings) compensate in part; adding images to "dog" helps more.',
    );
  });

  it('with class weights off: does not say they compensate, it says which checkbox turns them on', () => {
    expect(imbalance(false)).toBe(
      `Classes are imbalanced: "cat" has 30 images, "dog" 3 (10.0×). Class weights are off: turning on "${CHECKBOX}" in Training settings compensates in part; adding images to "dog" helps more.`,
    );
  });

  it('names the checkbox as the settings form labels it', () => {
    expect(readFileSync(new URL('../src/ui/SettingsForm.tsx', import.meta.url), 'utf8')).toContain(CHECKBOX);
  });
});
