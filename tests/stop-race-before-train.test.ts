import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases } = await import('../src/core/storage/databases');
const { useUndo, dismissUndo } = await import('../src/state/undo');

const initial = { training: useTraining.getState(), backbone: useBackbone.getState() };
const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });

/** what reached the worker, in order; the worker's Stop flag as studio-training.ts keeps it (a run clears it as it starts) */
let heard: string[];
let stopFlag: boolean;
let faultAnswered: () => void;
let stopHeard: Promise<void>;
let trainPosted: Promise<void>;
let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  disconnect = connectStores();
  useUndo.setState({ entries: [] });
  useTraining.setState(initial.training, true);
  useBackbone.setState({ ...initial.backbone, loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
  useProject.setState({
    classes: [
      { id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('a.png'), url: '' }] },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
    ],
  });
  heard = [];
  stopFlag = false;
  let stopped = () => {};
  stopHeard = new Promise((resolve) => (stopped = resolve));
  let posted = () => {};
  trainPosted = new Promise((resolve) => (posted = resolve));
  // the worker is busy (a Try it prediction): setTestFault is answered only later
  worker.setTestFault = () => {
    heard.push('setTestFault');
    return new Promise<void>((resolve) => (faultAnswered = resolve));
  };
  worker.stop = async () => {
    heard.push('stop');
    stopFlag = true;
    stopped();
  };
  worker.train = async () => {
    heard.push('train');
    stopFlag = false;
    posted();
    // the run reads the flag once Stop was pressed: one queued behind the train message is seen
    await stopHeard;
    if (stopFlag) throw new Error('stopped');
    throw new Error('trained on although Stop was pressed');
  };
});
afterEach(async () => {
  for (const e of useUndo.getState().entries) await dismissUndo(e.id);
  disconnect();
  await closeDatabases();
});

it('a Stop pressed before the run’s train message is posted ends the run stopped, before a model', async () => {
  const run = useTraining.getState().train();
  // Stop is enabled from here on
  expect(useTraining.getState().status).toBe('extracting');
  await vi.waitFor(() => expect(heard).toContain('setTestFault'));
  useTraining.getState().stop();
  faultAnswered();
  await run;

  // the run is never handed to the worker, which would have cleared that Stop as it started
  expect(heard).not.toContain('train');
  const s = useTraining.getState();
  expect(s.status).toBe('stopped');
  expect(s.stoppedBeforeModel).toBe(true);
  expect(s.error).toBeNull();
  expect(s.result).toBeNull();
});

it('a Stop pressed in the click’s own task (before the page yields) is not lost either', async () => {
  const run = useTraining.getState().train();
  useTraining.getState().stop();
  await vi.waitFor(() => expect(heard).toContain('setTestFault'));
  faultAnswered();
  await run;
  expect(heard).not.toContain('train');
  expect(useTraining.getState()).toMatchObject({ status: 'stopped', stoppedBeforeModel: true, error: null });
});

it('a Stop pressed once the run is posted reaches the worker after it; the next run is not stopped by it', async () => {
  const first = useTraining.getState().train();
  await vi.waitFor(() => expect(heard).toContain('setTestFault'));
  faultAnswered();
  await trainPosted;
  useTraining.getState().stop();
  await first;
  expect(heard).toEqual(['setTestFault', 'train', 'stop']);
  expect(useTraining.getState()).toMatchObject({ status: 'stopped', stoppedBeforeModel: true });

  // a later run is posted as usual
  heard = [];
  worker.train = async () => {
    heard.push('train');
    throw new Error('failed on purpose');
  };
  const second = useTraining.getState().train();
  await vi.waitFor(() => expect(heard).toContain('setTestFault'));
  faultAnswered();
  await second;
  expect(heard).toEqual(['setTestFault', 'train']);
  expect(useTraining.getState()).toMatchObject({ status: 'error', error: 'failed on purpose' });
});
