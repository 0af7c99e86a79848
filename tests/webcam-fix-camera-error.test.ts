import { describe, expect, it } from 'vitest';
import { cameraError } from '../src/core/live/camera-error';

const failure = (name: string, message = '') => new DOMException(message, name);
const SYSTEM_SETTINGS = /System Settings.*Privacy & Security.*Camera.*Settings.*Privacy & security.*Camera/;

describe('a camera the operating system keeps from the browser', () => {
  it('Chrome\'s "Permission denied by system" names the system settings, not the site permission', () => {
    const e = cameraError(failure('NotAllowedError', 'Permission denied by system'));
    expect(e.kind).toBe('denied');
    expect(e.message).toMatch(SYSTEM_SETTINGS);
    expect(e.message).not.toMatch(/address bar/);
    expect(e.message).toMatch(/Retry/);
  });

  it('the older "PermissionDeniedError" with the same words says the same', () => {
    const e = cameraError(failure('PermissionDeniedError', 'Permission denied by system'));
    expect(e.message).toMatch(SYSTEM_SETTINGS);
  });

  it('a person who said no in the browser is still sent to the site permission', () => {
    for (const message of ['Permission denied', 'Permission dismissed', '']) {
      const e = cameraError(failure('NotAllowedError', message));
      expect(e.kind).toBe('denied');
      expect(e.message).toMatch(/address bar/);
      expect(e.message).not.toMatch(/System Settings/);
    }
  });

  it.each(['NotReadableError', 'TrackStartError', 'AbortError'])(
    '%s: another application holding the camera, or the system settings, with where to look',
    (name) => {
      const e = cameraError(failure(name, 'Could not start video source'));
      expect(e.kind).toBe('busy');
      expect(e.message).toMatch(/another application/i);
      expect(e.message).toMatch(/video call/);
      expect(e.message).toMatch(SYSTEM_SETTINGS);
      expect(e.message).not.toMatch(/address bar/);
      expect(e.message).toMatch(/Retry/);
    },
  );
});
