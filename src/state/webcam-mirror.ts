import { readLocal, writeLocal } from '../core/storage/local';
import type { CameraDevice } from './webcam-types';

/**
 * "Mirror view", chosen per facing and kept on this device: one flag for every camera showed a
 * phone's back camera mirrored (text read backwards), and unticking it there un-mirrored the
 * front camera too. Only the view is mirrored: capture and the model take the camera's own pixels.
 */

type Side = 'front' | 'back';
/** a camera that says neither (a laptop's, a USB webcam) looks at the person using it, as a front one does */
const sideOf = (facing: CameraDevice['facing']): Side => (facing === 'back' ? 'back' : 'front');

function kept(): Partial<Record<Side, boolean>> {
  const value = readLocal('mirror');
  // an earlier visit kept one flag, for the camera it had: the front one's (or the laptop's)
  if (typeof value === 'boolean') return { front: value };
  if (!value || typeof value !== 'object') return {};
  const { front, back } = value as Record<string, unknown>;
  return {
    ...(typeof front === 'boolean' && { front }),
    ...(typeof back === 'boolean' && { back }),
  };
}

/** A front camera shows as a mirror would (the way people see themselves), a back one the scene as it is. */
export function mirrorFor(facing: CameraDevice['facing']): boolean {
  return kept()[sideOf(facing)] ?? facing !== 'back';
}

export function keepMirror(facing: CameraDevice['facing'], mirror: boolean): void {
  writeLocal('mirror', { ...kept(), [sideOf(facing)]: mirror });
}
