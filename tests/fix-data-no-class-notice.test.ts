import { beforeEach, describe, expect, it } from 'vitest';
import { useProject } from '../src/state/project';
import { addDrop, addFolderInput, noClassNotice } from '../src/ui/folderAdding';

// A folder that makes no class is named, with why: an empty folder added through "Add folders…"'s
// file input or dropped said nothing at all, and a folder of files that are no usable image was
// left out while the notice named only its files.

/** a file's text: '' makes an empty (0-byte) file */
type Tree = { [name: string]: Tree | string };

/** three bytes that no check in Node refuses as an image (tests/intake-drop-adding.test.ts's) */
const fileOf = (name: string, text: string) =>
  new File(text ? [new Uint8Array([1, 2, 3])] : [], name, {
    type: /\.jpg$/.test(name) ? 'image/jpeg' : 'text/plain',
  });

/** A drop of `tree` through the entries API, as tests/intake-drop-adding.test.ts fakes it. */
function dropOf(tree: Tree): DataTransfer {
  const entry = (name: string, node: Tree | string): FileSystemEntry =>
    typeof node === 'string'
      ? ({
          name,
          isFile: true,
          isDirectory: false,
          file: (ok: (f: File) => void) => setTimeout(() => ok(fileOf(name, node)), 1),
        } as unknown as FileSystemEntry)
      : ({
          name,
          isFile: false,
          isDirectory: true,
          createReader() {
            const parts = [Object.entries(node).map(([n, c]) => entry(n, c)), []];
            return { readEntries: (ok: (e: FileSystemEntry[]) => void) => setTimeout(() => ok(parts.shift()!), 0) };
          },
        } as unknown as FileSystemEntry);
  const items = Object.entries(tree).map(([n, c]) => ({ kind: 'file', webkitGetAsEntry: () => entry(n, c) }));
  return { items, files: [] } as unknown as DataTransfer;
}

/** files as a folder input gives them: each with its path from the picked folder */
const picked = (paths: Record<string, string>) =>
  Object.entries(paths).map(([path, text]) => {
    const file = fileOf(path.split('/').pop()!, text);
    Object.defineProperty(file, 'webkitRelativePath', { value: path });
    return file;
  });

const notice = () => useProject.getState().notice;
const shape = () => useProject.getState().classes.map((c) => [c.name, c.images.length]);

beforeEach(() => useProject.setState({ classes: [], adding: null, notice: 'said before' }));

describe('an empty folder', () => {
  it('picked through the folder input says that nothing was added', async () => {
    await addFolderInput([]);
    expect(shape()).toEqual([]);
    expect(notice()).toBe('The folder holds no files: nothing was added');
  });

  it('dropped says so by its name, on the page or onto a class card', async () => {
    await addDrop(dropOf({ empty: {} }));
    expect(notice()).toBe('“empty” holds no files: nothing was added');
    useProject.setState({ classes: [{ id: 'k', name: 'kept', images: [] }], notice: null });
    await addDrop(dropOf({ empty: { inner: {} } }), 'k');
    expect(notice()).toBe('“empty” holds no files: nothing was added');
  });

  it('dropped beside a folder of images is named as making no class', async () => {
    await addDrop(dropOf({ cats: { 'c1.jpg': 'x', 'c2.jpg': 'x' }, empty: {} }));
    expect(shape()).toEqual([['cats', 2]]);
    expect(notice()).toBe('“empty” holds no files: no class was made of it');
  });

  it('says nothing where nothing was dropped (text, not files)', async () => {
    await addDrop({ items: [{ kind: 'string' }], files: [] } as unknown as DataTransfer);
    expect(notice()).toBe('said before');
  });
});

describe('a folder of files that are no usable image', () => {
  it('alone: named as holding none, and nothing added, before the files it skipped', async () => {
    await addFolderInput(picked({ 'docs/a.txt': 'x', 'docs/b.txt': 'y' }));
    expect(shape()).toEqual([]);
    expect(notice()).toMatch(
      /^“docs” holds no image the studio can use: nothing was added\. Skipped 2 files that are not an image .*: a\.txt, b\.txt$/,
    );
  });

  it('beside folders that made classes: the ones that made none are named, each with why', async () => {
    await addFolderInput(
      picked({
        'data/cats/c1.jpg': 'x',
        'data/docs/a.txt': 'x',
        'data/notes/b.txt': 'x',
        'data/blank/z.jpg': '',
      }),
    );
    expect(shape()).toEqual([['cats', 1]]);
    expect(notice()).toMatch(
      /^“docs”, “notes” hold no image the studio can use; none of the images in “blank” could be added: no class was made of them\. /,
    );
    expect(notice()).toMatch(/Skipped 1 empty file \(0 bytes\): z\.jpg/);
  });

  it('says nothing more where every folder made a class', async () => {
    await addFolderInput(picked({ 'data/cats/c1.jpg': 'x', 'data/dogs/d1.jpg': 'x' }));
    expect(shape()).toEqual([
      ['cats', 1],
      ['dogs', 1],
    ]);
    // the folders' own adding says what it skipped: nothing here
    expect(notice()).toBeNull();
  });
});

describe('noClassNotice', () => {
  const jpg = fileOf('a.jpg', 'x');
  const txt = fileOf('a.txt', 'x');
  it('is null while every folder made a class', () => {
    expect(noClassNotice([{ name: 'cats', files: [jpg], added: true }], true)).toBeNull();
    expect(noClassNotice([], false)).toBeNull();
  });
  it('names one folder with "it", several with "them"', () => {
    expect(noClassNotice([{ name: 'docs', files: [txt], added: false }], true)).toBe(
      '“docs” holds no image the studio can use: no class was made of it',
    );
    expect(
      noClassNotice(
        [
          { name: 'a', files: [], added: false },
          { name: 'b', files: [jpg], added: false },
        ],
        false,
      ),
    ).toBe('“a” holds no files; none of the images in “b” could be added: nothing was added');
  });
});
