import { describe, expect, it, vi } from 'vitest';
import type { ImageInput } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { hashOf } = await import('../src/state/file-hashes');
const { useInsight } = await import('../src/state/dataset-insight');
const { useProject } = await import('../src/state/project');
const { sha256Hex } = await import('../src/core/data/sha256');
const { connectStores } = await import('../src/state/coordinator');

// the insight store reads the project through the coordinator's wiring, as on the page
connectStores();

describe('image hashes: once a visit, shared by the duplicate warnings and the health check', () => {
  it('hashes a file once and hands the hashes to the worker with the images', async () => {
    const a = new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' });
    const b = new File([new Uint8Array([1, 2, 3])], 'copy of a.png', { type: 'image/png' });
    const expected = await sha256Hex(new Uint8Array([1, 2, 3]));
    const digest = vi.spyOn(crypto.subtle, 'digest');
    expect(hashOf(a)).toBe(hashOf(a));
    const first = await hashOf(a);
    expect(first).toBe(expected);
    useProject.setState({
      classes: [
        { id: 'c1', name: 'x', images: [{ id: 'i1', file: a, url: '' }] },
        { id: 'c2', name: 'y', images: [{ id: 'i2', file: b, url: '' }] },
      ],
    });
    let sent: ImageInput[] = [];
    worker.health = async (_classes: string[], images: ImageInput[]) => {
      sent = images;
      return { issues: [] };
    };
    await useInsight.getState().checkHealth();
    expect(useInsight.getState().health.status).toBe('done');
    expect(sent.map((i) => i.hash)).toEqual([first, first]);
    expect(digest).toHaveBeenCalledTimes(2); // a once, b once: the check reused a's hash
  });
});
