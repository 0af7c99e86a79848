import { afterEach, describe, expect, it, vi } from 'vitest';
import { filesFromFolder, readPickedFolder, READING_STEP } from '../src/ui/pickFolder';

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

/** The browser's folder picker answering `answer` (a folder, or the error it throws). */
const picker = (answer: FileSystemDirectoryHandle | DOMException) =>
  vi.stubGlobal('window', {
    showDirectoryPicker: async () => {
      if (answer instanceof DOMException) throw answer;
      return answer;
    },
  });

/** readPickedFolder, with what it said and the counts it gave, in order. */
async function readHeard() {
  const heard: (string | number | null)[] = [];
  const read = await readPickedFolder({ failed: (notice) => heard.push(notice), reading: (n) => heard.push(n) });
  return { read, heard };
}

describe('readPickedFolder (Add folders… and the test panel alike)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the picked folder, counting from 0 at least READING_STEP files apart, null once read', async () => {
    const many = Object.fromEntries(Array.from({ length: 3 * READING_STEP }, (_, k) => [`${k}.jpg`, 'x']));
    picker(handle('photos', { cats: many }));
    const { read, heard } = await readHeard();
    expect(read?.root).toBe('photos');
    expect(read?.files).toHaveLength(3 * READING_STEP);
    expect([heard[0], heard.at(-1)]).toEqual([0, null]);
    const counts = heard.slice(0, -1) as number[];
    expect(counts.length).toBeGreaterThan(2);
    counts.slice(1).forEach((n, k) => expect(n - counts[k]).toBeGreaterThanOrEqual(READING_STEP));
  });

  it('a cancelled picker is no failure: nothing said, nothing read', async () => {
    picker(new DOMException('The user aborted a request.', 'AbortError'));
    expect(await readHeard()).toEqual({ read: null, heard: [] });
  });

  it('a picker that failed otherwise is said (the test panel swallowed it)', async () => {
    picker(new DOMException('The request is not allowed.', 'SecurityError'));
    expect(await readHeard()).toEqual({
      read: null,
      heard: ['The folder could not be opened: The request is not allowed.'],
    });
  });

  it('a picked folder that cannot be listed is said by its name, and the reading ends', async () => {
    picker({
      kind: 'directory',
      name: 'gone',
      values: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new DOMException('It moved.', 'NotFoundError')) }),
      }),
    } as unknown as FileSystemDirectoryHandle);
    expect(await readHeard()).toEqual({
      read: null,
      heard: [0, 'The folder “gone” could not be read: It moved.', null],
    });
  });
});
