import { describe, expect, it } from 'vitest';
import { NAME_LIMITS, parseProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useProject } from '../src/state/project';

const files = (prefix: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => new File([new Uint8Array([1, 2, 3])], `${prefix}${i}.jpg`, { type: 'image/jpeg' }),
  );

describe('adding a large drop of folders', () => {
  it('adds a chunk per task with progress, classes in name order, and one notice for the whole drop', async () => {
    const seen: ({ done: number; total: number } | null)[] = [];
    const unsubscribe = useProject.subscribe((s) => seen.push(s.adding));
    const groups = new Map([
      ['cats', [...files('c', 230), new File(['x'], 'notes.txt', { type: 'text/plain' })]],
      ['birds', files('b', 40)],
    ]);
    const adding = useProject.getState().addFolders(groups);
    // the first chunk is in at once (the drop shows something immediately), the rest follows
    expect(useProject.getState().classes.map((c) => [c.name, c.images.length])).toEqual([['birds', 25]]);
    expect(useProject.getState().adding).toEqual({ done: 25, total: 271 });
    await adding;
    unsubscribe();
    const { classes, adding: after, notice } = useProject.getState();
    expect(classes.map((c) => [c.name, c.images.length])).toEqual([
      ['birds', 40],
      ['cats', 230],
    ]);
    expect(after).toBeNull();
    expect(notice).toBe('Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): notes.txt');
    // chunks of 25 a class at a time: 25 and 15 birds, then cats 25 by 25 up to 271 (done)
    expect(seen.filter(Boolean).map((a) => a!.done)).toEqual([25, 40, 65, 90, 115, 140, 165, 190, 215, 240, 265]);
    expect(new Set(classes.flatMap((c) => c.images.map((i) => i.id))).size).toBe(270);
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
