/** The minimum a camera switch needs to know about a video input. */
export interface FacingDevice {
  deviceId: string;
  facing: 'front' | 'back' | null;
}

/**
 * The camera a "switch front/back" button moves to: the first device facing the other way from
 * the current one (the default camera counts as the first listed). Null when the device has no
 * front/back pair, so the button is not shown on laptops with one webcam.
 */
export function otherFacing<T extends FacingDevice>(devices: readonly T[], currentId: string): T | null {
  const pair = devices.some((d) => d.facing === 'front') && devices.some((d) => d.facing === 'back');
  if (!pair) return null;
  const current = devices.find((d) => d.deviceId === currentId) ?? devices[0];
  if (!current.facing) return devices.find((d) => d.facing) ?? null;
  return devices.find((d) => d.facing && d.facing !== current.facing) ?? null;
}

/** Which way a camera faces, from its settings (phones say) or its label (laptops often do); null when neither tells. */
export function facingOf(label: string, settings?: MediaTrackSettings): FacingDevice['facing'] {
  const mode = settings?.facingMode;
  if (mode === 'user') return 'front';
  if (mode === 'environment') return 'back';
  if (/\bfront\b|\buser\b|facetime/i.test(label)) return 'front';
  if (/\bback\b|\brear\b|environment/i.test(label)) return 'back';
  return null;
}
