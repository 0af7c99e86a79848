import { describe, expect, it } from 'vitest';
import { choiceSentence } from '../src/ui/layer-map-words';

describe('the layer map’s plain sentence for the current choice', () => {
  it('says head only is the fast choice that suits most projects', () => {
    expect(choiceSentence({ blocks: 14, unfreeze: 0, trained: 0 })).toBe(
      'Only the small head on top trains; the backbone stays as it is. That is fastest and right for most projects.',
    );
  });

  it('names how many top blocks train, that it is slower, and when it can help', () => {
    const one = choiceSentence({ blocks: 14, unfreeze: 1, trained: 1 });
    expect(one).toMatch(/^The top block trains with the head: slower, /);
    const two = choiceSentence({ blocks: 14, unfreeze: 2, trained: 2 });
    expect(two).toMatch(/^The top 2 blocks train with the head: slower, /);
    // measured: a gain only on the dataset farthest from everyday photos, none separable elsewhere
    expect(two).toMatch(/can help with photos unlike everyday ones \(hand signs/);
    expect(two).toMatch(/for most projects it changes little\.$/);
    expect(two).not.toMatch(/block_|parameters|layers|frozen/);
  });

  it('says much slower from 3 blocks on, and every block when the whole backbone trains', () => {
    expect(choiceSentence({ blocks: 14, unfreeze: 3, trained: 3 })).toMatch(
      /^The top 3 blocks train with the head: much slower, /,
    );
    expect(choiceSentence({ blocks: 14, unfreeze: 14, trained: 14 })).toMatch(
      /^Every block of the backbone trains with the head: much slower, /,
    );
  });

  it('counts the blocks that train when some near the top are kept as they are', () => {
    // a block kept as it is above the boundary still runs every step: the pace is the boundary's
    expect(choiceSentence({ blocks: 14, unfreeze: 3, trained: 2 })).toMatch(
      /^2 blocks near the top train with the head \(1 kept as it is\): much slower, /,
    );
    expect(choiceSentence({ blocks: 14, unfreeze: 14, trained: 12 })).toMatch(
      /^12 blocks near the top train with the head \(2 kept as they are\): much slower, /,
    );
    expect(choiceSentence({ blocks: 14, unfreeze: 2, trained: 1 })).toMatch(
      /^1 block near the top trains with the head \(1 kept as it is\): slower, /,
    );
  });
});
