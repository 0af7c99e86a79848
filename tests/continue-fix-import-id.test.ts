import 'fake-indexeddb/auto';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { backboneInfo, continuePage } = await import('./helpers-continue-page');
const { useBackbone } = await import('../src/state/backbone');
const { useProject } = await import('../src/state/project');
const { continues, useModelInUse } = await import('../src/state/model-in-use');
const { TryIt } = await import('../src/ui/TryIt');
const { StartingPoint } = await import('../src/ui/StartingPoint');

const info = backboneInfo;
continuePage();

/**
 * A server render reads each store's initial state (useSyncExternalStore's server snapshot): the
 * stores' state now is put there for the render, and taken out after.
 */
function render(component: (props: { disabled: boolean }) => ReactNode): string {
  const stores = [useModelInUse, useBackbone, useProject] as const;
  const kept = stores.map((s) => ({ ...s.getInitialState() }));
  stores.forEach((s) => Object.assign(s.getInitialState(), s.getState()));
  try {
    return renderToStaticMarkup(createElement(component, { disabled: false }));
  } finally {
    stores.forEach((s, i) => Object.assign(s.getInitialState(), kept[i]));
  }
}

const DOWNLOAD = 'transfer-studio-model.zip';
const NAME = `${DOWNLOAD} (Transfer Studio model)`;

async function importAndContinue(labels: string[], backbone: string): Promise<void> {
  worker.importModel = async () => ({ labels, source: 'studio', inputSize: 224, cropMode: 'center' });
  await useModelInUse.getState().importModel(new File([Uint8Array.of(1)], DOWNLOAD));
  const spec = { id: backbone, name: 'm', inputSize: 224 };
  worker.continueImported = async (shown: string) => ({
    ...(info(backbone, 0) as BackboneInfo),
    spec,
    start: { modelName: shown, labels, hiddenUnits: 16 },
  });
  await useModelInUse.getState().continueImported();
}

describe('an import is told from another import of the same file name', () => {
  it('a second transfer-studio-model.zip can be continued, and the notice says the starting point is the earlier one', async () => {
    await useBackbone.getState().select('big');
    await importAndContinue(['a', 'b'], 'imported-1');
    const first = useModelInUse.getState();
    expect(first.startFrom).toMatchObject({ modelName: NAME, importId: first.model!.importId });
    expect(render(TryIt)).not.toContain('Continue training this model');
    expect(render(StartingPoint)).not.toContain('not the model of that name');

    // another model, other classes, the same download name
    worker.importModel = async () => ({
      labels: ['x', 'y', 'z'],
      source: 'studio',
      inputSize: 224,
      cropMode: 'center',
    });
    await useModelInUse.getState().importModel(new File([Uint8Array.of(2)], DOWNLOAD));
    const second = useModelInUse.getState();
    expect(second.model).toMatchObject({ name: NAME, labels: ['x', 'y', 'z'] });
    expect(second.model!.importId).not.toBe(first.model!.importId);
    expect(render(TryIt)).toContain('Continue training this model');
    // the starting point is still the first one's head: said, as both go by one name
    expect(render(StartingPoint)).toContain(
      `Training continues <strong>${NAME}</strong> as imported before, not the model of that name in Try it now`,
    );

    // continued, the second one is the starting point
    await importAndContinue(['x', 'y', 'z'], 'imported-2');
    const third = useModelInUse.getState();
    expect(third.startFrom).toMatchObject({ labels: ['x', 'y', 'z'], importId: third.model!.importId });
    expect(render(TryIt)).not.toContain('Continue training this model');
  });

  it('a starting point waiting for its backbone (another one picked since) can be continued again', async () => {
    await useBackbone.getState().select('big');
    await importAndContinue(['a', 'b'], 'imported-1');
    await useBackbone.getState().select('big');
    // a whole model answers on any backbone: its starting point waits for the one cut from it
    expect(useModelInUse.getState().model?.name).toBe(NAME);
    expect(render(TryIt)).toContain('Continue training this model');
  });

  it('models and starting points without an id (read back from storage) are told by name, as before', () => {
    const model = { kind: 'imported' as const, labels: ['a'], inputSize: 224, cropMode: 'center' as const, name: NAME };
    const startFrom = { modelName: NAME, labels: ['a'], backboneId: 'b', hiddenUnits: 0 };
    expect(continues(startFrom, model)).toBe(true);
    expect(continues(startFrom, { ...model, importId: 'x' })).toBe(true);
    expect(continues({ ...startFrom, importId: 'x' }, model)).toBe(true);
    expect(continues({ ...startFrom, importId: 'x' }, { ...model, importId: 'y' })).toBe(false);
    expect(continues({ ...startFrom, modelName: 'other.zip' }, model)).toBe(false);
    expect(continues(startFrom, { ...model, kind: 'trained' })).toBe(false);
  });
});
