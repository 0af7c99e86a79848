import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, confusionMatrix, neverPredicted, perClassMetrics } from '../src/core/train/metrics';

// Hand-computed 3-class example.
//   actual:    0 0 0 1 1 2 2 2 2
//   predicted: 0 0 1 1 2 2 2 2 1
// confusion[actual][predicted]:
//   [2 1 0]
//   [0 1 1]
//   [0 1 3]
const actual = [0, 0, 0, 1, 1, 2, 2, 2, 2];
const predicted = [0, 0, 1, 1, 2, 2, 2, 2, 1];

describe('metrics', () => {
  it('confusionMatrix counts [actual][predicted]', () => {
    expect(confusionMatrix(actual, predicted, 3)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 1, 3],
    ]);
    expect(confusionMatrix([], [], 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('accuracy is the diagonal share', () => {
    expect(accuracy(confusionMatrix(actual, predicted, 3))).toBeCloseTo(6 / 9, 12);
    expect(
      accuracy([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(0);
    expect(
      accuracy([
        [5, 0],
        [0, 5],
      ]),
    ).toBe(1);
  });

  it('perClassMetrics gives support, recall, precision and F1 per class', () => {
    const m = perClassMetrics(confusionMatrix(actual, predicted, 3));
    // class 0: recall 2/3, precision 2/2, F1 = 2·1·(2/3)/(1+2/3) = 0.8
    expect(m[0].count).toBe(3);
    expect(m[0].accuracy).toBeCloseTo(2 / 3, 12);
    expect(m[0].precision).toBeCloseTo(1, 12);
    expect(m[0].f1).toBeCloseTo(0.8, 12);
    // class 1: recall 1/2, precision 1/3, F1 = 2·(1/6)/(5/6) = 0.4
    expect(m[1].count).toBe(2);
    expect(m[1].accuracy).toBeCloseTo(0.5, 12);
    expect(m[1].precision).toBeCloseTo(1 / 3, 12);
    expect(m[1].f1).toBeCloseTo(0.4, 12);
    // class 2: recall 3/4, precision 3/4, F1 = 0.75
    expect(m[2].count).toBe(4);
    expect(m[2].accuracy).toBeCloseTo(0.75, 12);
    expect(m[2].precision).toBeCloseTo(0.75, 12);
    expect(m[2].f1).toBeCloseTo(0.75, 12);
  });

  it('a class never seen and never predicted scores 0 rather than NaN', () => {
    const m = perClassMetrics(confusionMatrix([0, 1], [0, 0], 3));
    expect(m[2]).toEqual({ count: 0, accuracy: 0, precision: 0, f1: 0, predicted: 0 });
    expect(m[1]).toEqual({ count: 1, accuracy: 0, precision: 0, f1: 0, predicted: 0 });
    expect(m[0]).toEqual({ count: 1, accuracy: 1, precision: 0.5, f1: 2 / 3, predicted: 2 });
    // its precision is 0 of 0: said as such, not as 0% (always wrong when it says this class)
    expect(m.map(neverPredicted)).toEqual([false, true, true]);
    // a result kept before the count was recorded: nothing is claimed
    expect(neverPredicted({ count: 1, accuracy: 0, precision: 0, f1: 0 })).toBe(false);
  });

  it('argmaxRows picks the largest column per row (first on ties)', () => {
    expect(argmaxRows(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.2, 0.3, 0.4, 0.4, 0.2]), 3)).toEqual([1, 0, 0]);
    expect(argmaxRows([0.2, 0.8], 2)).toEqual([1]);
    expect(argmaxRows([], 4)).toEqual([]);
  });
});
