import { describe, expect, it } from 'vitest';
import { newer, takingTurns } from '../src/core/storage/save-order';

describe('save order', () => {
  it('writes one image of each class in turn', () => {
    expect(takingTurns([['a1', 'a2', 'a3'], ['b1'], [], ['c1', 'c2']])).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    expect(takingTurns([])).toEqual([]);
  });

  it('takes the later record, and a pending one only when it is a record', () => {
    const old = { savedAt: '2026-11-30T10:00:00Z' };
    const late = { savedAt: '2026-11-30T11:00:00Z' };
    expect(newer(old, late)).toBe(late);
    expect(newer(late, old)).toBe(late);
    expect(newer(old, 'nonsense')).toBe(old);
    expect(newer(old, { savedAt: 5 })).toBe(old);
  });
});
