import { beforeEach } from 'vitest';
import { worker } from './fake-worker';
import { backboneInfo, connectedStoresEachTest } from './store-harness';
import { useBackbone } from '../src/state/backbone';
import { useModelInUse } from '../src/state/model-in-use';
import { useProject } from '../src/state/project';
import { useTraining } from '../src/state/training';

// Import after `vi.mock('../src/worker/client', () => import('./fake-worker'))`: the stores it
// connects talk to the fake worker.

/**
 * Each test of the file starts from the first state of the training, backbone, project and
 * model-in-use stores, connected (connectedStoresEachTest), on a worker that loads any backbone:
 * "small" with 2 fine-tunable blocks, any other with 5.
 */
export function coordinatorStoresEachTest(): void {
  connectedStoresEachTest([useTraining, useBackbone, useProject, useModelInUse]);
  beforeEach(() => {
    worker.loadBackbone = async (id: string) => backboneInfo(id, id === 'small' ? 2 : 5);
  });
}

/** A finished run: its results shown, its model answering in Try it. */
export const trained = () => {
  useTraining.setState({ status: 'done', result: { valAccuracy: 0.9 } as never });
  useModelInUse.setState({ model: { kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'x' } });
};
