/** What a camera that would not start means for the person in front of it. */
export type CameraErrorKind = 'denied' | 'notfound' | 'busy' | 'unsupported' | 'other';

export interface CameraError {
  kind: CameraErrorKind;
  message: string;
}

/** Where each system keeps a browser from the camera: the browser's own site setting does not reach it. */
const SYSTEM_CAMERA_SETTINGS =
  'on a Mac, System Settings › Privacy & Security › Camera (then quit and reopen the browser); on Windows, Settings › Privacy & security › Camera, with access for desktop apps on';

/** Turns a getUserMedia failure into the message the panel shows. */
export function cameraError(err: unknown): CameraError {
  const name = (err as { name?: string })?.name ?? '';
  const said = (err as { message?: string })?.message ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    // Chrome says "Permission denied by system" when macOS or Windows blocks the browser, however
    // the site permission stands
    if (/\bsystem\b/i.test(said)) {
      return {
        kind: 'denied',
        message: `Your computer’s settings keep this browser from using the camera. Allow the browser there (${SYSTEM_CAMERA_SETTINGS}), then press Retry. Everything else in the studio keeps working without it.`,
      };
    }
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
        'No camera found. Connect a camera (or turn it on in your system settings), then press Retry. Without one, add images from files, and try the model on a photo in Try it.',
    };
  }
  // the browser had permission but the camera would not open: another application holds it (on
  // Windows one at a time), or the system's camera privacy setting is off (Chrome on Windows says so)
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') {
    return {
      kind: 'busy',
      message: `The camera could not be started. Another application may be using it (a video call, another browser): close it. Or your computer’s settings keep this browser from the camera: allow it there (${SYSTEM_CAMERA_SETTINGS}). Then press Retry.`,
    };
  }
  return { kind: 'other', message: `The camera could not be started: ${(err as Error)?.message || String(err)}` };
}
