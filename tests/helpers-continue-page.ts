import { afterEach, beforeEach } from 'vitest';
import { worker, resetWorker, installLocalStorage } from './fake-worker';
import { connectStores } from '../src/state/coordinator';
import { useBackbone } from '../src/state/backbone';
import { useTraining } from '../src/state/training';
import { useProject } from '../src/state/project';
import { useModelInUse } from '../src/state/model-in-use';
import { useLrSuggestion } from '../src/state/lr-suggestion';
import { closeDatabases } from '../src/core/storage/databases';

/**
 * The page an imported model is continued on, for the Continue tests: every store as it starts,
 * connected, with a fake worker whose backbones have `blocks` blocks. Import it after
 * `vi.mock('../src/worker/client', () => import('./fake-worker'))`.
 */

/** what the worker says of a loaded backbone */
export const backboneInfo = (id: string, blocks: number) =>
  ({ id, blocks: Array.from({ length: blocks }, (_, i) => ({ name: `block ${i}` })), source: 'local' }) as never;

// as the stores start: each test begins from them
const initial = {
  training: useTraining.getState(),
  backbone: useBackbone.getState(),
  project: useProject.getState(),
  model: useModelInUse.getState(),
  lr: useLrSuggestion.getState(),
};

/** Registers the page's set-up before each test and its closing after. */
export function continuePage(): void {
  let disconnect: () => void = () => undefined;
  beforeEach(() => {
    resetWorker();
    installLocalStorage();
    useTraining.setState(initial.training, true);
    useBackbone.setState(initial.backbone, true);
    useProject.setState(initial.project, true);
    useModelInUse.setState(initial.model, true);
    useLrSuggestion.setState(initial.lr, true);
    worker.loadBackbone = async (id: string) => backboneInfo(id, 5);
    disconnect = connectStores();
  });
  afterEach(async () => {
    // a backbone load starts a starting-point restore in the background: let it end while connected
    await new Promise((r) => setTimeout(r, 20));
    disconnect();
    await closeDatabases();
  });
}
