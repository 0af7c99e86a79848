/** What a camera that would not start means for the person in front of it. */
export type CameraErrorKind = 'denied' | 'notfound' | 'busy' | 'unsupported' | 'other';

export interface CameraError {
  kind: CameraErrorKind;
  message: string;
}

/** Turns a getUserMedia failure into the message the panel shows. */
export function cameraError(err: unknown): CameraError {
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return {
      kind: 'denied',
      message:
        'Camera permission was denied. To use the webcam, allow camera access for this site (the camera icon in the address bar, or the browser’s site settings), then press Retry. Everything else in the studio keeps working without it.',
    };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return {
      kind: 'notfound',
      message:
        'No camera found. Connect a camera (or turn it on in your system settings), then press Retry. You can still add images from files.',
    };
  }
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') {
    return {
      kind: 'busy',
      message: 'The camera could not be started: another application may be using it. Close it, then press Retry.',
    };
  }
  return { kind: 'other', message: `The camera could not be started: ${(err as Error)?.message || String(err)}` };
}
