import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, Embedding, HealthReport } from '../src/worker/protocol';
import type { HealthIssue } from '../src/core/data/health';
import type { ProjectClass } from '../src/state/project';
import { copiesFinding } from './fixtures/health-images';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores, emptyProject } = await import('../src/state/coordinator');
const { useInsight } = await import('../src/state/dataset-insight');
const { useProject } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { deleteImages } = await import('../src/state/project-undo');
const { useUndo, runUndo } = await import('../src/state/undo');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = {
  insight: useInsight.getState(),
  project: useProject.getState(),
  training: useTraining.getState(),
  backbone: useBackbone.getState(),
};
const backbone = (id: string) => ({ id, blocks: [], source: 'local' }) as unknown as BackboneInfo;
const image = (id: string) => ({ id, file: new File([id], `${id}.jpg`, { type: 'image/jpeg' }), url: '' });
const cls = (id: string, name: string, images: string[]): ProjectClass => ({ id, name, images: images.map(image) });

const copies = copiesFinding;
const few: HealthIssue = {
  kind: 'few-images',
  message:
    'Class "cat" has only 3 readable images; aim for at least 10 so training and validation both see enough of it.',
  ids: ['cat1', 'cat1-copy', 'cat2'],
};
const report: HealthReport = { issues: [copies, few], checked: 4, extracted: 4 };
const map: Embedding = { points: [], explained: [0.5, 0.2], extracted: 4, failed: [] };

let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useInsight.setState(initial.insight, true);
  useProject.setState(initial.project, true);
  useTraining.setState(initial.training, true);
  useBackbone.setState(initial.backbone, true);
  disconnect = connectStores();
  useBackbone.setState({ status: 'ready', loaded: backbone('mobilenet') });
  useProject.setState({
    classes: [cls('c-cat', 'cat', ['cat1', 'cat1-copy', 'cat2']), cls('c-dog', 'dog', ['dog1'])],
  });
  worker.health = async () => report;
  worker.embedding = async () => map;
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

const checked = async () => {
  await useInsight.getState().checkHealth();
  await useInsight.getState().showEmbedding();
  expect(useInsight.getState().health).toMatchObject({ status: 'done', report, stale: false });
  expect(useInsight.getState().embedding).toMatchObject({ status: 'done', data: map, stale: false });
};
const stale = () => [useInsight.getState().health.stale, useInsight.getState().embedding.stale];
const ids = () => useProject.getState().classes.flatMap((c) => c.images.map((i) => i.id));

