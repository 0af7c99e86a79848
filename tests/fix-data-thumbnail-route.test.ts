import { describe, expect, it } from 'vitest';
import { thumbnailRoute } from '../src/ui/thumbnail-route';

const everything = { worker: true, imageDecoder: true };
const safari = { worker: true, imageDecoder: false };

describe('how a thumbnail is pictured', () => {
  it('pictures ordinary large images in the worker, whatever their format or browser', () => {
    // a 2560×1440 screenshot
    expect(thumbnailRoute({ kind: 'png', width: 2560, height: 1440 }, everything)).toBe('worker');
    expect(thumbnailRoute({ kind: 'webp', width: 6000, height: 4000 }, everything)).toBe('worker');
    // a phone's photo where there is no ImageDecoder
    expect(thumbnailRoute({ kind: 'jpeg', width: 4000, height: 3000 }, safari)).toBe('worker');
    expect(thumbnailRoute({ kind: 'png', width: 640, height: 480 }, safari)).toBe('worker');
    expect(thumbnailRoute({ kind: 'gif' }, everything)).toBe('worker');
  });

  it('decodes a large JPEG at reduced scale where ImageDecoder can', () => {
    expect(thumbnailRoute({ kind: 'jpeg', width: 4000, height: 3000 }, everything)).toBe('jpeg-decoder');
    expect(thumbnailRoute({ kind: 'jpeg', width: 20000, height: 20000 }, everything)).toBe('jpeg-decoder');
    expect(thumbnailRoute({ kind: 'jpeg', width: 2048, height: 1536 }, everything)).toBe('worker');
  });

  it('leaves unpictured only what is over the 100-megapixel limit', () => {
    expect(thumbnailRoute({ kind: 'png', width: 20000, height: 20000 }, everything)).toBe('none');
    expect(thumbnailRoute({ kind: 'bmp', width: 16000, height: 16000 }, safari)).toBe('none');
    expect(thumbnailRoute({ kind: 'jpeg', width: 12000, height: 10000 }, safari)).toBe('none');
    expect(thumbnailRoute({ kind: 'png', width: 10000, height: 10000 }, safari)).toBe('worker');
  });

  it('marks as unreadable what its bytes say no decoder can use, rather than showing a broken picture', () => {
    expect(thumbnailRoute({ kind: 'unknown', problem: 'it holds text, not image data' }, everything)).toBe(
      'unreadable',
    );
    expect(thumbnailRoute({ kind: 'jpeg', width: 640, height: 480, problem: 'the JPEG is truncated' }, safari)).toBe(
      'unreadable',
    );
    expect(thumbnailRoute({ kind: 'unknown' }, everything)).toBe('worker');
  });

  it('shows the photo itself where its header could not be read or there is no worker', () => {
    expect(thumbnailRoute({ error: 'gone' }, everything)).toBe('original');
    expect(thumbnailRoute({ kind: 'png', width: 3000, height: 2000 }, { worker: false, imageDecoder: false })).toBe(
      'original',
    );
  });
});
