import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendLostError } from '../src/core/backend-fault';
import type { Checkpoint } from '../src/core/train/epochs';
import { autoCalibration, keepChoice, keepPlan, storedChoice, storedPlan } from '../src/state/backend-plan';
import { headElsewhere, probeSignature } from '../src/worker/backend-choice';
import { withFallback, type Fallback } from '../src/worker/fallback';
import { useBackend } from './helpers';

const checkpoint = (epoch: number): Checkpoint => ({ epoch, history: [], values: [], early: null });

beforeAll(() => useBackend('wasm'));

describe('withFallback', () => {
  it('when no backend starts, the run fails with the fault that ended it', async () => {
    const run = withFallback(
      async () => {
        throw new BackendLostError('wasm', 'device lost');
      },
      ['wasm', 'webgl'],
      async () => {
        throw new Error('did not start');
      },
      () => undefined,
    );
    await expect(run).rejects.toThrow('device lost');
  });

  it('a failure of the backend the head trains on continues on the active backend, without switching', async () => {
    const calls: { resume?: number; failed: string[] }[] = [];
    const switched: string[] = [];
    const notes: Fallback[] = [];
    const result = await withFallback(
      async (resume, onCheckpoint, _abandoned, failed) => {
        calls.push({ resume: resume?.epoch, failed: [...failed] });
        if (calls.length === 1) {
          onCheckpoint(checkpoint(3));
          throw new BackendLostError('webgl', 'WebGL context lost');
        }
        return 'done';
      },
      ['webgl', 'wasm', 'cpu'],
      async (b) => void switched.push(b),
      (f) => notes.push(f),
    );
    expect(result).toBe('done');
    expect(switched).toEqual([]);
    expect(tf.getBackend()).toBe('wasm');
    expect(notes).toEqual([{ from: 'webgl', to: 'wasm', reason: 'WebGL context lost', epoch: 3 }]);
    // the second attempt resumes after epoch 3 and knows to leave webgl out
    expect(calls).toEqual([
      { resume: undefined, failed: [] },
      { resume: 3, failed: ['webgl'] },
    ]);
  });

  it('a failure of the active backend still moves down the order', async () => {
    const switched: string[] = [];
    const notes: Fallback[] = [];
    let n = 0;
    await withFallback(
      async () => {
        if (n++ === 0) throw new Error("Kernel 'Foo' not registered for backend 'wasm'");
        return 1;
      },
      ['wasm', 'cpu'],
      async (b) => void switched.push(b),
      (f) => notes.push(f),
    );
    expect(switched).toEqual(['cpu']);
    expect(notes.map((f) => [f.from, f.to])).toEqual([['wasm', 'cpu']]);
  });
});

describe('backend plan helpers', () => {
  const probes = [
    { name: 'webgpu', ok: false, note: 'no WebGPU adapter' },
    { name: 'webgl', ok: true, adapter: 'ANGLE (NVIDIA)', software: false },
    { name: 'wasm', ok: true, adapter: 'SIMD yes, threads no' },
    { name: 'cpu', ok: true },
  ];

  it('a plan is tied to what the probes found', () => {
    expect(probeSignature(probes)).toBe('webgpu:no|webgl:ANGLE (NVIDIA)|wasm:SIMD yes, threads no|cpu:ok');
    expect(probeSignature([{ ...probes[0], ok: true, adapter: 'nvidia' }, ...probes.slice(1)])).not.toBe(
      probeSignature(probes),
    );
  });

  it('the head trains elsewhere only on another backend that is available', () => {
    const head = { name: 'webgl', reason: 'chosen by you' };
    expect(headElsewhere(head, 'wasm', probes)).toEqual(head);
    expect(headElsewhere(head, 'webgl', probes)).toBeNull();
    expect(headElsewhere({ name: 'webgpu', reason: 'x' }, 'wasm', probes)).toBeNull();
    expect(headElsewhere(null, 'wasm', probes)).toBeNull();
  });

  it('a first visit calibrates by itself only with a hardware GPU and no plan for this hardware', () => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    };
    try {
      const info = { active: 'webgl', reason: '', probes, signature: probeSignature(probes), head: null };
      // hardware WebGL and wasm are measured; cpu is not
      expect(autoCalibration(info, '')).toEqual(['webgl', 'wasm']);
      const software = probes.map((p) => (p.name === 'webgl' ? { ...p, software: true } : p));
      const cpuOnly = { ...info, probes: software, signature: probeSignature(software) };
      expect(autoCalibration(cpuOnly, '')).toBeNull();
      expect(autoCalibration(cpuOnly, '?calibrate=auto')).toEqual(['wasm']);
      keepPlan({
        signature: info.signature,
        extraction: 'webgl',
        headTraining: null,
        measuredAt: '2026-11-29T00:00:00Z',
      });
      expect(storedPlan()?.extraction).toBe('webgl');
      expect(autoCalibration(info, '')).toBeNull();
      // other hardware: the stored plan does not count
      expect(autoCalibration(cpuOnly, '?calibrate=auto')).toEqual(['wasm']);
      // picks by hand add up per hardware; other hardware starts over; null forgets them
      keepChoice('a', { backend: 'webgl' });
      keepChoice('a', { head: 'wasm' });
      expect(storedChoice()).toEqual({ signature: 'a', backend: 'webgl', head: 'wasm' });
      keepChoice('b', { head: null });
      expect(storedChoice()).toEqual({ signature: 'b', head: null });
      keepChoice('b', null);
      expect(storedChoice()).toBeNull();
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
