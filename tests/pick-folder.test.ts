import { describe, expect, it } from 'vitest';
import { filesFromFolder } from '../src/ui/pickFolder';

// Just enough of FileSystemDirectoryHandle / FileSystemFileHandle for the walk; Node has neither.
type Tree = { [name: string]: Tree | string };
function handle(name: string, tree: Tree): FileSystemDirectoryHandle {
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const [child, v] of Object.entries(tree)) {
        if (typeof v === 'string') {
          yield { kind: 'file', name: child, getFile: async () => new File([v], child, { type: 'image/jpeg' }) };
        } else yield handle(child, v);
      }
    },
  } as unknown as FileSystemDirectoryHandle;
}

describe('filesFromFolder', () => {
  it("walks the picked folder in name order and never opens the system's or tools' folders", async () => {
    const root = handle('photos', {
      'b.jpg': 'x',
      cats: { '10.jpg': 'x', '2.jpg': 'x', '.DS_Store': 'x' },
      '.git': { objects: { 'pack.jpg': 'x' } },
      __MACOSX: { cats: { '._2.jpg': 'x' } },
      dogs: { '.thumbnails': { 't.jpg': 'x' }, 'd.jpg': 'x' },
    });
    const counts: number[] = [];
    const { files, unreadable } = await filesFromFolder(root, (n) => counts.push(n));
    expect(files.map((f) => [...f.folders, f.file.name].join('/'))).toEqual([
      'photos/b.jpg',
      'photos/cats/2.jpg',
      'photos/cats/10.jpg',
      'photos/dogs/d.jpg',
    ]);
    expect(unreadable).toEqual([]);
    expect(counts.at(-1)).toBe(4);
  });
});

describe('filesFromFolder with a subfolder it may not list', () => {
  it('names that folder and still reads the others (one locked subfolder failed the whole pick)', async () => {
    const locked = {
      kind: 'directory',
      name: 'locked',
      values: () => ({
        [Symbol.asyncIterator]: () => ({
          next: () => Promise.reject(new DOMException('no permission', 'NotAllowedError')),
        }),
      }),
    };
    const root = {
      kind: 'directory',
      name: 'photos',
      async *values() {
        yield handle('cats', { 'a.jpg': 'x' });
        yield locked;
      },
    } as unknown as FileSystemDirectoryHandle;
    const { files, unreadable } = await filesFromFolder(root, () => undefined);
    expect(files.map((f) => f.file.name)).toEqual(['a.jpg']);
    expect(unreadable).toEqual(['locked/']);
  });
});
