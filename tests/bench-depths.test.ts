import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { depthFigure } from '../scripts/bench/depth-figures';
import { loadDepthPair, plainSpec, timeDepths, type DepthTimes } from '../scripts/bench/depths';
import { parseOptions } from '../scripts/bench/options';
import { emptyResult } from '../scripts/bench/result';
import { interleaved, type Timed } from '../scripts/bench/stats';
import { renderTable } from '../scripts/bench/table';
import { localCandidate, REPO_ROOT, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

describe('the two feature models the bench compares', () => {
  it.each([
    ['mobilenet-v1-0.25', 256, 384],
    ['mobilenet-v2-0.35', 1280, 1472],
  ])(
    '%s: the plain model is the feature layer alone, on the same weights as the two-depth one',
    async (id, plainSize, joinedSize) => {
      const spec = getBackboneSpec(id);
      const pair = await loadDepthPair(spec, [localCandidate(spec)]);
      try {
        const [plain, joined, gap] = tf.tidy(() => {
          const x = tf.randomUniform([2, spec.inputSize, spec.inputSize, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
          const p = pair.plain.extract(x);
          const j = pair.joined.extract(x);
          // the joined features start with the feature layer's average: the plain model's, exactly
          const d = j.slice([0, 0], [2, plainSize]).sub(p).abs().max();
          return [p.shape, j.shape, d.dataSync()[0]];
        });
        expect(plain).toEqual([2, plainSize]);
        expect(joined).toEqual([2, joinedSize]);
        expect(gap).toBeLessThan(1e-5);
        expect(spec.poolAlso, 'the registry spec is left as it was').toBeTruthy();
        expect(plainSpec(spec).poolAlso).toBeUndefined();
      } finally {
        pair.dispose();
      }
    },
    60_000,
  );
});

/** A backbone that only records its calls: `name:batch` and the input it was given. */
function recorder(name: string, features: number, calls: string[], inputs: tf.Tensor[]): Backbone {
  return {
    spec: { ...getBackboneSpec('mobilenet-v1-0.25'), inputSize: 8 },
    featureModel: null,
    paramCount: 0,
    dispose: () => undefined,
    extract: (x) => {
      calls.push(`${name}:${x.shape[0]}`);
      inputs.push(x);
      return tf.zeros([x.shape[0], features]);
    },
  };
}

describe('timeDepths', () => {
  it('runs the plain and the two-depth model in turns on the same input, batch by batch', async () => {
    const calls: string[] = [];
    const inputs: tf.Tensor[] = [];
    const before = tf.memory().numTensors;
    const t = await timeDepths(recorder('plain', 4, calls, inputs), recorder('joined', 6, calls, inputs), [1, 16], {
      warmup: 1,
      runs: 3,
    });
    // a warm-up pair, then the timed pairs, every other one the other way round
    const turns = (b: number) => [
      ...[`plain:${b}`, `joined:${b}`],
      ...[`plain:${b}`, `joined:${b}`],
      ...[`joined:${b}`, `plain:${b}`],
      ...[`plain:${b}`, `joined:${b}`],
    ];
    expect(calls).toEqual([...turns(1), ...turns(16)]);
    expect(new Set(inputs.slice(0, 8)).size, 'one input for every batch-1 pass').toBe(1);
    expect(new Set(inputs.slice(8)).size, 'one input for every batch-16 pass').toBe(1);
    expect(t.plainFeatures).toBe(4);
    expect(t.joinedFeatures).toBe(6);
    expect(t.batches.map((b) => [b.batch, b.plain.runs, b.joined.runs, b.plain.warmup])).toEqual([
      [1, 3, 3, 1],
      [16, 3, 3, 1],
    ]);
    expect(tf.memory().numTensors, 'inputs and outputs freed').toBe(before);
  });
});

describe('interleaved with a time budget', () => {
  const sleep = (ms: number) => () => new Promise((r) => setTimeout(r, ms));

  it('stops adding pairs once the budget is spent, but not below minRuns', async () => {
    // each pair takes at least 10 ms, so a 12-ms budget is spent by the second pair
    const r = await interleaved(sleep(5), sleep(5), { warmup: 0, runs: 10, minRuns: 2, budgetMs: 12 });
    expect(r.a.runs).toBe(2);
    expect(r.b.runs).toBe(2);
  });

  it('runs every pair asked for without a budget', async () => {
    const r = await interleaved(sleep(1), sleep(1), { warmup: 0, runs: 4 });
    expect([r.a.runs, r.b.runs]).toEqual([4, 4]);
  });
});

const timed = (ms: number, runs = 9, all: number[] = []): Timed => ({ ms, runs, warmup: 1, all });
const times: DepthTimes = {
  backbone: 'mobilenet-v1-0.25',
  plainFeatures: 256,
  joinedFeatures: 384,
  batches: [
    { batch: 1, plain: timed(20), joined: timed(21) },
    { batch: 16, plain: timed(200, 7, [100, 200, 200, 100, 400]), joined: timed(230, 7, [100, 220, 240, 130, 400]) },
  ],
};

describe('depthFigure', () => {
  it('gives both sides at batch 1 and 16 and two depths ÷ one', () => {
    expect(depthFigure(times)).toMatchObject({
      backbone: 'mobilenet-v1-0.25',
      plainFeatures: 256,
      joinedFeatures: 384,
      plainMsBatch1: 20,
      joinedMsBatch1: 21,
      plainMsBatch16: 200,
      joinedMsBatch16: 230,
      ratioBatch1: 1.05,
      ratioBatch16: 1.15,
      runs: { batch1: 9, batch16: 7 },
      // pairs' own ratios 1, 1.1, 1.2, 1.3, 1
      pairRatioQuartilesBatch16: [1, 1.2],
      pairRatioQuartilesBatch1: null,
    });
    expect(depthFigure(times).interleaved).toMatch(/in turns/);
  });
});

describe('the printed tables', () => {
  const result = () => emptyResult(parseOptions(['--quick'], REPO_ROOT).plan);

  it('has a row per backbone for the two depths and a column per backend', () => {
    const r = result();
    const fig = { backend: 'wasm', ...depthFigure(times), loadAverage1m: 2.5 };
    r.featureDepths = fig;
    r.featureDepthsByBackbone = { 'mobilenet-v1-0.25': fig };
    r.perBackend = {
      wasm: {
        forwardMsBatch1: 20,
        forwardMsBatch16: 200,
        headEpochSeconds: 0.1,
        finetuneStepSeconds: 0.2,
        runs: {},
        featureDepths: depthFigure(times),
      },
    };
    const text = renderTable(r);
    const row = text.split('\n').find((l) => l.includes('two depths') && l.includes('mobilenet-v1-0.25'));
    expect(row).toContain('20.00 → 21.00 ms');
    expect(row).toContain('200.0 → 230.0 ms');
    expect(row).toContain('1.15');
    expect(row).toContain('×1.00–1.20');
    expect(row).toMatch(/2\.50 \|$/);
    expect(text.split('\n').find((l) => l.startsWith('| wasm'))).toContain('1.05 / 1.15');
  });

  it('prints dashes when the figure was not taken', () => {
    const row = renderTable(result())
      .split('\n')
      .find((l) => l.includes('two depths'));
    expect(row).toContain('—');
  });
});

describe('--only depths', () => {
  it('is a phase of its own', () => {
    expect(parseOptions(['--only', 'machine,depths'], REPO_ROOT).only).toEqual(['machine', 'depths']);
  });
});
