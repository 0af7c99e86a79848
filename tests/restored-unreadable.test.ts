import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { all, liveRegions, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { useProject } = await import('../src/state/project');
const { unreadableIn } = await import('../src/state/project-intake');
const { useUndo, runUndo } = await import('../src/state/undo');
const { applyRecord } = await import('../src/state/page-record');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { UnreadableImages, removeUnreadable } = await import('../src/ui/UnreadableImages');
const { pictureReady, Thumbnail } = await import('../src/ui/Thumbnail');

// Projects saved (or zipped) before the intake refused files whose bytes are no usable image may
// still hold them: once restored or opened, the Data step names them and removes them with an undo.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('IEND')]);
const files: Record<string, File> = {
  a: new File([PNG], 'a.png', { type: 'image/png' }),
  x: new File(['a note, not a photo'], 'x.jpg', { type: 'image/jpeg' }),
  b: new File([PNG], 'b.png', { type: 'image/png' }),
  y: new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0])], 'y.jpg', { type: 'image/jpeg' }),
};
const entry = (id: string) => ({ id, name: files[id].name, type: files[id].type });
const record = {
  version: 1 as const,
  classes: [
    { id: 'c1', name: 'cats', images: [entry('a'), entry('x')] },
    { id: 'c2', name: 'dogs', images: [entry('b'), entry('y')] },
  ],
  settings: { ...DEFAULT_SETTINGS },
  backboneId: 'mobilenet-v1-0.25',
  savedAt: '',
};
const layout = () => useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.id).join(' ')}`);
const found = () => {
  const s = useProject.getState();
  return unreadableIn(s.classes, s.unreadable).map((f) => `${f.className}/${f.name}: ${f.problem}`);
};
const TEXT = 'cats/x.jpg: it holds text, not image data';
const CUT = 'dogs/y.jpg: the JPEG is truncated (the file ends before the image data does)';

projectStoresEachTest({ project: () => ({ classes: [], unreadable: {} }), settle: true });

describe('a restored project that holds images whose bytes cannot be read', () => {
  it('names them in the Data step, with their class and reason, and a button that removes them', async () => {
    applyRecord(record, (id) => files[id]);
    await vi.waitFor(() => expect(found()).toEqual([TEXT, CUT]));
    expect(layout()).toEqual(['cats: a x', 'dogs: b y']);

    const s = useProject.getState();
    seed(useProject, { classes: s.classes, unreadable: s.unreadable });
    const html = markup(UnreadableImages);
    expect(liveRegions(html).map((r) => r.text)).toEqual([
      'This project holds 2 images that cannot be read (training leaves them out): x.jpg in cats: it holds text, not image data; y.jpg in dogs: the JPEG is truncated (the file ends before the image data does) Remove 2 unreadable images',
    ]);
  });

  it('removes exactly those, with an undo that brings them back (still named)', async () => {
    applyRecord(record, (id) => files[id]);
    await vi.waitFor(() => expect(found()).toEqual([TEXT, CUT]));
    removeUnreadable();
    expect(layout()).toEqual(['cats: a', 'dogs: b']);
    expect(found()).toEqual([]);
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['Deleted 2 images']);

    await runUndo(useUndo.getState().entries.at(-1)!.id);
    expect(layout()).toEqual(['cats: a x', 'dogs: b y']);
    expect(found()).toEqual([TEXT, CUT]);
  });

  it('says nothing of a project whose images all read, and the next project does not inherit the last one’s', async () => {
    applyRecord(record, (id) => files[id]);
    // replaced before the check of the first has ended: its answer is not this project's
    applyRecord(
      { ...record, classes: [{ id: 'c1', name: 'cats', images: [entry('a'), entry('b')] }] },
      (id) => files[id],
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(layout()).toEqual(['cats: a b']);
    expect(useProject.getState().unreadable).toEqual({});
    seed(useProject, { classes: useProject.getState().classes, unreadable: {} });
    expect(liveRegions(markup(UnreadableImages)).map((r) => r.text)).toEqual(['']);
  });

  it('lists at most three, then how many more', async () => {
    const many = Array.from({ length: 5 }, (_, i) => `n${i}`);
    for (const id of many) files[id] = new File([`note ${id}`], `${id}.jpg`, { type: 'image/jpeg' });
    applyRecord({ ...record, classes: [{ id: 'c1', name: 'cats', images: many.map(entry) }] }, (id) => files[id]);
    await vi.waitFor(() => expect(found()).toHaveLength(5));
    const s = useProject.getState();
    seed(useProject, { classes: s.classes, unreadable: s.unreadable });
    expect(liveRegions(markup(UnreadableImages))[0].text).toMatch(
      /^This project holds 5 images that cannot be read \(training leaves them out\): n0\.jpg in cats: it holds text, not image data; n1\.jpg .*; n2\.jpg in cats: it holds text, not image data; and 2 more Remove 5 unreadable images$/,
    );
  });

  it("shows such an image's thumbnail as one that cannot be read, not as a broken picture", async () => {
    const thumb = (file: File) => markup(Thumbnail, { file, url: 'blob:x', alt: file.name, size: 56, square: true });
    await Promise.all([pictureReady(files.x, 56), pictureReady(files.a, 56)]);
    const [shown] = all(parse(thumb(files.x)), (n) => n.attrs.role === 'img');
    expect(shown.attrs['aria-label']).toBe('x.jpg: cannot be read');
    expect(shown.attrs.title).toBe('Cannot be read: it holds text, not image data');
    // an image that reads is pictured (here, with no worker in Node, from the file itself)
    expect(thumb(files.a)).toMatch(/^<img src="blob:x" alt="a.png"/);
  });
});
