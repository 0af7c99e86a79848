import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { openTrainingPage, closeTrainingPage } = await import('./helpers-training-page');
const { useTraining } = await import('../src/state/training');

/** what reached the worker, in order; the worker's Stop flag as studio-training.ts keeps it (a run clears it as it starts) */
let heard: string[];
let stopFlag: boolean;
let faultAnswered: () => void;
let stopHeard: Promise<void>;
let trainPosted: Promise<void>;
beforeEach(() => {
  openTrainingPage();
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
afterEach(closeTrainingPage);

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
