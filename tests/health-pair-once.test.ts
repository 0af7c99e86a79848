import { describe, expect, it } from 'vitest';
import { datasetHealth, fixRemoves, type HealthIssue } from '../src/core/data/health';
import { findingText } from '../src/ui/health-words';
import { healthImages } from './fixtures/health-images';

// one-hot features: no two images alike unless a test makes them so
const oneHot = (k: number) => Array.from({ length: 6 }, (_, j): number => (j === k ? 1 : 0));
const features = new Map(healthImages.map((i, k) => [i.id, oneHot(k)]));
const present = new Set(healthImages.map((i) => i.id));
const ownHashes = () => new Map(healthImages.map((i) => [i.id, `h-${i.id}`]));
// c1 (cat) and d1 (dog) validate; the rest train
const check = (hashes = ownHashes(), alike = features, validation = new Set(['c1', 'd1'])) =>
  datasetHealth({ classes: ['cat', 'dog'], images: healthImages, hashes, features: alike, unreadable: [], validation });
const copyKinds = new Set<HealthIssue['kind']>(['exact-duplicate', 'near-duplicate', 'split-leak']);
/** every pair of images named together by a copies finding, with the kinds that name it */
const pairs = (issues: HealthIssue[]) => {
  const said = new Map<string, string[]>();
  for (const issue of issues.filter((i) => copyKinds.has(i.kind)))
    for (const a of issue.ids)
      for (const b of issue.ids) if (a < b) said.set(`${a}+${b}`, [...(said.get(`${a}+${b}`) ?? []), issue.kind]);
  return said;
};
const kinds = (issues: HealthIssue[]) => issues.filter((i) => copyKinds.has(i.kind)).map((i) => i.kind);

describe('a pair of images on both sides of the split is one finding, the split copy', () => {
  it('near duplicates: said as the split copy, not also as nearly identical', () => {
    // c2 trains, a near copy of c1 that validates
    const issues = check(ownHashes(), new Map([...features, ['c2', [0.99, 0.01, 0, 0, 0, 0]]]));
    expect(kinds(issues)).toEqual(['split-leak']);
    expect([...pairs(issues).values()]).toEqual([['split-leak']]);
    const leak = issues.find((i) => i.kind === 'split-leak')!;
    // its fix still removes the copy that trains and keeps the one that validates
    expect(leak.ids).toEqual(['c1', 'c2']);
    expect(fixRemoves(leak, present)).toEqual(['c2']);
    expect(leak.fixLabel).toBe('Keep one copy');
  });

  it('identical files: said as the split copy, not also as identical files', () => {
    const issues = check(new Map([...ownHashes(), ['d2', 'h-c1']]));
    expect(kinds(issues)).toEqual(['split-leak']);
    const leak = issues.find((i) => i.kind === 'split-leak')!;
    expect(fixRemoves(leak, present)).toEqual(['d2']);
    expect(leak.fixLabel).toBe('Keep one copy in cat, remove the other from dog');
  });

  it('a near group with identical copies: one split copy, which still says which files are identical', () => {
    // c2 is a byte copy of c1 (both cat); d3 looks like them; c1 validates
    const issues = check(
      new Map([...ownHashes(), ['c2', 'h-c1']]),
      new Map([...features, ['c2', oneHot(0)], ['c3', [0.99, 0.01, 0, 0, 0, 0]]]),
    );
    expect(kinds(issues)).toEqual(['split-leak']);
    const leak = issues.find((i) => i.kind === 'split-leak')!;
    expect(leak.ids).toEqual(['c1', 'c2', 'c3']);
    expect(fixRemoves(leak, present)).toEqual(['c2', 'c3']);
    expect(leak.message).toContain('c2.jpg (cat) is an identical copy of c1.jpg (cat).');
    // shown beside its pictures: the list goes, the identical copy is still said
    expect(findingText(leak, leak.message)).toBe(
      'Nearly identical images on both sides of the train/validation split make validation accuracy look better than it is. c2.jpg (cat) is an identical copy of c1.jpg (cat).',
    );
  });

  it('copies on one side of the split keep their own finding, with no split copy', () => {
    // c2 and c3 both train
    const near = check(ownHashes(), new Map([...features, ['c3', [0, 0.99, 0.01, 0, 0, 0]]]));
    expect(kinds(near)).toEqual(['near-duplicate']);
    expect(near.find((i) => i.kind === 'near-duplicate')!.ids).toEqual(['c2', 'c3']);
    const exact = check(new Map([...ownHashes(), ['c3', 'h-c2']]));
    expect(kinds(exact)).toEqual(['exact-duplicate']);
    expect(exact.find((i) => i.kind === 'exact-duplicate')!.remove).toEqual(['c3']);
  });

  it('two groups, one on each side: each pair said once, by the finding that fits it', () => {
    const issues = check(
      new Map([...ownHashes(), ['d3', 'h-d2']]),
      new Map([...features, ['c2', [0.99, 0.01, 0, 0, 0, 0]]]),
    );
    expect(kinds(issues).sort()).toEqual(['exact-duplicate', 'split-leak']);
    for (const said of pairs(issues).values()) expect(said).toHaveLength(1);
  });
});
