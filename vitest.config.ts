import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that take 10 s or more (CI, clean clone). On a clean clone vitest has no durations cached and
// starts the largest files first, which left the 70-s benchmark smoke test to start last and run
// alone on one core for half a minute; these start first, longest first, and the rest fill in beside them.
const SLOW_FIRST = [
  'bench-smoke',
  'cli',
  'onnx-export',
  'finetune-train-runs',
  'finetune-kept-model',
  'model-import',
  'bad-images',
  'pipeline-real-photos',
  'pipeline-failures',
  'export-golden',
  'page-bundle',
];

const rank = (spec: TestSpecification): number => {
  const name = spec.moduleId
    .split('/')
    .pop()!
    .replace(/\.test\.ts$/, '');
  const i = SLOW_FIRST.indexOf(name);
  return i < 0 ? SLOW_FIRST.length : i;
};

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // a stable sort: files off the list keep vitest's own order (cached durations, when there are any)
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map((x) => x.spec);
  }
}

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file runs in a fresh worker thread (isolation stays on): tfjs backends and its global
    // variable-name registry stay per file. Threads rather than forked processes: a thread starts and
    // imports tfjs faster than a new process, and the suite is 468 files, most of them short. The whole
    // suite alone, one after the other on this machine: 279 s in threads against 309 s in forks
    // (load 3.5-4.3 from this session's own builds). Two workers match this 2-core machine.
    pool: 'threads',
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
