import { expect, it, vi } from 'vitest';
import { BackendLostError } from '../src/core/backend-fault';
import { withFallback, type Fallback } from '../src/worker/fallback';

// the run's backend is WebGPU (not available in Node): the fallback order goes on from there
vi.mock('@tensorflow/tfjs', async (orig) => ({ ...(await orig<object>()), getBackend: () => 'webgpu' }));

it('a next backend that does not start is passed over for the one after it (WebGL down with WebGPU)', async () => {
  const switched: string[] = [];
  const notes: Fallback[] = [];
  const calls: string[][] = [];
  const result = await withFallback(
    async (_resume, _onCheckpoint, _abandoned, failed) => {
      calls.push([...failed]);
      if (calls.length === 1) throw new BackendLostError('webgpu', 'WebGPU device was lost');
      return 'done';
    },
    ['webgpu', 'webgl', 'wasm', 'cpu'],
    async (b) => {
      switched.push(b);
      if (b === 'webgl') throw new Error('The webgl backend did not start');
    },
    (f) => notes.push(f),
  );
  expect(result).toBe('done');
  expect(switched).toEqual(['webgl', 'wasm']);
  expect(notes.map((n) => [n.from, n.to])).toEqual([['webgpu', 'wasm']]);
  // the attempt on wasm knows both are out
  expect(calls[1]).toEqual(['webgpu', 'webgl']);
});
