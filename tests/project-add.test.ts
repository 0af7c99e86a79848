import { describe, expect, it, vi } from 'vitest';
import { NAME_LIMITS, parseProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useProject } from '../src/state/project';
import { MAX_PROJECT_IMAGES } from '../src/core/project/project-limits';

const files = (prefix: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => new File([new Uint8Array([1, 2, 3])], `${prefix}${i}.jpg`, { type: 'image/jpeg' }),
  );

describe('adding a large drop of folders', () => {
  it('adds the drop over many short tasks with progress that only grows, classes in name order, and one notice for the whole drop', async () => {
    useProject.setState({ classes: [], adding: null, notice: null });
    const seen: ({ done: number; total: number } | null)[] = [];
    const unsubscribe = useProject.subscribe((s) => seen.push(s.adding));
    const groups = new Map([
      ['cats', [...files('c', 230), new File(['x'], 'notes.txt', { type: 'text/plain' })]],
      ['birds', files('b', 40)],
    ]);
    const adding = useProject.getState().addFolders(groups);
    // the drop says at once what is coming; its files follow in later tasks
    expect(useProject.getState().adding).toEqual({ done: 0, total: 271 });
    expect(useProject.getState().classes).toEqual([]);
    await adding;
    unsubscribe();
    const { classes, adding: after, notice } = useProject.getState();
    expect(classes.map((c) => [c.name, c.images.length])).toEqual([
      ['birds', 40],
      ['cats', 230],
    ]);
    expect(after).toBeNull();
    expect(notice).toBe('Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): notes.txt');
    const progress = seen.filter(Boolean).map((a) => a!.done);
    expect(progress[0]).toBe(0);
    expect(progress.every((d, i) => i === 0 || d > progress[i - 1])).toBe(true);
    expect(progress.every((d) => d < 271)).toBe(true);
    expect(seen.at(-1)).toBeNull();
    expect(new Set(classes.flatMap((c) => c.images.map((i) => i.id))).size).toBe(270);
  });

  it('adds no more images than a project can open again from its zip, and says how many were left out', async () => {
    // a project one window short of the limit: the drop fills it, the rest is named in the notice
    const full = Array.from({ length: MAX_PROJECT_IMAGES - 100 }, (_, i) => ({ id: `i${i}` }) as never);
    useProject.setState({ classes: [{ id: 'k', name: 'kept', images: full }], adding: null, notice: null });
    const notes = Array.from({ length: 5 }, (_, i) => new File(['x'], `n${i}.txt`, { type: 'text/plain' }));
    // files past the limit that are not images are not counted as images left out
    await useProject.getState().addFolders(
      new Map([
        ['more', files('m', 300)],
        ['zz', notes],
      ]),
    );
    const { classes, notice, adding } = useProject.getState();
    expect(classes.map((c) => [c.name, c.images.length])).toEqual([
      ['kept', MAX_PROJECT_IMAGES - 100],
      ['more', 100],
    ]);
    expect(adding).toBeNull();
    expect(notice).toBe(
      'Did not add 200 images: a project holds at most 10,000 (Open project reads no more back). Split the images into several projects',
    );
    // one by one (a class's Add images, the webcam) too
    await useProject.getState().addImages('k', files('w', 2));
    expect(useProject.getState().classes[0].images).toHaveLength(MAX_PROJECT_IMAGES - 100);
    expect(useProject.getState().notice).toMatch(/^Did not add 2 images: a project holds at most 10,000/);
    useProject.getState().setNotice(null);
    await useProject.getState().addImages('k', files('f', 2), { pageMade: true });
    expect(useProject.getState().classes[0].images).toHaveLength(MAX_PROJECT_IMAGES - 100);
    expect(useProject.getState().notice).toMatch(/^Did not add 2 images: a project holds at most 10,000/);
  });

  it('adds each folder in file-name order whatever order the browser listed it in (one split for a drop, the folder input and Add folders…)', async () => {
    useProject.setState({ classes: [] });
    const names = ['img_10.jpg', 'img_2.jpg', 'IMG_3.jpg', 'img_1.jpg'];
    const listed = (order: string[]) =>
      new Map([['a', order.map((n) => new File([new Uint8Array([1, 2, 3])], n, { type: 'image/jpeg' }))]]);
    await useProject.getState().addFolders(listed(names));
    const first = useProject.getState().classes[0].images.map((i) => i.file.name);
    useProject.setState({ classes: [] });
    await useProject.getState().addFolders(listed([...names].reverse()));
    const second = useProject.getState().classes[0].images.map((i) => i.file.name);
    expect(first).toEqual(['IMG_3.jpg', 'img_1.jpg', 'img_10.jpg', 'img_2.jpg']);
    expect(second).toEqual(first);
  });

  it("makes an image's object URL only when something shows it, once, and gives it back", async () => {
    useProject.setState({ classes: [] });
    const made = vi.spyOn(URL, 'createObjectURL');
    const revoked = vi.spyOn(URL, 'revokeObjectURL');
    await useProject.getState().addFolders(new Map([['a', files('a', 3)]]));
    expect(made).not.toHaveBeenCalled();
    const [first] = useProject.getState().classes[0].images;
    const url = first.url;
    expect(url).toMatch(/^blob:/);
    expect(first.url).toBe(url);
    expect(made).toHaveBeenCalledTimes(1);
    useProject.getState().replaceClasses([]);
    expect(revoked.mock.calls.map((c) => c[0])).toEqual([url]);
    made.mockRestore();
    revoked.mockRestore();
  });

  it('shortens names a project could not save (230-character folder, 3,000-character file) and says so; the record restores', async () => {
    useProject.setState({ classes: [] });
    const long = new File([new Uint8Array([1])], `${'p'.repeat(3000)}.jpg`, { type: 'image/jpeg' });
    await useProject.getState().addFolders(
      new Map([
        ['c'.repeat(230), [long]],
        ['short', files('s', 1)],
      ]),
    );
    const { classes, notice } = useProject.getState();
    expect(classes.map((c) => c.name.length)).toEqual([NAME_LIMITS.className, 5]);
    expect(classes[0].images[0].file.name).toHaveLength(NAME_LIMITS.fileName);
    expect(classes[0].images[0].file.name.endsWith('….jpg')).toBe(true);
    expect(notice).toMatch(
      /^Shortened 2 names too long to save \(a class name keeps at most 200 characters, a file name 1000\)/,
    );
    const record = {
      version: 1,
      settings: DEFAULT_SETTINGS,
      backboneId: 'x',
      savedAt: '',
      classes: classes.map((c) => ({
        id: c.id,
        name: c.name,
        images: c.images.map((im) => ({ id: im.id, name: im.file.name, type: im.file.type })),
      })),
    };
    expect(parseProjectRecord(JSON.parse(JSON.stringify(record))).classes).toEqual(record.classes);
    useProject.getState().renameClass(classes[1].id, 'r'.repeat(500));
    expect(useProject.getState().classes[1].name).toHaveLength(NAME_LIMITS.className);
  });

  it('while a run holds the project, renames, moves and deletes are refused with the reason (whichever control asks)', async () => {
    useProject.setState({ classes: [], locked: null });
    await useProject.getState().addFolders(
      new Map([
        ['a', files('a', 2)],
        ['b', files('b', 1)],
      ]),
    );
    const before = useProject.getState().classes;
    useProject.setState({ locked: 'Training is running' });
    const { removeClass, removeImages, moveImages, renameClass } = useProject.getState();
    removeClass(before[0].id);
    removeImages([before[0].images[0].id]);
    moveImages([before[0].images[0].id], before[1].id);
    renameClass(before[0].id, 'other');
    expect(useProject.getState().classes).toBe(before);
    expect(useProject.getState().notice).toBe('Training is running');
    useProject.setState({ locked: null });
    renameClass(before[0].id, 'other');
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['other', 'b']);
  });
});
