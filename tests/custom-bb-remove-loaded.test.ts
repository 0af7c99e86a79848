import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { broughtSpec } from './fixtures/brought-spec';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { customBackboneContext, forgetBackbone, rememberBackbone, useCustomBackbone } =
  await import('../src/state/custom-backbone');
const { registerBackbone, getBackboneSpec } = await import('../src/core/backbones/registry');

const spec = broughtSpec('custom-mine-abc-stem-48-0_1', 'mine');

describe('removing the brought backbone that is loaded', () => {
  it('the default starts loading before the list changes (the page drew the removed one and crashed)', async () => {
    resetWorker();
    installLocalStorage();
    const order: string[] = [];
    customBackboneContext.connect({
      selected: () => spec.id,
      select: async () => void order.push('select'),
      listChanged: () => undefined,
      loadWith: async () => undefined,
      markSelected: () => undefined,
      loaded: () => null,
      error: () => null,
      locked: () => null,
      offerUndo: () => undefined,
    } as never);
    registerBackbone({ ...spec });
    rememberBackbone({ ...spec });
    // what the picker does when the list changes: it renders the loaded backbone's name
    const stop = useCustomBackbone.subscribe(() => {
      try {
        getBackboneSpec(spec.id);
        order.push('list changed, still known');
      } catch {
        order.push(order.includes('select') ? 'list changed, loading the default' : 'list changed, unknown: crash');
      }
    });
    await forgetBackbone(spec.id);
    stop();
    expect(order).toEqual(['select', 'list changed, loading the default']);
  });
});
