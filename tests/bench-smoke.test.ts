import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers';

// Only that `npm run bench` runs end to end and writes its JSON contract; no figure is checked
// (this machine is shared and noisy). --quick keeps it to about a minute on 2 cores (more under load).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CONTRACT: Record<string, string[]> = {
  machine: ['cores', 'browser', 'backends'],
  extraction: ['backend', 'pipelineImagesPerSec', 'rawModelImagesPerSec', 'ratio'],
  finetune: ['backend', 'unfrozenBlocks', 'cachedEpochSeconds', 'naiveEpochSeconds', 'speedup'],
  timeToFirstModel: ['images', 'seconds', 'valAccuracy'],
  timeToFinalModel: ['images', 'seconds', 'valAccuracy'],
  page: ['jsGzipBytes', 'jsBytes', 'timeToInteractiveSeconds'],
  webcam: ['backend', 'fps', 'rawFps', 'ratio', 'ratio4x', 'ratioInTurns'],
  throttled4x: ['longestTaskMs', 'frameDelayP95Ms'],
  leak: ['tensorsBefore', 'tensorsAfter'],
  export: ['onnxMs', 'onnxBytes', 'tfliteMs', 'tfliteBytes'],
  featureDepths: [
    'backend',
    'backbone',
    'plainMsBatch1',
    'joinedMsBatch1',
    'plainMsBatch16',
    'joinedMsBatch16',
    'ratioBatch16',
    'runs',
    'loadAverage1m',
    'interleaved',
  ],
};

const DEPTH_NUMBERS = ['plainMsBatch1', 'joinedMsBatch1', 'plainMsBatch16', 'joinedMsBatch16', 'ratioBatch16'];

describe.skipIf(!existsSync(chromium))('npm run bench (smoke)', () => {
  it('runs --quick and writes every JSON key', { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    const json = join(dir, 'bench.json');
    try {
      const run = spawnSync('npx', ['tsx', 'scripts/bench/run.ts', '--quick', '--backends', 'wasm', '--json', json], {
        cwd: REPO_ROOT,
        env: { ...process.env, BENCH_OUT_DIR: 'dist-bench-smoke' },
        encoding: 'utf8',
        timeout: 590_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('| figure | value |');
      const result = JSON.parse(readFileSync(json, 'utf8'));
      for (const [section, keys] of Object.entries(CONTRACT)) {
        for (const key of keys) expect(result[section], `${section}.${key}`).toHaveProperty(key);
      }
      expect(result).toHaveProperty('mainThreadLongestTaskMs');
      expect(typeof result.mainThreadLongestTaskMs).toBe('number');
      expect(typeof result.mainThreadLongestTaskMs4x).toBe('number');
      for (const name of ['wasm', 'cpu']) expect(result.machine.backends[name]).toMatchObject({ ok: true });
      for (const key of ['forwardMsBatch1', 'forwardMsBatch16', 'headEpochSeconds', 'finetuneStepSeconds']) {
        expect(typeof result.perBackend.wasm[key], `perBackend.wasm.${key}`).toBe('number');
      }
      // the two-depth comparison: both built-in backbones on the extraction backend, and per backend
      for (const id of ['mobilenet-v1-0.25', 'mobilenet-v2-0.35']) {
        const fig = result.featureDepthsByBackbone[id];
        for (const key of DEPTH_NUMBERS)
          expect(typeof fig?.[key], `featureDepthsByBackbone.${id}.${key}`).toBe('number');
        expect(fig.joinedFeatures).toBeGreaterThan(fig.plainFeatures);
      }
      expect(result.featureDepths.backbone).toBe('mobilenet-v1-0.25');
      expect(result.featureDepths.backend).toBe(result.extraction.backend);
      for (const key of DEPTH_NUMBERS) {
        expect(typeof result.featureDepths[key], `featureDepths.${key}`).toBe('number');
        expect(typeof result.perBackend.wasm.featureDepths?.[key], `perBackend.wasm.featureDepths.${key}`).toBe(
          'number',
        );
      }
      for (const section of [
        'export',
        'extraction',
        'finetune',
        'timeToFirstModel',
        'timeToFinalModel',
        'page',
        'webcam',
        'throttled4x',
      ]) {
        for (const key of CONTRACT[section]) expect(result[section][key], `${section}.${key}`).not.toBeNull();
      }
      expect(result.errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
