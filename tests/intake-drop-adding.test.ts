import { beforeEach, describe, expect, it } from 'vitest';
import { useProject } from '../src/state/project';
import { addDrop, addDropped } from '../src/ui/folderAdding';
import { unreadableNotice } from '../src/core/data/problems';

// What a drop, on the page or onto a class card, adds and says (ui/folderAdding.ts); the drop's
// files come through the entries API, faked here as tests/drop-files.test.ts does.

const image = (name: string) =>
  new File([new Uint8Array([1, 2, 3])], name, { type: name.endsWith('.jpg') ? 'image/jpeg' : 'text/plain' });

/** A file '!' is a broken symlink (its file() fails with NotFoundError). */
type Tree = { [name: string]: Tree | string };

function dropOf(tree: Tree): DataTransfer {
  const entry = (name: string, node: Tree | string): FileSystemEntry =>
    typeof node === 'string'
      ? ({
          name,
          isFile: true,
          isDirectory: false,
          file: (ok: (f: File) => void, fail: (e: DOMException) => void) =>
            setTimeout(() => (node === '!' ? fail(new DOMException('gone', 'NotFoundError')) : ok(image(name))), 1),
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

const shape = () => useProject.getState().classes.map((c) => [c.name, c.images.map((i) => i.file.name)]);

beforeEach(() => useProject.setState({ classes: [], adding: null, notice: null }));

describe('a drop onto a class card', () => {
  it('makes a class of each dropped folder, as a drop on the page does, instead of pouring them all into the card', async () => {
    useProject.setState({ classes: [{ id: 'k', name: 'kept', images: [] }] });
    await addDrop(
      dropOf({
        dataset: {
          cats: { 'c1.jpg': 'x', '.DS_Store': 'x', '._c1.jpg': 'x' },
          dogs: { 'd1.jpg': 'x' },
          __MACOSX: { cats: { '._c1.jpg': 'x' } },
        },
        'loose.jpg': 'x',
      }),
      'k',
    );
    expect(shape()).toEqual([
      ['kept', ['loose.jpg']],
      ['cats', ['c1.jpg']],
      ['dogs', ['d1.jpg']],
    ]);
    expect(useProject.getState().notice).toBeNull();
  });

  it('adds its images without the system files beside them', async () => {
    useProject.setState({ classes: [{ id: 'k', name: 'kept', images: [] }] });
    await addDrop(dropOf({ 'a.jpg': 'x', '._a.jpg': 'x', '.DS_Store': 'x' }), 'k');
    expect(shape()).toEqual([['kept', ['a.jpg']]]);
    expect(useProject.getState().notice).toBeNull();
  });
});

describe('a drop that holds what cannot be read', () => {
  it('adds the rest and names what could not be read, in the folder picker’s words', async () => {
    await addDrop(dropOf({ cats: { 'a.jpg': 'x', 'link.jpg': '!' }, dogs: { 'b.jpg': 'x' } }));
    expect(shape()).toEqual([
      ['cats', ['a.jpg']],
      ['dogs', ['b.jpg']],
    ]);
    expect(useProject.getState().notice).toBe('1 file could not be read and was not added: link.jpg');
    expect(unreadableNotice(['a.jpg', 'b.jpg', 'secret/'])).toBe(
      '2 files and 1 folder could not be read and were not added: a.jpg, b.jpg, secret/',
    );
  });

  it('says so when reading the drop fails outright, rather than failing without a word', async () => {
    const dt = {
      get items(): never {
        throw new Error('The drop could not be read');
      },
    } as unknown as DataTransfer;
    await expect(addDrop(dt)).resolves.toBeUndefined();
    expect(useProject.getState().notice).toMatch(/^The dropped files could not be added: The drop could not be read/);
  });
});

describe('a drop on the page', () => {
  it('keeps the notice about loose files once the folders beside them are added', async () => {
    await addDrop(dropOf({ cats: { 'a.jpg': 'x', 'notes.txt': 'x' }, 'loose.jpg': 'x' }));
    expect(shape()).toEqual([['cats', ['a.jpg']]]);
    const notice = useProject.getState().notice!;
    expect(notice).toMatch(/Skipped 1 file that is not an image .*: notes\.txt/);
    expect(notice).toMatch(/1 loose file was not added: drop single images onto a class/);
  });

  it('makes a class of images dropped without their folder, and says so, for the person to name', async () => {
    useProject.setState({ classes: [{ id: 'k', name: 'Class 1', images: [] }] });
    await addDrop(dropOf({ 'a.jpg': 'x', 'b.jpg': 'x', 'notes.txt': 'x' }));
    expect(shape()).toEqual([
      ['Class 1', []],
      ['Class 2', ['a.jpg', 'b.jpg']],
    ]);
    const notice = useProject.getState().notice!;
    expect(notice).toMatch(/^The images dropped outside a class became a new class, "Class 2": give it its name/);
    expect(notice).toMatch(/Skipped 1 file that is not an image .*: notes\.txt/);
  });

  it('leaves no empty class behind while a run holds the project either', async () => {
    useProject.setState({ locked: 'Training is running' });
    const text = new File(['this is text'], 'a.jpg', { type: 'image/jpeg' });
    await addDropped({ files: [{ file: text, folders: [] }], unreadable: [] });
    expect(shape()).toEqual([]);
    useProject.setState({ locked: null });
  });

  it('leaves no empty class behind when none of the loose images could be added', async () => {
    const text = new File(['this is text'], 'a.jpg', { type: 'image/jpeg' });
    await addDropped({ files: [{ file: text, folders: [] }], unreadable: [] });
    expect(shape()).toEqual([]);
    expect(useProject.getState().notice).toBe(
      'Skipped 1 image that cannot be read: a.jpg: it holds text, not image data',
    );
  });

  it('says where a project zip and a model’s files go instead of calling them loose files or not images', async () => {
    const zip = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'my project.zip', { type: 'application/zip' });
    await addDropped({ files: [{ file: zip, folders: [] }], unreadable: [] });
    const zipNotice = useProject.getState().notice!;
    expect(zipNotice).toMatch(/^my project\.zip is a zip, not images\. To open a project zip, use Open project…/);
    expect(zipNotice).toMatch(/a zip of images must be unzipped first, then its folders dropped/);
    expect(zipNotice).not.toMatch(/loose file/);

    const model = ['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin'].map((n) => new File(['{}'], n));
    await addDropped({
      files: [...model.map((file) => ({ file, folders: ['my-backbone'] })), { file: image('a.jpg'), folders: [] }],
      unreadable: [],
    });
    const modelNotice = useProject.getState().notice!;
    expect(modelNotice).toMatch(
      /model\.json, group1-shard1of2\.bin, group1-shard2of2\.bin are a model's files, not images: .*“Bring your own backbone” in the Model step/,
    );
    expect(modelNotice).not.toMatch(/not an image/);
    // the one image beside them, with no class folder in the drop, is a class of its own
    expect(modelNotice).toMatch(/The images dropped outside a class became a new class, "Class 1"/);
    expect(shape()).toEqual([['Class 1', ['a.jpg']]]);
  });
});
