import { onWorkerStart } from '../worker/client';
import { storedChoice, storedPlan } from './backend-plan';

/**
 * The reactions that span stores, wired once at start-up (main.tsx) so no store needs to know
 * another's insides.
 */
export function connectStores(): void {
  // first message: the worker's first backend choice can then follow the last calibration and the user's picks
  onWorkerStart((worker) => void worker.setBackendPlan(storedPlan(), storedChoice()));
}
