import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { calibrateBackends } from '../src/worker/calibrate-backends';
import { fakeBackbone } from './helpers';
import { backendsForFile, fakeGpu, losingBackbone } from './helpers-fake-backend';

const gpu = fakeGpu('webgpu', { carries: 'webgpu' });
backendsForFile('cpu', gpu);

describe('a calibration on a backend lost while it is measured', () => {
  it('ends that row with an error and measures the others', async () => {
    const calibration = await calibrateBackends(
      [
        { name: 'webgpu', ok: true },
        { name: 'cpu', ok: true },
      ],
      async () => (tf.getBackend() === 'webgpu' ? losingBackbone(gpu, fakeBackbone()) : fakeBackbone()),
      () => undefined,
    );
    const [webgpu, cpu] = calibration.rows;
    expect(webgpu).toMatchObject({ name: 'webgpu', ok: false });
    expect(webgpu.error).toMatch(/stopped working while measured: WebGPU device lost/);
    expect(cpu).toMatchObject({ name: 'cpu', ok: true });
    expect(calibration.best.extraction).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
