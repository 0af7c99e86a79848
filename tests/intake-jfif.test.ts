import { describe, expect, it } from 'vitest';
import { IMAGE_EXTENSIONS } from '../src/core/data/dataset-dir';
import { looksLikeImage } from '../src/state/project-intake';

describe('JPEGs under their other names', () => {
  it('a .jfif or .jpe file with no type from the browser is an image, in the studio and the CLI alike', () => {
    for (const name of ['web-photo.jfif', 'OLD.JPE'])
      expect(looksLikeImage(new File(['x'], name, { type: '' }))).toBe(true);
    expect(IMAGE_EXTENSIONS).toEqual(expect.arrayContaining(['.jfif', '.jpe']));
    expect(looksLikeImage(new File(['x'], 'notes.txt', { type: '' }))).toBe(false);
  });
});
