import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo, Calibration, CalibrationOutcome } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { followCalibration } = await import('../src/worker/calibrate-backends');
const { useBackbone } = await import('../src/state/backbone');
const { storedChoice, storedPlan, keepChoice } = await import('../src/state/backend-plan');

const probes = ['webgl', 'wasm', 'cpu'].map((name) => ({ name, ok: true }));
const state = (active: string, head: BackendInfo['head'] = null): BackendInfo => ({
  active,
  reason: 'start',
  probes,
  signature: 'sig',
  head,
});
const measured = (extraction: string | null, headTraining: string | null): Calibration => ({
  rows: probes.map((p) => ({ name: p.name, ok: true })) as Calibration['rows'],
  best: { extraction, headTraining, fineTuning: extraction },
  active: 'wasm',
});
const backbone = (id: string) => ({ id, blocks: [], source: 'local', where: 'x', paramCount: 1 }) as BackboneInfo;

/** the worker's backend state as followCalibration sees it, logging what it is asked */
function fakeBackends(start: BackendInfo) {
  let info = start;
  const log: string[] = [];
  return {
    log,
    ready: async () => info,
    setPlan: (plan: unknown, choice: unknown) => void log.push(`plan ${JSON.stringify(plan && 1)} choice ${choice}`),
    choose: async (name: string, why: string) => (
      log.push(`choose ${name}: ${why}`),
      (info = { ...info, active: name })
    ),
    setHead: async (name: string | null, why: string) => (
      log.push(`head ${name}: ${why}`),
      (info = { ...info, head: name ? { name, reason: why } : null })
    ),
    restore: async (back: BackendInfo) => (log.push(`restore ${back.active}`), (info = back)),
    forgetLost: async (failed: readonly { name: string }[]) => (
      log.push(`forget lost among ${failed.map((f) => f.name)}`),
      info
    ),
  };
}

describe('followCalibration (worker side)', () => {
  it('moves extraction to its fastest backend, reloads the backbone there and trains the head on its own', async () => {
    const backends = fakeBackends(state('wasm'));
    const reload = vi.fn(async () => backbone('mobilenet'));
    const out = await followCalibration(measured('webgl', 'cpu'), backends, reload, () => {});
    expect(reload).toHaveBeenCalledOnce();
    expect(out.plan).toMatchObject({ signature: 'sig', extraction: 'webgl', headTraining: 'cpu' });
    expect(out.backend).toMatchObject({ active: 'webgl', head: { name: 'cpu' } });
    expect(out.reloaded).toEqual({ backbone: backbone('mobilenet') });
    expect(backends.log).toEqual([
      'plan 1 choice null',
      'choose webgl: fastest for feature extraction in the calibration just now',
      'head cpu: fastest for head training in the calibration just now',
    ]);
  });

  it('the same backend keeps its backbone; one backend for both jobs leaves the head at home', async () => {
    const backends = fakeBackends(state('wasm', { name: 'cpu', reason: 'chosen by you' }));
    const reload = vi.fn(async () => backbone('mobilenet'));
    const out = await followCalibration(measured('wasm', 'wasm'), backends, reload, () => {});
    expect(reload).not.toHaveBeenCalled();
    expect(out.reloaded).toBeNull();
    expect(out.plan?.headTraining).toBeNull();
    expect(out.backend?.head).toBeNull();
  });

  it('a failed reload is reported as the backbone error, extraction staying where the backbone lives; no working backend changes nothing', async () => {
    const failed = fakeBackends(state('wasm'));
    const failing = await followCalibration(
      measured('webgl', 'cpu'),
      failed,
      async () => Promise.reject(new Error('no weights')),
      () => {},
    );
    expect(failing.reloaded).toEqual({ error: 'no weights' });
    expect(failing.backend).toMatchObject({ active: 'wasm', head: { name: 'cpu' } });
    expect(failed.log).toContain('restore wasm');
    const backends = fakeBackends(state('wasm'));
    const none = await followCalibration(
      measured(null, null),
      backends,
      async () => backbone('x'),
      () => {},
    );
    expect(none).toMatchObject({ plan: null, backend: null, reloaded: null });
    expect(backends.log).toEqual([]);
  });
});

describe('backbone store: calibrate is one worker call, shown as it comes back', () => {
  beforeEach(() => {
    resetWorker();
    installLocalStorage();
    useBackbone.setState({ backend: state('wasm'), loaded: backbone('before'), status: 'ready', calibration: null });
  });

  it('keeps the plan, forgets hand picks, shows the backend and the reloaded backbone', async () => {
    keepChoice('sig', { backend: 'cpu' });
    const calls: string[] = [];
    const outcome: CalibrationOutcome = {
      calibration: measured('webgl', 'cpu'),
      plan: { signature: 'sig', extraction: 'webgl', headTraining: 'cpu', measuredAt: '2026-11-30T00:00:00Z' },
      backend: state('webgl', { name: 'cpu', reason: 'fastest' }),
      reloaded: { backbone: backbone('after') },
    };
    worker.calibrate = async (_base: string, onProgress: (d: number, t: number, s: string) => void) => {
      calls.push('calibrate');
      onProgress(1, 3, 'webgl: warming up');
      expect(useBackbone.getState().calibrating).toEqual({ done: 1, total: 3, detail: 'webgl: warming up' });
      return outcome;
    };
    for (const other of ['init', 'setBackendPlan', 'setHeadBackend', 'loadBackbone'])
      worker[other] = async () => void calls.push(other);
    await useBackbone.getState().calibrate();
    expect(calls).toEqual(['calibrate']);
    expect(storedPlan()).toEqual(outcome.plan);
    expect(storedChoice()).toBeNull();
    const s = useBackbone.getState();
    expect(s).toMatchObject({ calibration: outcome.calibration, calibrating: null, backend: outcome.backend });
    expect(s.loaded).toEqual(backbone('after'));
    expect(s.lastLoad).toEqual({ before: backbone('before'), loaded: backbone('after') });
  });

  it('a reload that failed shows as the backbone error, the backbone kept; a failed calibration as the calibration error', async () => {
    worker.calibrate = async () =>
      ({
        calibration: measured('webgl', null),
        plan: { signature: 'sig', extraction: 'webgl', headTraining: null, measuredAt: '2026-11-30T00:00:00Z' },
        backend: state('wasm'),
        reloaded: { error: 'gone' },
      }) as CalibrationOutcome;
    const lastLoad = useBackbone.getState().lastLoad;
    await useBackbone.getState().calibrate();
    // the worker put extraction back where the backbone lives: it still works there
    expect(useBackbone.getState()).toMatchObject({
      status: 'ready',
      error: expect.stringMatching(/onto webgl, so it stays on wasm: gone/),
      loaded: backbone('before'),
      backend: state('wasm'),
      lastLoad,
    });
    worker.calibrate = async () => Promise.reject(new Error('boom'));
    await useBackbone.getState().calibrate();
    expect(useBackbone.getState()).toMatchObject({ calibrating: null, calibrationError: 'boom' });
  });

  it('progress arriving after the answer (it has a port of its own) does not bring back a finished calibration', async () => {
    let late = () => {};
    worker.calibrate = async (_base: string, onProgress: (d: number, t: number, s: string) => void) => {
      late = () => onProgress(3, 3, 'done');
      return { calibration: measured('wasm', null), plan: null, backend: null, reloaded: null } as CalibrationOutcome;
    };
    await useBackbone.getState().calibrate();
    late();
    expect(useBackbone.getState().calibrating).toBeNull();
  });
});
