import { describe, expect, it } from 'vitest';
import { freezeAllWhy } from '../src/ui/layer-map-words';

describe('freezeAllWhy: why "Freeze whole backbone (head only)" cannot be pressed', () => {
  it('says the backbone is already frozen when the boundary sits at the head, run or not', () => {
    expect(freezeAllWhy({ headOnly: true, running: false })).toBe('Already head only: the whole backbone is frozen.');
    expect(freezeAllWhy({ headOnly: true, running: true })).toMatch(/^Already head only/);
  });
  it('names the run when blocks train and a run holds them', () => {
    expect(freezeAllWhy({ headOnly: false, running: true })).toMatch(/when the run ends/);
  });
  it('says nothing while the button can be pressed', () => {
    expect(freezeAllWhy({ headOnly: false, running: false })).toBeNull();
  });
});
