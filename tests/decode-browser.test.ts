import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJpegFast } from '../src/core/data/decode-browser';

// Node has neither ImageDecoder nor VideoFrame: these stand in for Chromium's, to check which
// frames the fast path takes, what it returns, and that it closes what it opened.
class FakeFrame {
  static closed = 0;
  // accessors on the prototype, as Chromium's are
  turn = 0;
  mirror = false;
  get rotation() {
    return this.turn;
  }
  get flip() {
    return this.mirror;
  }
  displayWidth = 2;
  displayHeight = 1;
  async copyTo(dest: Uint8Array, options: { format: string }) {
    expect(options.format).toBe('RGBA');
    dest.set([10, 20, 30, 255, 40, 50, 60, 255]);
    return [];
  }
  close() {
    FakeFrame.closed++;
  }
}

function install(frame: Partial<FakeFrame>, withOrientationFields = true) {
  const Frame = withOrientationFields ? FakeFrame : class {};
  let decoders = 0;
  let closedDecoders = 0;
  vi.stubGlobal('VideoFrame', Frame);
  vi.stubGlobal(
    'ImageDecoder',
    class {
      constructor(init: { type: string }) {
        expect(init.type).toBe('image/jpeg');
        decoders++;
      }
      async decode() {
        return { image: Object.assign(new FakeFrame(), frame) };
      }
      close() {
        closedDecoders++;
      }
    },
  );
  return { opened: () => decoders, closed: () => closedDecoders };
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeFrame.closed = 0;
});

const bytes = new Uint8Array([0xff, 0xd8]);

describe('decodeJpegFast (extraction’s JPEG decode without bitmap or canvas)', () => {
  it('gives an upright frame’s RGBA pixels and closes the frame and the decoder', async () => {
    const d = install({});
    const img = await decodeJpegFast(bytes);
    expect(img).toEqual({ data: new Uint8Array([10, 20, 30, 255, 40, 50, 60, 255]), width: 2, height: 1, channels: 4 });
    expect([d.opened(), d.closed(), FakeFrame.closed]).toEqual([1, 1, 1]);
  });

  it('leaves a frame that must be turned (EXIF orientation) to the general path', async () => {
    for (const frame of [{ turn: 90 }, { mirror: true }]) {
      const d = install(frame);
      expect(await decodeJpegFast(bytes)).toBeNull();
      expect(d.closed()).toBe(d.opened());
    }
    expect(FakeFrame.closed).toBe(2);
  });

  it('is not taken where frames do not say their orientation, or there is no ImageDecoder', async () => {
    const d = install({}, false);
    expect(await decodeJpegFast(bytes)).toBeNull();
    expect(d.opened()).toBe(0);
    vi.unstubAllGlobals();
    expect(await decodeJpegFast(bytes)).toBeNull();
  });

  it('gives null when the browser cannot copy the frame, so the general path reports the error', async () => {
    install({ copyTo: () => Promise.reject(new Error('unsupported format')) });
    expect(await decodeJpegFast(bytes)).toBeNull();
    expect(FakeFrame.closed).toBe(1);
  });
});
