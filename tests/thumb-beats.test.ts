import { describe, expect, it } from 'vitest';
import { rowsJoining, takeTurns } from '../src/ui/beats';

// ui/beats.ts: which waiting turns a beat lets through, and how far a class card's thumbnails join
const turn = (name: string, weight: number, onScreen = false) => ({ name, weight, first: () => onScreen });
const names = (ts: { name: string }[]) => ts.map((t) => t.name);

describe('takeTurns', () => {
  it('keeps to the weight a beat lets through, in the order asked, and takes one however heavy', () => {
    const waiting = [turn('a', 6), turn('b', 6), turn('c', 1)];
    expect(names(takeTurns(waiting, 8))).toEqual(['a']);
    expect(names(waiting)).toEqual(['b', 'c']);
    expect(names(takeTurns(waiting, 8))).toEqual(['b', 'c']);
    const heavy = [turn('big', 24)];
    expect(names(takeTurns(heavy, 8))).toEqual(['big']);
  });

  it("lets every on-screen turn through first, though asked after off-screen cards' rows", () => {
    // the cards scrolled past (or below the fold) asked first; the person looks at 'seen' and 'seen2'
    const waiting = [turn('below', 6), turn('seen', 6, true), turn('past', 6), turn('seen2', 6, true)];
    expect(names(takeTurns(waiting, 8))).toEqual(['seen', 'seen2']);
    expect(names(waiting)).toEqual(['below', 'past']);
  });

  it('fills what is left of the beat with off-screen turns after the on-screen ones', () => {
    const waiting = [turn('below', 1), turn('seen', 6, true), turn('past', 6)];
    expect(names(takeTurns(waiting, 8))).toEqual(['seen', 'below']);
    expect(names(waiting)).toEqual(['past']);
  });
});

describe('rowsJoining', () => {
  const ready = (n: number) => (k: number) => k < n;
  it('off screen: one row a turn', () => {
    expect(rowsJoining({ shown: 0, target: 24, step: 6, ready: ready(24), onScreen: false })).toBe(6);
    expect(rowsJoining({ shown: 18, target: 20, step: 6, ready: ready(24), onScreen: false })).toBe(20);
  });

  it('on screen: every row whose pictures are in joins in the same turn', () => {
    expect(rowsJoining({ shown: 0, target: 24, step: 6, ready: ready(24), onScreen: true })).toBe(24);
    // a row joins whole: the 16th picture still coming holds back its row and those after it
    expect(rowsJoining({ shown: 0, target: 24, step: 6, ready: ready(15), onScreen: true })).toBe(12);
    expect(rowsJoining({ shown: 6, target: 9, step: 6, ready: ready(9), onScreen: true })).toBe(9);
  });

  it('the row the turn was asked for joins even when the check says not (its pictures were awaited)', () => {
    expect(rowsJoining({ shown: 6, target: 24, step: 6, ready: ready(0), onScreen: true })).toBe(12);
  });
});
