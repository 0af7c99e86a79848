import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo, Calibration as Measured } from '../src/worker/protocol';
import { fakeBackbone, useBackend } from './helpers';
import { markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { installLocalStorage } = await import('./fake-worker');
const { calibrateBackends, followCalibration } = await import('../src/worker/calibrate-backends');
const { autoCalibration, keepPlan, storedPlan } = await import('../src/state/backend-plan');
const { useBackbone } = await import('../src/state/backbone');
const { Calibration } = await import('../src/ui/Calibration');
const { DEFAULT_BACKBONE_ID } = await import('../src/core/backbones/registry');

beforeAll(() => useBackend('cpu'));
afterEach(() => void delete (globalThis as { localStorage?: unknown }).localStorage);

const probes = [
  { name: 'webgl', ok: true, adapter: 'ANGLE (NVIDIA)', software: false },
  { name: 'wasm', ok: true },
  { name: 'cpu', ok: true },
];
const backend: BackendInfo = { active: 'wasm', reason: 'start', probes, signature: 'sig', head: null };

describe('a calibration plan belongs to the backbone it was measured with', () => {
  it('the calibration and its plan name the backbone measured', async () => {
    const calibration = await calibrateBackends(
      [{ name: 'cpu', ok: true }],
      async () => fakeBackbone(),
      () => {},
    );
    expect(calibration.backboneId).toBe('fake');
    let info = backend;
    const out = await followCalibration(
      calibration,
      {
        ready: async () => info,
        setPlan: () => undefined,
        choose: async (name) => (info = { ...info, active: name }),
        setHead: async () => info,
        restore: async (back) => (info = back),
        forgetLost: async () => info,
      },
      async () => null,
      () => {},
    );
    expect(out.plan).toMatchObject({ extraction: 'cpu', backboneId: 'fake' });
  });

  it('a plan for another backbone does not stop a first calibration; an old plan counts for the default one', () => {
    installLocalStorage();
    const plan = { signature: 'sig', extraction: 'webgl', headTraining: null, measuredAt: '2026-11-29T00:00:00Z' };
    // kept before plans named their backbone
    keepPlan(plan);
    expect(storedPlan(DEFAULT_BACKBONE_ID)?.extraction).toBe('webgl');
    expect(storedPlan('mobilenet-v2-0.35')).toBeNull();
    expect(autoCalibration(backend, '', DEFAULT_BACKBONE_ID)).toBeNull();
    expect(autoCalibration(backend, '', 'mobilenet-v2-0.35')).toEqual(['webgl', 'wasm']);

    keepPlan({ ...plan, backboneId: 'mobilenet-v2-0.35' });
    expect(autoCalibration(backend, '', 'mobilenet-v2-0.35')).toBeNull();
    expect(autoCalibration(backend, '', DEFAULT_BACKBONE_ID)).toEqual(['webgl', 'wasm']);
  });

  it('the table names the backbone it measured, and says when another is loaded now', () => {
    const calibration = {
      rows: [
        {
          name: 'cpu',
          ok: true,
          warmupMs: 1,
          forwardMsBatch1: 1,
          forwardMsBatch8: 1,
          headStepMs: 1,
          finetuneStepMs: null,
        },
      ],
      best: { extraction: 'cpu', headTraining: 'cpu', fineTuning: null },
      active: 'cpu',
      backboneId: DEFAULT_BACKBONE_ID,
    } as Measured;
    const loaded = (id: string) => ({ id, blocks: [], source: 'local', where: 'x', paramCount: 1 }) as BackboneInfo;
    seed(useBackbone, { calibration, backend, status: 'ready', loaded: loaded(DEFAULT_BACKBONE_ID) });
    const text = (html: string) => parse(html).text.replace(/\s+/g, ' ');
    expect(text(markup(Calibration))).toContain('Measured with MobileNet v1 α0.25.');

    seed(useBackbone, { loaded: loaded('mobilenet-v2-0.35') });
    expect(text(markup(Calibration))).toContain(
      'Measured with MobileNet v1 α0.25 — not the backbone loaded now (MobileNetV2 α0.35)',
    );
  });
});
