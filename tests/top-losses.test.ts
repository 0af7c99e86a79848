import { describe, expect, it } from 'vitest';
import { topLosses } from '../src/core/train/top-losses';

describe('topLosses', () => {
  it('ranks wrong predictions by the loss on their true class, most confident mistakes first', () => {
    const ranked = topLosses([
      { id: 'right', label: 0, predicted: 0, probabilities: [0.9, 0.05, 0.05] },
      { id: 'mild', label: 0, predicted: 1, probabilities: [0.4, 0.5, 0.1] },
      { id: 'sure', label: 2, predicted: 1, probabilities: [0.01, 0.98, 0.01] },
      { id: 'mid', label: 1, predicted: 0, probabilities: [0.7, 0.2, 0.1] },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['sure', 'mid', 'mild']);
    expect(ranked[0].loss).toBeCloseTo(-Math.log(0.01), 10);
    expect(ranked[0].confidence).toBeCloseTo(0.98, 10);
  });

  it('limits the list and survives a zero probability', () => {
    const ranked = topLosses(
      [
        { id: 'a', label: 0, predicted: 1, probabilities: [0, 1] },
        { id: 'b', label: 0, predicted: 1, probabilities: [0.3, 0.7] },
      ],
      1,
    );
    expect(ranked).toHaveLength(1);
    expect(ranked[0].id).toBe('a');
    expect(Number.isFinite(ranked[0].loss)).toBe(true);
  });
});
