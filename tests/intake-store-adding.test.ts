import { describe, expect, it } from 'vitest';
import { classNameProblem } from '../src/core/data/problems';
import { useProject } from '../src/state/project';

const image = (name: string, type = 'image/jpeg') => new File([new Uint8Array([1, 2, 3])], name, { type });
const images = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => image(`${prefix}${i}.jpg`));

/** a file the browser lists but cannot read (moved or deleted since, or no permission) */
const unreadable = (name: string) =>
  Object.assign(image(name), {
    arrayBuffer: () => Promise.reject(new DOMException('The file could not be read.', 'NotReadableError')),
  });

const fresh = (classes: { id: string; name: string; images: never[] }[] = []) =>
  useProject.setState({ classes, notice: null, adding: null, locked: null });

const shape = () => useProject.getState().classes.map((c) => [c.name, c.images.map((i) => i.file.name)]);

describe('adding folders: what is not added is named', () => {
  it('leaves out a file the file-facts worker could not read and says so as Add folders… does', async () => {
    fresh();
    await useProject
      .getState()
      .addFolders(new Map([['cats', [image('a.jpg'), unreadable('gone.jpg'), image('b.jpg')]]]));
    expect(shape()).toEqual([['cats', ['a.jpg', 'b.jpg']]]);
    expect(useProject.getState().notice).toBe('1 file could not be read and was not added: gone.jpg');
  });

  it('names several unreadable files beside the other reasons, in one notice for the drop', async () => {
    fresh();
    await useProject.getState().addFolders(
      new Map([
        ['a', [unreadable('x.jpg'), image('ok.jpg'), new File([], 'empty.jpg', { type: 'image/jpeg' })]],
        ['b', [unreadable('y.jpg'), image('fine.jpg'), new File(['x'], 'notes.txt', { type: 'text/plain' })]],
      ]),
    );
    expect(shape()).toEqual([
      ['a', ['ok.jpg']],
      ['b', ['fine.jpg']],
    ]);
    expect(useProject.getState().notice).toBe(
      'Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): notes.txt. ' +
        'Skipped 1 empty file (0 bytes): empty.jpg. ' +
        '2 files could not be read and were not added: x.jpg, y.jpg',
    );
  });
});

describe('adding folders: a class name differing only in case or spaces is the same class', () => {
  it('adds a folder "Cats" to the class "cats" already there', async () => {
    fresh([{ id: 'k', name: 'cats', images: [] }]);
    await useProject.getState().addFolders(
      new Map([
        ['Cats', images('c', 2)],
        [' CATS ', images('d', 1)],
      ]),
    );
    const [cats, ...others] = useProject.getState().classes;
    expect(others).toEqual([]);
    expect([cats.id, cats.name]).toEqual(['k', 'cats']);
    expect(cats.images.map((i) => i.file.name).sort()).toEqual(['c0.jpg', 'c1.jpg', 'd0.jpg']);
  });

  it('makes one class of train/Cats and val/cats in one drop, and Train has no clashing names to refuse', async () => {
    fresh();
    // groupByFolder names a class after the innermost folder
    await useProject.getState().addFolders(
      new Map([
        ['Cats', images('t', 2)],
        ['cats', images('v', 1)],
        ['dogs', images('g', 2)],
      ]),
    );
    const names = useProject.getState().classes.map((c) => c.name);
    expect(names).toHaveLength(2);
    expect(names.map((_, i) => classNameProblem(names, i))).toEqual([null, null]);
    expect(useProject.getState().classes.map((c) => c.images.length)).toEqual([3, 2]);
  });

  it('merges across the commits of a drop larger than one window', async () => {
    fresh();
    await useProject.getState().addFolders(
      new Map([
        ['Birds', images('a', 100)],
        ['birds', images('b', 100)],
      ]),
    );
    expect(useProject.getState().classes.map((c) => c.images.length)).toEqual([200]);
  });
});

describe('adding images browsers cannot decode', () => {
  it('names HEIC, SVG and TIFF files apart from files that are not images, with their fix', async () => {
    fresh();
    await useProject
      .getState()
      .addFolders(
        new Map([
          [
            'a',
            [
              image('IMG_1.HEIC', 'image/heic'),
              image('logo.svg', 'image/svg+xml'),
              image('scan.tif', ''),
              image('ok.jpg'),
              new File(['x'], 'notes.txt', { type: 'text/plain' }),
            ],
          ],
        ]),
      );
    expect(shape()).toEqual([['a', ['ok.jpg']]]);
    expect(useProject.getState().notice).toBe(
      'Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): notes.txt. ' +
        'Skipped 3 images in a format browsers cannot decode (HEIC/HEIF, SVG, TIFF): IMG_1.HEIC, logo.svg, scan.tif; export them as JPEG or PNG',
    );
  });

  it("says so for a class's own Add images too, naming only the formats it met (by type when the name has no extension)", async () => {
    fresh([{ id: 'k', name: 'k', images: [] }]);
    await useProject.getState().addImages('k', [image('photo', 'image/heif'), image('b.png', 'image/png')]);
    expect(useProject.getState().classes[0].images.map((i) => i.file.name)).toEqual(['b.png']);
    expect(useProject.getState().notice).toBe(
      'Skipped 1 image in a format browsers cannot decode (HEIC/HEIF): photo; export it as JPEG or PNG',
    );
  });
});
