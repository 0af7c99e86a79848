import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { NAME_LIMITS } from '../src/core/project/record';
import { useProject } from '../src/state/project';
import { imagesComingIn } from '../src/state/project-intake';
import { ClassCard, dropOntoCard } from '../src/ui/ClassCard';

// A drop onto a class card is images coming in from its first read, as a drop on the page is:
// while a large tree was read nothing said so, and New, Open and Download project were not locked.

const image = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/jpeg' });

/** A folder of `n` images each read after `ms`, in one directory listing. */
function slowFolder(name: string, n: number, ms: number): DataTransfer {
  const file = (f: string) =>
    ({
      name: f,
      isFile: true,
      isDirectory: false,
      file: (ok: (f: File) => void) => setTimeout(() => ok(image(f)), ms),
    }) as unknown as FileSystemEntry;
  const dir = {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      const parts = [Array.from({ length: n }, (_, k) => file(`${name}${k}.jpg`)), []];
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => setTimeout(() => ok(parts.shift()!), ms) };
    },
  };
  return { items: [{ kind: 'file', webkitGetAsEntry: () => dir }], files: [] } as unknown as DataTransfer;
}

beforeEach(() => useProject.setState({ classes: [{ id: 'k', name: 'kept', images: [] }], adding: null, intake: 0 }));

describe('a drop onto a class card', () => {
  it('counts as images coming in from the moment it lands until its images are in', async () => {
    let stopped = 0;
    const event = {
      dataTransfer: slowFolder('cats', 12, 3),
      preventDefault: () => stopped++,
      stopPropagation: () => stopped++,
    };
    const done = dropOntoCard(event, 'k');
    expect(stopped).toBe(2);
    const seen: boolean[] = [];
    let over = false;
    void done.then(() => (over = true));
    while (!over) {
      seen.push(imagesComingIn(useProject.getState()));
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every(Boolean)).toBe(true);
    expect(imagesComingIn(useProject.getState())).toBe(false);
    expect(useProject.getState().classes.map((c) => [c.name, c.images.length])).toEqual([
      ['kept', 0],
      ['cats', 12],
    ]);
  });
});

describe("a class card's name box", () => {
  it('takes a name as long as the project keeps', () => {
    const html = renderToStaticMarkup(createElement(ClassCard, { cls: { id: 'k', name: 'kept', images: [] } }));
    expect(html).toContain(`maxLength="${NAME_LIMITS.className}"`);
  });
});
