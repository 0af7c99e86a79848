import { describe, expect, it, vi } from 'vitest';
import type { HealthIssue } from '../src/core/data/health';

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { fileChoices, keepChoices } = await import('../src/ui/HealthFixes');

// ui/HealthFixes.tsx: which copy stays is the person's to say where it matters
const image = (id: string, className: string) =>
  [id, { className, image: { id, url: '', file: new File([id], `${id}.jpg`) } }] as const;
const byId = new Map([
  image('a', 'rose'),
  image('b', 'tulip'),
  image('c', 'rose'),
  image('d', 'rose'),
  image('e', 'rose'),
]);
const finding = (kind: HealthIssue['kind'], ids: string[]): HealthIssue => ({
  kind,
  message: '',
  ids,
  remove: ids.slice(1),
});

describe('the keep choices of a finding', () => {
  it('copies in two classes: the first copy of each class, in the finding’s order', () => {
    expect(keepChoices(finding('exact-duplicate', ['a', 'b', 'c']), byId)).toEqual([
      { className: 'rose', id: 'a' },
      { className: 'tulip', id: 'b' },
    ]);
    expect(keepChoices(finding('exact-duplicate', ['a', 'c']), byId)).toEqual([]);
    // an unreadable-files finding is no set of copies
    expect(keepChoices(finding('unreadable', ['a', 'b']), byId)).toEqual([]);
  });

  it('a few near duplicates in one class: each file, by name; past four, or across classes, none', () => {
    expect(fileChoices(finding('near-duplicate', ['a', 'c']), byId)).toEqual([
      { id: 'a', name: 'a.jpg' },
      { id: 'c', name: 'c.jpg' },
    ]);
    expect(fileChoices(finding('near-duplicate', ['a', 'b']), byId)).toEqual([]);
    expect(fileChoices(finding('exact-duplicate', ['a', 'c']), byId)).toEqual([]);
    const five = new Map([...byId, image('f', 'rose')]);
    expect(fileChoices(finding('near-duplicate', ['a', 'c', 'd', 'e', 'f']), five)).toEqual([]);
    // an image deleted since is not offered
    expect(fileChoices(finding('near-duplicate', ['a', 'c', 'gone']), byId).map((c) => c.id)).toEqual(['a', 'c']);
  });
});
