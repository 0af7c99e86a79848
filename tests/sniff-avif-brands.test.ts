import { describe, expect, it } from 'vitest';
import { sniffImage } from '../src/core/data/sniff';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const HEIC = /HEIC\/HEIF photo, which browsers cannot decode/;

describe('an ISO BMFF image is told by all its brands, not the major one alone', () => {
  it('an AVIF with the generic HEIF major brand and avif among the compatible ones is an AVIF', () => {
    expect(sniffImage(bytes('\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf'))).toEqual({ kind: 'avif' });
    expect(sniffImage(bytes('\0\0\0\x18ftypmsf1\0\0\0\0avismsf1'))).toEqual({ kind: 'avif' });
  });

  it('an AVIF still gets its size from its header', () => {
    const ispe = '\0\0\0\x14ispe\0\0\0\0\0\0\x01\x41\0\0\0\x7b';
    expect(sniffImage(bytes(`\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf${ispe}`))).toEqual({
      kind: 'avif',
      width: 321,
      height: 123,
    });
  });

  it('a HEIC is refused, whichever HEIF brand comes first', () => {
    // an iPhone photo, and a Samsung one (generic major brand, heic compatible)
    expect(sniffImage(bytes('\0\0\0\x18ftypheic\0\0\0\0mif1heic')).problem).toMatch(HEIC);
    expect(sniffImage(bytes('\0\0\0\x18ftypmif1\0\0\0\0mif1heic')).problem).toMatch(HEIC);
    expect(sniffImage(bytes('\0\0\0\x18ftyphevc\0\0\0\0msf1hevc')).problem).toMatch(HEIC);
  });

  it('a brand past the ftyp box belongs to the next box', () => {
    expect(sniffImage(bytes('\0\0\0\x18ftypmif1\0\0\0\0mif1heicavif')).problem).toMatch(HEIC);
  });

  it('an MP4 video is not taken for an image', () => {
    expect(sniffImage(bytes('\0\0\0\x18ftypisom\0\0\x02\0isomiso2'))).toEqual({ kind: 'unknown' });
  });
});
