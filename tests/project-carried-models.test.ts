import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useModelInUse } = await import('../src/state/model-in-use');
const { keepImportedModel, forgetImportedModel } = await import('../src/state/model-store');
const { modelsForZip } = await import('../src/ui/project-carried');
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
    });
  });

  it('is none when the one answering is not the stored one (a head kept for another backbone)', async () => {
    await keepImportedModel({
      zip: Uint8Array.of(7),
      name: HEAD,
      savedAt: '2026-01-01T00:00:00.000Z',
      headOnlyFor: 'X',
    });
    // an import storage did not keep answers
    imported('other.zip (Transfer Studio model)', '2026-01-02T00:00:00.000Z');
    expect((await modelsForZip()).imported).toBeUndefined();
  });
});
