import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');

const info = (id: string) => ({ id, blocks: [], source: 'local', where: 'x', paramCount: 1 }) as BackboneInfo;
const initial = useBackbone.getState();

/** a worker whose loads answer when told to, logging each start */
function loads() {
  const started: string[] = [];
  const answers = new Map<string, () => void>();
  worker.loadBackbone = (id: string) =>
    new Promise<BackboneInfo>((resolve) => {
      started.push(id);
      answers.set(id, () => resolve(info(id)));
    });
  const answer = async (id: string) => {
    await vi.waitFor(() => expect(answers.has(id)).toBe(true));
    answers.get(id)!();
    answers.delete(id);
  };
  return { started, answer };
}

beforeEach(() => {
  resetWorker();
  useBackbone.setState(initial, true);
});

describe('backbone choice while one loads', () => {
  it('loads one at a time, skipping choices passed over, and ends on the latest', async () => {
    const { started, answer } = loads();
    const a = useBackbone.getState().select('a');
    const b = useBackbone.getState().select('b');
    const c = useBackbone.getState().select('c');
    expect(useBackbone.getState().selected).toBe('c');
    await answer('a');
    await answer('c');
    await Promise.all([a, b, c]);
    expect(started).toEqual(['a', 'c']);
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', selected: 'c', loaded: { id: 'c' } });
  });

  it('back to the backbone that was loading: it is not loaded twice', async () => {
    const { started, answer } = loads();
    const a = useBackbone.getState().select('a');
    const b = useBackbone.getState().select('b');
    const again = useBackbone.getState().select('a');
    await answer('a');
    await Promise.all([a, b, again]);
    expect(started).toEqual(['a']);
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', selected: 'a', loaded: { id: 'a' } });
  });
});
