import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/', location: { search: '?calibrate=auto' } }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const probes = ['webgpu', 'webgl', 'wasm', 'cpu'].map((name) => ({ name, ok: true }));
const backend: BackendInfo = { active: 'wasm', reason: 'start', probes, signature: 'sig', head: null };
const info = { id: 'A', blocks: [], source: 'local', where: 'x', paramCount: 1 } as unknown as BackboneInfo;

beforeEach(() => {
  // each visit a first one: the store's "tried once" starts over
  vi.resetModules();
});

// A first visit calibrates once the backend and the first backbone are both there, whichever
// answers last: with the backbone picker above the backend panel the backbone came first, and the
// calibration never ran (e2e/backends.spec.ts).
describe("a first visit's calibration", () => {
  for (const last of ['backend', 'backbone'] as const)
    it(`starts when the ${last} answers last`, async () => {
      // the fake the store talks to (the mock's module, whichever instance the registry holds)
      const { worker, resetWorker, installLocalStorage } =
        (await import('../src/worker/client')) as unknown as typeof import('./fake-worker');
      resetWorker();
      installLocalStorage();
      const { useBackbone } = await import('../src/state/backbone');
      const asked: unknown[] = [];
      worker.calibrate = (...args: unknown[]) => {
        asked.push(args.find(Array.isArray));
        return new Promise(() => undefined);
      };
      let backendAnswers!: () => void;
      let backboneAnswers!: () => void;
      worker.init = () => new Promise((ok) => (backendAnswers = () => ok(backend)));
      worker.loadBackbone = () => new Promise((ok) => (backboneAnswers = () => ok(info)));
      const initing = useBackbone.getState().init();
      const loading = useBackbone.getState().select('A');
      await vi.waitFor(() => expect([typeof backendAnswers, typeof backboneAnswers]).toEqual(['function', 'function']));
      if (last === 'backend') {
        backboneAnswers();
        await loading;
        expect(asked).toEqual([]);
        backendAnswers();
        await initing;
      } else {
        backendAnswers();
        await initing;
        expect(asked).toEqual([]);
        backboneAnswers();
        await loading;
      }
      expect(asked).toHaveLength(1);
      expect(useBackbone.getState().autoCalibrating).toBe(true);
    });
});
