import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { noBlocksNote } = await import('../src/ui/LayerMap');
const { BACKBONES, registerBackbone } = await import('../src/core/backbones/registry');

describe('the layer map of a backbone without blocks to unfreeze', () => {
  it('a brought layers model is not called a graph model (it trains head-only for another reason)', () => {
    const spec = { ...BACKBONES.find((b) => b.format === 'layers')!, id: 'custom-mine-a', name: 'mine' };
    registerBackbone(spec);
    expect(noBlocksNote(spec.id, 'files')).toMatch(/^This backbone was brought from your files/);
    // Continue training's backbone is cut from the imported model
    expect(noBlocksNote(spec.id, 'imported')).toMatch(/^This backbone is the imported model’s own layers/);
  });

  it('the graph-model MobileNet says it is one', () => {
    expect(noBlocksNote(BACKBONES.find((b) => b.format === 'graph')!.id)).toMatch(/^This backbone is a graph model/);
  });

  it('a brought backbone removed while still loaded is described, not looked up (the Model step crashed)', () => {
    expect(noBlocksNote('custom-gone-a', 'cache')).toMatch(/^This backbone was brought from your files/);
  });
});
