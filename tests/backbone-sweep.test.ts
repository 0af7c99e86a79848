import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { idbArtifactCache } from '../src/core/backbones/idb-cache';
import { closeDatabases } from '../src/core/storage/databases';
import { customModelsApi } from '../src/worker/custom-models-api';

describe('the offline cache of brought backbones', () => {
  it('keeps the listed ones and the built-in ones; an unlisted brought one leaves', async () => {
    const cache = idbArtifactCache();
    const artifacts = { modelTopology: {}, weightSpecs: [] };
    for (const id of ['mobilenet-v1-0.25', 'custom-a-1', 'custom-b-2']) await cache.put(id, artifacts);
    const { api } = customModelsApi({ cache } as never);
    expect(await api.forgetUnlistedBackbones(['custom-a-1'])).toEqual(['custom-b-2']);
    expect((await cache.keys!()).sort()).toEqual(['custom-a-1', 'mobilenet-v1-0.25']);
    // nothing brought is listed any more: every brought one goes, the built-in one stays
    expect(await api.forgetUnlistedBackbones([])).toEqual(['custom-a-1']);
    expect(await cache.keys!()).toEqual(['mobilenet-v1-0.25']);
    await closeDatabases();
  });
});
