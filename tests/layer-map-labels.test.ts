import { describe, expect, it } from 'vitest';
import { blockLabel, blockNamed, blockTitle } from '../src/ui/layer-map-words';

// the blocks backboneBlocks finds in the two listed MobileNets (checked against the models in
// shared/models): v2 has a block before block_1 and a last conv block, so its positions are one
// and two past the numbers in its names
const v1 = ['stem', ...Array.from({ length: 13 }, (_, i) => `block_${i + 1}`)];
const v2 = ['stem', 'expanded_conv', ...Array.from({ length: 16 }, (_, i) => `block_${i + 1}`), 'Conv_1'];

describe('the layer map’s bar labels come from the blocks’ own names', () => {
  it('labels v2’s bars by the numbers in their names, not by position', () => {
    const labels = v2.map(blockLabel);
    expect(labels[v2.indexOf('block_13')]).toBe('13');
    expect(labels).toEqual(['in', '0', ...Array.from({ length: 16 }, (_, i) => String(i + 1)), 'top']);
    expect(new Set(labels).size).toBe(v2.length);
  });

  it('labels v1’s bars the same way: the stem "in", then 1 to 13', () => {
    expect(v1.map(blockLabel)).toEqual(['in', ...Array.from({ length: 13 }, (_, i) => String(i + 1))]);
  });

  it('gives a block of an unknown name a label that cannot pass for another block’s number', () => {
    expect(blockLabel('input_pad')).not.toMatch(/^\d+$/);
    expect(blockLabel('input_pad')).not.toBe('');
  });

  it('says in each bar’s title which block it is, and what the plain-word ones are', () => {
    expect(blockTitle('block_13')).toBe('block_13');
    expect(blockTitle('stem')).toMatch(/^stem \(in\): .*reads? the image/);
    expect(blockTitle('expanded_conv')).toMatch(/^expanded_conv \(0\): .*first block/);
    expect(blockTitle('Conv_1')).toMatch(/^Conv_1 \(top\): .*last .*head/);
  });

  it('names a block with its label where the label is not the number in its name', () => {
    expect(blockNamed('block_13')).toBe('block_13');
    expect(blockNamed('Conv_1')).toBe('Conv_1 (top)');
    expect(blockNamed('stem')).toBe('stem (in)');
    expect(blockNamed('expanded_conv')).toBe('expanded_conv (0)');
  });
});