describe('health report and feature map after the project changes', () => {
  it('are marked as from before once images are added, and hold again when the project is back as it was', async () => {
    await checked();
    const before = useProject.getState().classes;
    useProject.setState({
      classes: [{ ...before[0], images: [...before[0].images, ...['a', 'b', 'c'].map(image)] }, before[1]],
    });
    expect(stale()).toEqual([true, true]);
    // the results stay to be read, with their fixes off
    expect(useInsight.getState().health.report).toBe(report);
    useInsight.getState().fix(report.issues[0]);
    expect(ids()).toContain('cat1-copy');
    useProject.setState({ classes: before });
    expect(stale()).toEqual([false, false]);
  });

  it('are marked as from before after a move, a rename or a class added', async () => {
    await checked();
    const before = useProject.getState().classes;
    useProject.getState().moveImages(['cat2'], 'c-dog');
    expect(stale()).toEqual([true, true]);
    useProject.setState({ classes: before });
    useProject.getState().renameClass('c-dog', 'puppy');
    expect(stale()).toEqual([true, true]);
    useProject.setState({ classes: before });
    expect(stale()).toEqual([false, false]);
    useProject.getState().addClass('bird');
    expect(stale()).toEqual([true, true]);
  });

  it('go with the project a new one replaces', async () => {
    await checked();
    emptyProject();
    expect(useInsight.getState().health).toMatchObject({ status: 'idle', report: null });
    expect(useInsight.getState().embedding).toMatchObject({ status: 'idle', data: null });
    useProject.setState({ classes: [cls('c-other', 'cat', ['x1'])] });
    expect(useInsight.getState().health.report).toBeNull();
  });

  it('follow the split, the crop and the backbone they were computed with', async () => {
    await checked();
    const settings = useTraining.getState().settings;
    useTraining.setState({ settings: { ...settings, epochs: settings.epochs + 1 } });
    expect(stale()).toEqual([false, false]);
    useTraining.setState({ settings: { ...settings, seed: settings.seed + 1 } });
    expect(stale()).toEqual([true, false]);
    useTraining.setState({ settings: { ...settings, valSplit: 0.3 } });
    expect(stale()).toEqual([true, false]);
    // class weights change no finding (the imbalance one's advice is worded as shown): ticking the
    // box that finding advises leaves its fixes on
    useTraining.setState({ settings: { ...settings, classWeights: !settings.classWeights } });
    expect(stale()).toEqual([false, false]);
    useTraining.setState({ settings: { ...settings, cropMode: settings.cropMode === 'center' ? 'pad' : 'center' } });
    expect(stale()).toEqual([true, true]);
    useTraining.setState({ settings });
    expect(stale()).toEqual([false, false]);
    // the same backbone again (another backend) keeps them; another one does not
    useBackbone.setState({ loaded: backbone('mobilenet') });
    expect(stale()).toEqual([false, false]);
    useBackbone.setState({ loaded: backbone('efficientnet') });
    expect(stale()).toEqual([true, true]);
  });

  it('are shown as from before when the project changed while they were computed', async () => {
    let answer: ((r: HealthReport) => void) | null = null;
    worker.health = () => new Promise<HealthReport>((resolve) => (answer = resolve));
    const check = useInsight.getState().checkHealth();
    // the files are hashed before the worker is asked
    await vi.waitFor(() => expect(answer).not.toBeNull());
    useProject.getState().moveImages(['cat2'], 'c-dog');
    answer!(report);
    await check;
    expect(useInsight.getState().health).toMatchObject({ status: 'done', report, stale: true });
  });

  it('the report stays current through its own fixes and their undo, not through other deletions', async () => {
    await checked();
    useInsight.getState().fix(report.issues[0]);
    expect(ids()).toEqual(['cat1', 'cat2', 'dog1']);
    // the map still shows the deleted image
    expect(stale()).toEqual([false, true]);
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(ids()).toEqual(['cat1', 'cat1-copy', 'cat2', 'dog1']);
    expect(stale()).toEqual([false, false]);
    deleteImages(['cat2']);
    expect(stale()).toEqual([true, true]);
  });

  it('a fix never takes the last copy: cat1.jpg deleted by hand, "Remove duplicate" keeps cat1 copy.jpg', async () => {
    await checked();
    deleteImages(['cat1']);
    useInsight.getState().fix(report.issues[0]);
    expect(ids()).toEqual(['cat1-copy', 'cat2', 'dog1']);
  });
});

describe('"Remove all N duplicates", and a fix that keeps the copy chosen', () => {
  const dogCopy: HealthIssue = {
    kind: 'exact-duplicate',
    message: 'Identical files: dog1.jpg (dog), cat2.jpg (cat).',
    ids: ['dog1', 'cat2'],
    remove: ['cat2'],
    fixLabel: 'Remove duplicate',
  };
  const two: HealthReport = { issues: [copies, few, dogCopy], checked: 4, extracted: 4 };

  it('fixes every finding of the kind as its own button would, in one deletion that one undo brings back', async () => {
    worker.health = async () => two;
    await useInsight.getState().checkHealth();
    const offers = useUndo.getState().entries.length;
    useInsight.getState().fixAll([copies, dogCopy]);
    expect(ids()).toEqual(['cat1', 'dog1']);
    expect(useUndo.getState().entries).toHaveLength(offers + 1);
    // its own fixes: the report still holds, and says what they removed
    expect(useInsight.getState().health).toMatchObject({ status: 'done', stale: false });
    expect([...useInsight.getState().health.basis!.fixed].sort()).toEqual(['cat1-copy', 'cat2']);
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(ids()).toEqual(['cat1', 'cat1-copy', 'cat2', 'dog1']);
  });

  it('keeps the copy the person chose: the one in "cat", not the first listed', async () => {
    worker.health = async () => two;
    await useInsight.getState().checkHealth();
    useInsight.getState().fix(dogCopy, 'cat2');
    expect(ids()).toEqual(['cat1', 'cat1-copy', 'cat2']);
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    useInsight.getState().fix(dogCopy);
    expect(ids()).toEqual(['cat1', 'cat1-copy', 'dog1']);
  });

  it('does nothing on a report the project has moved on from', async () => {
    worker.health = async () => two;
    await useInsight.getState().checkHealth();
    deleteImages(['dog1']);
    expect(useInsight.getState().health.stale).toBe(true);
    useInsight.getState().fixAll([copies, dogCopy]);
    expect(ids()).toEqual(['cat1', 'cat1-copy', 'cat2']);
  });
});
