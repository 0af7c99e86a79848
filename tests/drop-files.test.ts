import { describe, expect, it } from 'vitest';
import { filesFromDirectoryInput, filesFromDrop, groupByFolder } from '../src/ui/dropFiles';

const file = (name: string, relativePath = '') => {
  const f = new File(['x'], name, { type: 'image/jpeg' });
  if (relativePath) Object.defineProperty(f, 'webkitRelativePath', { value: relativePath });
  return f;
};

describe('groupByFolder', () => {
  it('makes a class of each folder that directly holds images, whether a dataset folder or class folders were dropped', () => {
    const { groups, loose } = groupByFolder([
      { file: file('a.jpg'), folders: ['dataset', 'cats'] },
      { file: file('b.jpg'), folders: ['dataset', 'dogs'] },
      { file: file('c.jpg'), folders: ['birds'] },
      { file: file('d.jpg'), folders: ['dataset', 'cats'] },
      { file: file('e.jpg'), folders: [] },
      { file: file('.DS_Store'), folders: ['dataset', 'cats'] },
    ]);
    expect([...groups.keys()].sort()).toEqual(['birds', 'cats', 'dogs']);
    expect(groups.get('cats')!.map((f) => f.name)).toEqual(['a.jpg', 'd.jpg']);
    expect(loose.map((f) => f.name)).toEqual(['e.jpg']);
  });

  it("leaves out files in the system's and tools' folders (.git, .thumbnails, __MACOSX), but not a chosen folder so named", () => {
    const { groups } = groupByFolder([
      { file: file('a.jpg'), folders: ['dataset', 'cats'] },
      { file: file('b.jpg'), folders: ['dataset', '.thumbnails'] },
      { file: file('c.jpg'), folders: ['dataset', '__MACOSX', 'cats'] },
      { file: file('d.jpg'), folders: ['dataset', '.git', 'objects'] },
      { file: file('._e.jpg'), folders: ['dataset', 'cats'] },
      { file: file('f.jpg'), folders: ['.photos', 'dogs'] },
    ]);
    expect([...groups.keys()].sort()).toEqual(['cats', 'dogs']);
    expect(groups.get('cats')!.map((f) => f.name)).toEqual(['a.jpg']);
  });

  it('reads the folders from a directory picker relative path', () => {
    const picked = filesFromDirectoryInput([
      file('x.png', 'digits/digit_3/x.png'),
      file('y.png', 'digits/digit_4/y.png'),
    ]);
    expect(picked.map((p) => p.folders)).toEqual([
      ['digits', 'digit_3'],
      ['digits', 'digit_4'],
    ]);
    expect([...groupByFolder(picked).groups.keys()]).toEqual(['digit_3', 'digit_4']);
  });
});

describe('filesFromDrop', () => {
  /**
   * a dropped folder tree through the entries API; `asking` counts file requests not yet answered.
   * A file '!' is a broken symlink (its file() fails); a folder with a '!' key cannot be listed.
   */
  function dropOf(tree: Record<string, unknown>) {
    const load = { asking: 0, most: 0 };
    const notFound = () => new DOMException('A requested file or directory could not be found', 'NotFoundError');
    const entry = (name: string, node: unknown): FileSystemEntry =>
      typeof node === 'string'
        ? ({
            name,
            isFile: true,
            isDirectory: false,
            file(ok: (f: File) => void, fail: (e: DOMException) => void) {
              load.most = Math.max(load.most, ++load.asking);
              setTimeout(() => {
                load.asking--;
                if (node === '!') fail(notFound());
                else ok(file(name));
              }, 1);
            },
          } as unknown as FileSystemEntry)
        : ({
            name,
            isFile: false,
            isDirectory: true,
            createReader() {
              // two calls give the entries, the third none (readEntries answers in parts)
              const all = Object.entries(node as Record<string, unknown>).map(([n, c]) => entry(n, c));
              const parts = [all.slice(0, 1), all.slice(1), []];
              const broken = '!' in (node as object);
              return {
                readEntries: (ok: (e: FileSystemEntry[]) => void, fail: (e: DOMException) => void) =>
                  setTimeout(() => (broken && parts.length < 3 ? fail(notFound()) : ok(parts.shift()!)), 0),
              };
            },
          } as unknown as FileSystemEntry);
    const items = Object.entries(tree).map(([n, c]) => ({ kind: 'file', webkitGetAsEntry: () => entry(n, c) }));
    return { dt: { items, files: [] } as unknown as DataTransfer, load };
  }

  it('reads every file of the dropped folders with its folders, a few requests at a time, leaving system folders inside out', async () => {
    const cats = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`cat${i}.jpg`, 'x']));
    const { dt, load } = dropOf({
      dataset: { cats, dogs: { 'd1.jpg': 'x', 'd2.jpg': 'x' }, '.git': { 'x.jpg': 'x' } },
      'loose.jpg': 'x',
    });
    const { files: out, unreadable } = await filesFromDrop(dt);
    expect(unreadable).toEqual([]);
    expect(out.map((d) => `${d.folders.join('/')}:${d.file.name}`)).toEqual([
      ':loose.jpg',
      ...Object.keys(cats).map((n) => `dataset/cats:${n}`),
      'dataset/dogs:d1.jpg',
      'dataset/dogs:d2.jpg',
    ]);
    expect(load.most).toBeGreaterThan(1);
    expect(load.most).toBeLessThanOrEqual(16);
  });

  it('names the files and folders the browser would not give (broken symlink, no permission) and reads the rest', async () => {
    // one entry.file() rejecting NotFoundError made the whole drop reject: nothing was added, nothing said
    const { dt } = dropOf({
      dataset: { cats: { 'a.jpg': 'x', 'gone.jpg': '!', 'b.jpg': 'x' }, locked: { '!': 'x', 'c.jpg': 'x' } },
      'broken.jpg': '!',
    });
    const { files, unreadable } = await filesFromDrop(dt);
    expect(files.map((d) => `${d.folders.join('/')}:${d.file.name}`)).toEqual([
      'dataset/cats:a.jpg',
      'dataset/cats:b.jpg',
    ]);
    expect(unreadable).toEqual(['broken.jpg', 'gone.jpg', 'locked/']);
  });

  it('leaves out the system files beside the photos (.DS_Store, ._a.jpg), which a drop onto a class card added as images', async () => {
    const { dt } = dropOf({ cats: { 'a.jpg': 'x', '.DS_Store': 'x', '._a.jpg': 'x' }, '.DS_Store': 'x', 'b.jpg': 'x' });
    const { files } = await filesFromDrop(dt);
    expect(files.map((d) => d.file.name)).toEqual(['b.jpg', 'a.jpg']);
    // a browser without entries gives the plain file list
    const plain = { items: [], files: [file('c.jpg'), file('._c.jpg')] } as unknown as DataTransfer;
    expect((await filesFromDrop(plain)).files.map((d) => d.file.name)).toEqual(['c.jpg']);
  });
});
