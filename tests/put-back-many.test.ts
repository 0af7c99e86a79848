import { describe, expect, it } from 'vitest';
import type { ProjectClass } from '../src/state/project';
import type { ProjectImage } from '../src/state/project-image';
import { reinsert, type PutBack } from '../src/state/put-back';

const image = (id: string) => ({ id, file: new File([], `${id}.jpg`), url: '' }) as unknown as ProjectImage;

describe('putting thousands of images back', () => {
  it('puts every other image of a 6,000-image class back where it was, in one class and across two', () => {
    const all = Array.from({ length: 6000 }, (_, i) => image(`i${i}`));
    const taken = all.filter((_, i) => i % 2 === 1);
    const kept = all.filter((_, i) => i % 2 === 0);
    const items: PutBack[] = taken.map((im) => {
      const i = all.indexOf(im);
      return {
        image: im,
        classId: 'a',
        className: 'A',
        index: i,
        after: all[i - 1]?.id ?? null,
        before: all[i + 1]?.id ?? null,
      };
    });
    const classes: ProjectClass[] = [
      { id: 'a', name: 'A', images: kept },
      { id: 'b', name: 'B', images: [image('b0')] },
    ];
    const out = reinsert(classes, items, []);
    expect(out[0].images.map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(out[1]).toBe(classes[1]);
  });
});
