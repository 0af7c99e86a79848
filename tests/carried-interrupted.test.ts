import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import type { ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { cutRun } from './fixtures/interrupted-run';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { readProjectZip, writeProjectZip } = await import('../src/core/project/project-zip');
const { INTERRUPTED_BIN, INTERRUPTED_JSON, interruptedFiles, readInterruptedRun } =
  await import('../src/core/project/carried-interrupted');
const { adoptProjectInterrupted, carryInterrupted, readCarried } = await import('../src/ui/project-carried');
const { forgetInterrupted, loadInterrupted } = await import('../src/state/model-store');
const { useTraining } = await import('../src/state/training');
const { closeDatabases } = await import('../src/core/storage/databases');

const record: ProjectRecord = {
  version: 1,
  classes: [{ id: 'c1', name: 'cats', images: [] }],
  settings: { ...DEFAULT_SETTINGS },
  backboneId: 'mobilenet-v1-0.25',
  savedAt: '2026-12-02T00:00:00.000Z',
};

const epoch = (n: number) => ({
  epoch: n,
  loss: 0.5,
  accuracy: 0.75,
  valLoss: n === 2 ? Number.NaN : 0.6,
  valAccuracy: 0.5,
  seconds: 1.25,
  lr: 0.001,
  stopLoss: 0.4,
});

/** every field InterruptedRun holds, the optional ones too, and early stopping's Infinity */
const run: InterruptedRun = cutRun(3, {
  checkpoint: {
    epoch: 3,
    history: [epoch(1), epoch(2), epoch(3)],
    values: [new Float32Array([0.5, -1.25, 3e-8]), new Float32Array([7])],
    early: {
      best: Number.POSITIVE_INFINITY,
      bestEpoch: 2,
      saved: [new Float32Array([1, 2, 3]), new Float32Array([4])],
    },
    epochsPlanned: 50,
    recipe: { chosen: true } as never,
  },
  settings: { ...DEFAULT_SETTINGS, epochs: 30, recipe: 'manual' },
  savedAt: '2026-12-01T10:00:00.000Z',
  split: 2,
  features: 384,
});

/** through a real project zip and back: what Open project reads of what Download project wrote */
async function throughZip(files: Map<string, Uint8Array>): Promise<Map<string, Uint8Array>> {
  const zip = await writeProjectZip(record, () => new Blob([]), undefined, undefined, files);
  return (await readProjectZip(zip)).carried;
}

afterEach(async () => {
  await forgetInterrupted();
  await closeDatabases();
});

describe('the interrupted run a project zip carries', () => {
  it('comes back from the zip as it went in, no key lost', async () => {
    const files = new Map<string, Uint8Array>();
    expect(carryInterrupted(files, run)).toBeNull();
    expect([...files.keys()].sort()).toEqual([INTERRUPTED_JSON, INTERRUPTED_BIN]);
    const { interrupted, problems } = readCarried(await throughZip(files));
    expect(problems).toEqual([]);
    expect(interrupted).toStrictEqual(run);
    expect(interrupted!.checkpoint.values[0]).toBeInstanceOf(Float32Array);
    expect(interrupted!.checkpoint.early!.best).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps a checkpoint without early stopping, or early stopping that saved nothing yet', () => {
    for (const early of [null, { best: 0.5, bestEpoch: null, saved: null }]) {
      const plain = { ...run, checkpoint: { ...run.checkpoint, early } };
      expect(readInterruptedRun(interruptedFiles(plain))).toEqual(plain);
    }
  });

  it('is named, not fatal, when it cannot be read', async () => {
    const files = interruptedFiles(run);
    files.set(INTERRUPTED_BIN, files.get(INTERRUPTED_BIN)!.subarray(4));
    const read = readCarried(await throughZip(files));
    expect(read.interrupted).toBeNull();
    expect(read.problems).toEqual([
      `its interrupted run (${INTERRUPTED_BIN} holds 28 bytes where its checkpoint needs 32)`,
    ]);
    expect(readCarried(new Map([[INTERRUPTED_JSON, files.get(INTERRUPTED_JSON)!]])).problems).toEqual([
      `its interrupted run (${INTERRUPTED_BIN} is missing)`,
    ]);
    // a zip from before it was carried has none
    expect(readCarried(new Map()).interrupted).toBeNull();
  });

  it('is kept as the run to resume where the zip opens, and offered', async () => {
    const { interrupted } = readCarried(await throughZip(interruptedFiles(run)));
    await adoptProjectInterrupted(interrupted!);
    expect(await loadInterrupted()).toEqual(run);
    expect(useTraining.getState().interrupted).toEqual(run);
    expect(useTraining.getState().epochsPlanned).toBe(50);
  });
});
