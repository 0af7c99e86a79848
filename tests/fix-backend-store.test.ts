import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo, BackendSwitch, CalibrationOutcome } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { keepChoice, storedChoice } = await import('../src/state/backend-plan');

const probes = ['webgpu', 'webgl', 'wasm', 'cpu'].map((name) => ({ name, ok: true }));
const state = (active: string): BackendInfo => ({ active, reason: 'start', probes, signature: 'sig', head: null });
const info = (id: string, where = 'x') =>
  ({ id, blocks: [], source: 'local', where, paramCount: 1 }) as unknown as BackboneInfo;
const initial = useBackbone.getState();

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial, true);
  useBackbone.setState({ backend: state('wasm'), selected: 'A', loaded: info('A'), status: 'ready' });
});

describe('a backbone picked while a calibration runs', () => {
  it('is shown loading until it has loaded, though the calibration moved the one before it meanwhile', async () => {
    let calibrated!: (o: CalibrationOutcome) => void;
    worker.calibrate = () => new Promise((resolve) => (calibrated = resolve));
    let loadedB!: () => void;
    // the worker loads B after the calibration (it runs alone)
    worker.loadBackbone = (id: string) => new Promise((resolve) => (loadedB = () => resolve(info(id))));
    const calibrating = useBackbone.getState().calibrate();
    const picked = useBackbone.getState().select('B');
    expect(useBackbone.getState()).toMatchObject({ status: 'loading', selected: 'B' });

    calibrated({
      calibration: { rows: [], best: { extraction: 'webgl', headTraining: null, fineTuning: 'webgl' }, active: 'wasm' },
      plan: { signature: 'sig', extraction: 'webgl', headTraining: null, measuredAt: '2026-11-30T00:00:00Z' },
      backend: state('webgl'),
      reloaded: { backbone: info('A', 'moved') },
    });
    await calibrating;
    // Train stays off while B loads: shown ready with A, its settings were checked against A's
    // blocks while the worker trained B
    expect(useBackbone.getState()).toMatchObject({
      status: 'loading',
      selected: 'B',
      calibrating: null,
      backend: { active: 'webgl' },
    });
    // the rest of the page still hears that the worker moved A (the model trained on it went)
    expect(useBackbone.getState().lastLoad).toEqual({ before: info('A'), loaded: info('A', 'moved') });

    loadedB();
    await picked;
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', selected: 'B', loaded: info('B') });
  });

  it('a failed move of the one before is not shown beside the one still loading, nor picks it back', async () => {
    let calibrated!: (o: CalibrationOutcome) => void;
    worker.calibrate = () => new Promise((resolve) => (calibrated = resolve));
    let loadedB!: () => void;
    worker.loadBackbone = (id: string) => new Promise((resolve) => (loadedB = () => resolve(info(id))));
    // the page showed none (a pick had failed) while the worker held A
    useBackbone.setState({ loaded: null, status: 'error', error: 'offline' });
    const calibrating = useBackbone.getState().calibrate();
    const picked = useBackbone.getState().select('B');
    calibrated({
      calibration: { rows: [], best: { extraction: 'webgl', headTraining: null, fineTuning: 'webgl' }, active: 'wasm' },
      plan: { signature: 'sig', extraction: 'webgl', headTraining: null, measuredAt: '2026-11-30T00:00:00Z' },
      backend: state('webgl'),
      reloaded: { backbone: info('A', 'moved') },
    });
    await calibrating;
    expect(useBackbone.getState()).toMatchObject({ status: 'loading', selected: 'B', error: null });
    loadedB();
    await picked;
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', selected: 'B', loaded: info('B') });
  });
});

describe('a backend picked by hand that did not start', () => {
  it('is not remembered when the worker fell through to another backend', async () => {
    keepChoice('sig', { backend: 'wasm' });
    // webgpu failed to start: the worker's choice fell through to the next backend (worker/backend-choice.ts)
    worker.switchBackend = async (): Promise<BackendSwitch> => ({ backend: state('webgl'), reloaded: null });
    await useBackbone.getState().pickBackend('webgpu');
    expect(useBackbone.getState().backend?.active).toBe('webgl');
    // the next visit does not try the dead one first
    expect(storedChoice()).toMatchObject({ backend: 'wasm' });
    // one that started is remembered
    worker.switchBackend = async (name: string): Promise<BackendSwitch> => ({ backend: state(name), reloaded: null });
    await useBackbone.getState().pickBackend('cpu');
    expect(storedChoice()).toMatchObject({ backend: 'cpu' });
  });
});
