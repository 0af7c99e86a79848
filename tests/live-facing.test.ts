import { describe, expect, it } from 'vitest';
import { otherFacing } from '../src/core/live/facing';

const phone = [
  { deviceId: 'f', facing: 'front' as const },
  { deviceId: 'b1', facing: 'back' as const },
  { deviceId: 'b2', facing: 'back' as const },
];

describe('otherFacing', () => {
  it('moves between front and back', () => {
    expect(otherFacing(phone, 'f')?.deviceId).toBe('b1');
    expect(otherFacing(phone, 'b2')?.deviceId).toBe('f');
    expect(otherFacing(phone, '')?.deviceId).toBe('b1'); // default camera = the first listed
  });

  it('offers nothing without a front/back pair', () => {
    expect(otherFacing([{ deviceId: 'usb', facing: null }], 'usb')).toBeNull();
    expect(
      otherFacing(
        [
          { deviceId: 'f', facing: 'front' as const },
          { deviceId: 'usb', facing: null },
        ],
        'f',
      ),
    ).toBeNull();
    expect(otherFacing([], '')).toBeNull();
  });

  it('from a camera of unknown facing, goes to a facing one when the pair exists', () => {
    expect(otherFacing([{ deviceId: 'usb', facing: null }, ...phone], 'usb')?.deviceId).toBe('f');
  });
});
