import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useTraining } = await import('../src/state/training');
const { useInsight } = await import('../src/state/dataset-insight');
const { useLabelChecks } = await import('../src/state/label-checks');
const { closeDatabases } = await import('../src/core/storage/databases');
const { useProject } = await import('../src/state/project');
const { applyRecord, currentRecord, persistContext } = await import('../src/state/page-record');
const { parseProjectRecord } = await import('../src/core/project/record');
const { emptyProject } = await import('../src/state/coordinator');

const initial = { training: useTraining.getState(), insight: useInsight.getState() };
let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useTraining.setState(initial.training, true);
  useInsight.setState(initial.insight, true);
  useLabelChecks.getState().replace([]);
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

const result = () => ({ valAccuracy: 0.9, history: [] }) as unknown as TrainSummary;
const mark = { img1: { what: 'moved to dog', from: 'c1' } };

describe("the review's 'train again to update' marks", () => {
  it('stay when the same model is read back from storage (a backend switch, a calibration): its results predate the edits', () => {
    const r1 = result();
    useTraining.setState({ status: 'done', result: r1 });
    useInsight.setState({ changed: mark });
    useTraining.getState().backboneReplaced(false);
    expect(useTraining.getState().restoreResult(structuredClone(r1))).toBe(true);
    expect(useInsight.getState().changed).toEqual(mark);
    // an earlier kept model chosen again: older still
    expect(useTraining.getState().showKept(result())).toBe(true);
    expect(useInsight.getState().changed).toEqual(mark);
  });

  it("go when a run's own result comes (it was trained on the edited data)", () => {
    useInsight.setState({ changed: mark });
    useTraining.setState({ status: 'done', result: result(), resultStored: false });
    expect(useInsight.getState().changed).toEqual({});
  });

  it('are kept with the project (a reload kept the results and lost the marks that said they were from before)', () => {
    const file = new File([new Uint8Array([1])], 'a.png', { type: 'image/png' });
    useProject.setState({
      classes: [{ id: 'c2', name: 'dog', images: [{ id: 'img1', file, url: '' }] }],
    });
    useInsight.setState({ changed: { ...mark, gone: { what: 'deleted', from: 'c1' } } });
    const record = parseProjectRecord(JSON.parse(JSON.stringify(currentRecord())));
    // only the images still in the project (or held by an undo) keep theirs
    expect(record.reviewMarks).toEqual(mark);
    useInsight.setState({ changed: {} });
    applyRecord(record, () => file);
    expect(useInsight.getState().changed).toEqual(mark);
    // a new project has none
    emptyProject();
    expect(useInsight.getState().changed).toEqual({});
  });
});

describe('"Label is right" marks', () => {
  it('are kept with the project, for images it still holds, and a new project has none', () => {
    const file = new File([new Uint8Array([1])], 'a.png', { type: 'image/png' });
    useProject.setState({
      classes: [{ id: 'c2', name: 'dog', images: [{ id: 'img1', file, url: '' }] }],
    });
    useLabelChecks.getState().toggle('img1');
    useLabelChecks.getState().toggle('gone');
    const record = parseProjectRecord(JSON.parse(JSON.stringify(currentRecord())));
    expect(record.labelChecks).toEqual(['img1']);
    useLabelChecks.getState().replace([]);
    applyRecord(record, () => file);
    expect(useLabelChecks.getState().checked).toEqual({ img1: true });
    emptyProject();
    expect(useLabelChecks.getState().checked).toEqual({});
    // pressing one asks the autosave for a save, as every change a record holds does
    const changed = vi.fn();
    const stop = persistContext.get().watch(changed, () => undefined);
    useLabelChecks.getState().toggle('img1');
    stop();
    expect(changed).toHaveBeenCalledTimes(1);
    // a record without any reads as none; one with junk keeps the ids only
    expect(parseProjectRecord({ ...record, labelChecks: undefined }).labelChecks).toBeUndefined();
    expect(parseProjectRecord({ ...record, labelChecks: ['a', 3, 'a', null] }).labelChecks).toEqual(['a']);
  });
});
