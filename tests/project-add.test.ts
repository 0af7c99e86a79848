import { describe, expect, it } from 'vitest';
import { useProject } from '../src/state/project';

const files = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => new File([new Uint8Array([1, 2, 3])], `${prefix}${i}.jpg`, { type: 'image/jpeg' }));

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
    expect(useProject.getState().classes.map((c) => [c.name, c.images.length])).toEqual([['birds', 40]]);
    expect(useProject.getState().adding).toEqual({ done: 40, total: 271 });
    await adding;
    unsubscribe();
    const { classes, adding: after, notice } = useProject.getState();
    expect(classes.map((c) => [c.name, c.images.length])).toEqual([
      ['birds', 40],
      ['cats', 230],
    ]);
    expect(after).toBeNull();
    expect(notice).toBe('Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): notes.txt');
    // 40 birds, then cats in chunks of 100: 140, 240, 271 (done)
    expect(seen.filter(Boolean).map((a) => a!.done)).toEqual([40, 140, 240]);
    expect(new Set(classes.flatMap((c) => c.images.map((i) => i.id))).size).toBe(270);
  });
});
