import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useModelInUse } = await import('../src/state/model-in-use');
const { keepImportedModel, forgetImportedModel } = await import('../src/state/model-store');
const { modelsForZip } = await import('../src/ui/project-carried');
const { useBackbone } = await import('../src/state/backbone');
const { closeDatabases } = await import('../src/core/storage/databases');

const HEAD = 'head.zip (Transfer Studio model)';
const imported = (name: string, importId?: string) =>
  useModelInUse.setState({
    model: {
      kind: 'imported',
      labels: ['a', 'b'],
      inputSize: 224,
      cropMode: 'center',
      name,
      ...(importId && { importId }),
    },
  });

afterEach(async () => {
  useBackbone.setState({ loaded: null });
  await forgetImportedModel();
  await closeDatabases();
});

describe('the imported model a project zip carries', () => {
  it('is the stored one when it answers', async () => {
    await keepImportedModel({ zip: Uint8Array.of(7), name: HEAD, savedAt: '2026-01-01T00:00:00.000Z' });
    imported(HEAD, '2026-01-01T00:00:00.000Z');
    // with its name and id: where the zip opens, a starting point cut from it is told to be its head
    expect((await modelsForZip()).imported).toEqual({
      zip: Uint8Array.of(7),
      name: HEAD,
      importId: '2026-01-01T00:00:00.000Z',
      waiting: false,
    });
  });

  it('is the head kept for another backbone, waiting for it, beside an import storage did not keep', async () => {
    await keepImportedModel({
      zip: Uint8Array.of(7),
      name: HEAD,
      savedAt: '2026-01-01T00:00:00.000Z',
      headOnlyFor: 'X',
    });
    // an import storage did not keep answers
    imported('other.zip (Transfer Studio model)', '2026-01-02T00:00:00.000Z');
    // opened elsewhere, it waits for its backbone there as here (it was left out, and lost)
    expect((await modelsForZip()).imported).toMatchObject({ name: HEAD, waiting: true });
  });

  it('is a head-only import waiting for its backbone while no model answers', async () => {
    useBackbone.setState({ loaded: { id: 'Y', blocks: [] } as never });
    await keepImportedModel({ zip: Uint8Array.of(9), name: HEAD, savedAt: 'id-1', headOnlyFor: 'X' });
    useModelInUse.setState({ model: null });
    expect((await modelsForZip()).imported).toEqual({
      zip: Uint8Array.of(9),
      name: HEAD,
      importId: 'id-1',
      waiting: true,
      headOnlyFor: 'X',
    });
  });

  it('is none when the stored import neither answers nor waits (its backbone is loaded, another model answers)', async () => {
    useBackbone.setState({ loaded: { id: 'X', blocks: [] } as never });
    await keepImportedModel({ zip: Uint8Array.of(9), name: HEAD, savedAt: 'id-1', headOnlyFor: 'X' });
    imported('other.zip (Transfer Studio model)', 'id-2');
    expect((await modelsForZip()).imported).toBeUndefined();
  });
});
