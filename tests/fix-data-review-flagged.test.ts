import { describe, expect, it } from 'vitest';
import type { HealthIssue } from '../src/core/data/health';
import { reviewFacts } from '../src/ui/review-facts';

const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
const project = (a: string[], b: string[]) => [
  { images: a.map((id) => ({ id, file: { name: `${id}.jpg` } })) },
  { images: b.map((id) => ({ id, file: { name: `${id}.jpg` } })) },
];
const facts = (classes: ReturnType<typeof project>, issues: HealthIssue[]) =>
  reviewFacts({ classes, valSplit: 0.2, seed: 1, result: null, issues });

describe('"Flagged by the health check" in the review', () => {
  const few: HealthIssue = {
    kind: 'few-images',
    message: 'Class "b" has only 3 readable images…',
    ids: ['b0', 'b1', 'b2'],
  };
  const imbalance: HealthIssue = { kind: 'imbalance', message: 'Classes are imbalanced…', ids: [] };
  const pair: HealthIssue = {
    kind: 'exact-duplicate',
    message: 'Identical files: a1.jpg (a), a2.jpg (a).',
    ids: ['a1', 'a2'],
    remove: ['a2'],
    fixLabel: 'Remove duplicate',
  };

  it('flags the images a finding names, not every image of a small class', () => {
    const f = facts(project(ids(12, 'a'), ids(3, 'b')), [few, imbalance, pair]);
    expect([...f.flagged].sort()).toEqual(['a1', 'a2']);
    expect(f.hasHealth).toBe(true);
  });

  it('no longer flags the copy a fix kept', () => {
    const fixed = ids(12, 'a').filter((id) => id !== 'a2');
    expect([...facts(project(fixed, ids(3, 'b')), [few, pair]).flagged]).toEqual([]);
  });

  it('flags what is left of a group its fix has not finished', () => {
    const near: HealthIssue = {
      kind: 'near-duplicate',
      message: '…',
      ids: ['a1', 'a3', 'a5'],
      remove: ['a3', 'a5'],
      fixLabel: 'Remove near duplicates',
    };
    const some = ids(12, 'a').filter((id) => id !== 'a3');
    expect([...facts(project(some, ids(3, 'b')), [near]).flagged].sort()).toEqual(['a1', 'a5']);
  });
});
