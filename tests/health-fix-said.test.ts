import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthIssue } from '../src/core/data/health';
import type { HealthReport } from '../src/worker/protocol';
import type { ProjectClass } from '../src/state/project';
import { copiesFinding } from './fixtures/health-images';
import { liveRegions, markup } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useInsight } = await import('../src/state/dataset-insight');
const { useProject } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { runUndo, useUndo } = await import('../src/state/undo');
const { closeDatabases } = await import('../src/core/storage/databases');
const { HealthPanel } = await import('../src/ui/HealthPanel');

// copies: a server render reads a store's initial state, which said() sets to the state of the moment
const initial = {
  insight: { ...useInsight.getState() },
  project: { ...useProject.getState() },
  training: { ...useTraining.getState() },
  backbone: { ...useBackbone.getState() },
};
const image = (id: string) => ({ id, file: new File([id], `${id}.jpg`, { type: 'image/jpeg' }), url: '' });
const cls = (id: string, name: string, images: string[]): ProjectClass => ({ id, name, images: images.map(image) });
const leak: HealthIssue = {
  kind: 'split-leak',
  message: 'Copies across training and validation: dog1.jpg (dog), dog1b.jpg (dog).',
  ids: ['dog1', 'dog1b'],
  remove: ['dog1b'],
  fixLabel: 'Keep one copy',
};

/** what the health panel's live regions say now (a server render, of the stores as they are) */
function said(): string {
  for (const store of [useInsight, useProject, useTraining] as { getState(): object; getInitialState(): object }[])
    Object.assign(store.getInitialState(), store.getState());
  return liveRegions(markup(HealthPanel, { disabled: false }))
    .map((r) => r.text)
    .filter(Boolean)
    .join(' | ');
}

let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useInsight.setState(initial.insight, true);
  useProject.setState(initial.project, true);
  useTraining.setState(initial.training, true);
  useBackbone.setState(initial.backbone, true);
  useUndo.setState(useUndo.getInitialState(), true);
  disconnect = connectStores();
  useBackbone.setState({ status: 'ready', loaded: { id: 'mobilenet', blocks: [], source: 'local' } as never });
  useProject.setState({
    classes: [cls('c-cat', 'cat', ['cat1', 'cat1-copy', 'cat2']), cls('c-dog', 'dog', ['dog1', 'dog1b'])],
  });
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

async function check(report: HealthReport) {
  worker.health = async () => report;
  await useInsight.getState().checkHealth();
  expect(useInsight.getState().health).toMatchObject({ status: 'done', report, stale: false });
}

describe('the health check’s line after a fix', () => {
  it('says what the fix removed and that a new check looks again, never "no problems found" for the old count', async () => {
    await check({ issues: [copiesFinding], checked: 5, extracted: 5 });
    expect(said()).toBe('Checked 5 images: 1 problem found, listed below.');
    useInsight.getState().fix(copiesFinding);
    expect(said()).toBe('Removed 1 duplicate. Check again to re-scan.');
    expect(said()).not.toMatch(/no problems found|Checked 5/);
  });

  it('counts the problems left after one is fixed', async () => {
    await check({ issues: [copiesFinding, leak], checked: 5, extracted: 5 });
    useInsight.getState().fix(copiesFinding);
    expect(said()).toBe('Removed 1 duplicate; 1 problem left, listed below. Check again to re-scan.');
    useInsight.getState().fix(leak);
    // two kinds of fix: what they removed are images
    expect(said()).toBe('Removed 2 images. Check again to re-scan.');
  });

  it("the fix's undo brings the check's own words back", async () => {
    await check({ issues: [copiesFinding], checked: 5, extracted: 5 });
    useInsight.getState().fix(copiesFinding);
    expect(said()).toMatch(/^Removed 1 duplicate/);
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(said()).toBe('Checked 5 images: 1 problem found, listed below.');
  });

  it('a clean check the project has moved on from does not claim "no problems found"', async () => {
    await check({ issues: [], checked: 5, extracted: 5 });
    expect(said()).toBe('Checked 5 images: no problems found.');
    const before = useProject.getState().classes;
    useProject.setState({ classes: [{ ...before[0], images: [...before[0].images, image('new')] }, before[1]] });
    expect(useInsight.getState().health.stale).toBe(true);
    expect(said()).not.toMatch(/no problems found/);
    // said once, by the note that says the results are old
    expect(said()).toMatch(/^These results \(5 images checked\) are from before your last change/);
  });
});
