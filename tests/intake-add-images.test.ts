import { beforeEach, describe, expect, it } from 'vitest';
import { useProject } from '../src/state/project';
import { addDropped } from '../src/ui/folderAdding';

// A class's own adding (a drop on its card, its "choose files", the webcam's frames) checks what
// Add folders… checks, and says only what there is to say.

const image = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/jpeg' });
const images = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => image(`${prefix}${i}.jpg`));
/** a file the browser lists but cannot read (moved or deleted since, or no permission) */
const unreadable = (name: string) =>
  Object.assign(image(name), {
    arrayBuffer: () => Promise.reject(new DOMException('The file could not be read.', 'NotReadableError')),
  });

const names = () => useProject.getState().classes.map((c) => [c.name, c.images.map((i) => i.file.name)]);

beforeEach(() =>
  useProject.setState({ classes: [{ id: 'k', name: 'cats', images: [] }], notice: null, adding: null, intake: 0 }),
);

describe("a class's own adding reads the files first, as Add folders… does", () => {
  it('leaves out a file it cannot read and an empty one, and names them in the words Add folders… has', async () => {
    const said = await useProject
      .getState()
      .addImages('k', [image('a.jpg'), unreadable('gone.jpg'), new File([], 'empty.jpg', { type: 'image/jpeg' })]);
    expect(names()).toEqual([['cats', ['a.jpg']]]);
    const notice = 'Skipped 1 empty file (0 bytes): empty.jpg. 1 file could not be read and was not added: gone.jpg';
    expect(said).toBe(notice);
    expect(useProject.getState().notice).toBe(notice);
  });

  it('leaves out a file whose bytes are no usable image and names each with its reason, as training would', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const said = await useProject
      .getState()
      .addImages('k', [
        image('a.jpg'),
        new File(['this is text, not a JPEG'], 'notes.jpg', { type: 'image/jpeg' }),
        new File([jpeg], 'half.jpg', { type: 'image/jpeg' }),
      ]);
    expect(names()).toEqual([['cats', ['a.jpg']]]);
    expect(said).toMatch(
      /^Skipped 2 images that cannot be read: notes\.jpg: it holds text, not image data; half\.jpg: the JPEG is truncated \(the file ends before the image data does\)$/,
    );
  });

  it('adds a batch larger than one window in the order given, and New project waits for it meanwhile', async () => {
    const files = [...images('a', 70), unreadable('x.jpg'), ...images('b', 70)];
    const adding = useProject.getState().addImages('k', files);
    expect(useProject.getState().intake).toBe(1);
    await adding;
    expect(useProject.getState().intake).toBe(0);
    expect(useProject.getState().adding).toBeNull();
    expect(names()[0][1]).toEqual(files.filter((f) => f.name !== 'x.jpg').map((f) => f.name));
  });

  it('keeps the order of calls made back to back', async () => {
    const first = useProject.getState().addImages('k', images('a', 100));
    const second = useProject.getState().addImages('k', [image('last.jpg')]);
    await Promise.all([first, second]);
    expect(names()[0][1].at(-1)).toBe('last.jpg');
    expect(names()[0][1]).toHaveLength(101);
  });
});

describe('images for a class deleted meanwhile', () => {
  it('are said to be lost, by the class name, rather than vanishing', async () => {
    const adding = useProject.getState().addImages('k', [image('a.jpg'), image('b.jpg'), image('c.jpg')]);
    useProject.getState().removeClass('k');
    expect(await adding).toBe('Class "cats" was deleted: 3 images were not added');
    expect(useProject.getState().notice).toBe('Class "cats" was deleted: 3 images were not added');
  });

  it('a drop on a card whose class went while the drop was read names the class as it was', async () => {
    useProject.getState().removeClass('k');
    await addDropped({ files: [{ file: image('a.jpg'), folders: [] }], unreadable: [] }, 'k', 'cats');
    expect(useProject.getState().notice).toBe('Class "cats" was deleted: 1 image was not added');
  });
});

describe('what is said', () => {
  it('an adding with nothing to say leaves the notice as it was', async () => {
    useProject.getState().setNotice('Skipped 12 images in a format browsers cannot decode (HEIC/HEIF)');
    expect(await useProject.getState().addImages('k', [image('a.jpg')])).toBeNull();
    expect(useProject.getState().notice).toBe('Skipped 12 images in a format browsers cannot decode (HEIC/HEIF)');
  });

  it("the webcam's frames (made by the page) are in when the call returns, in order, and wipe no notice", () => {
    useProject.getState().setNotice('Skipped 12 images in a format browsers cannot decode (HEIC/HEIF)');
    for (const frame of images('frame', 5)) void useProject.getState().addImages('k', [frame], { pageMade: true });
    expect(names()).toEqual([['cats', ['frame0.jpg', 'frame1.jpg', 'frame2.jpg', 'frame3.jpg', 'frame4.jpg']]]);
    expect(useProject.getState().notice).toBe('Skipped 12 images in a format browsers cannot decode (HEIC/HEIF)');
  });
});
