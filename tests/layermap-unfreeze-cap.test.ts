import { describe, expect, it, vi } from 'vitest';
import type { BlockInfo } from '../src/core/finetune/blocks';
import type { BackboneInfo } from '../src/worker/protocol';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { LayerMap } = await import('../src/ui/LayerMap');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');

// MobileNet v1's 14 blocks, each of 10 parameters
const blocks: BlockInfo[] = Array.from({ length: 14 }, (_, i) => ({
  name: `block_${i}`,
  layers: [{ name: `conv_${i}`, className: 'Conv2D', params: 10, trainableParams: 10 }],
  outputLayer: `conv_${i}`,
  outputShape: [7, 7, 64],
  params: 10,
  trainableParams: 10,
}));

/** the map for a v2 project's settings while v1 is still the loaded backbone */
function mapWith(unfreeze: number, frozenBlocks?: string[]) {
  seed(useBackbone, { loaded: { id: 'mobilenet-v1-0.25', blocks } as unknown as BackboneInfo });
  seed(useTraining, { settings: { ...DEFAULT_SETTINGS, unfreeze, frozenBlocks } });
  return markup(LayerMap);
}

describe('the layer map, with more blocks to unfreeze than the loaded backbone has', () => {
  it('shows every block trainable instead of failing (a v2 project opened while v1 loads)', () => {
    const html = mapWith(17);
    const tree = parse(html);
    const states = all(tree, (n) => n.attrs['data-block'] !== undefined).map((n) => n.attrs['data-state']);
    expect(states).toEqual(Array(14).fill('trainable'));
    const slider = all(tree, (n) => n.attrs.role === 'slider')[0];
    expect(slider.attrs['aria-valuenow']).toBe('0');
    expect(slider.attrs['aria-valuetext']).toMatch(/^block_0 and above train \(14 backbone blocks \+ head\); 0 blocks/);
    const totals = all(tree, (n) => n.attrs['data-testid'] === 'param-totals')[0].text;
    // every block's parameters train: none of the 140 counted twice or as frozen
    expect(totals).toMatch(/^Frozen: 0 parameters/);
    // no class yet: the head's outputs are counted for two, and it says so
    expect(totals).toMatch(/\(14 backbone blocks \+ head; counted for 2 classes\)/);
    const rows = all(tree, (n) => n.tag === 'tr' && n.attrs.class !== undefined).map((n) => n.attrs.class);
    expect(rows).toEqual(Array(14).fill('trainable'));
  });

  it('counts as kept frozen only blocks of this backbone (the project may name the other’s)', () => {
    const html = mapWith(17, ['block_13', 'block_16']);
    const totals = all(parse(html), (n) => n.attrs['data-testid'] === 'param-totals')[0].text;
    expect(totals).toMatch(/\(13 backbone blocks \+ head, 1 kept frozen; counted for 2 classes\)/);
  });
});
