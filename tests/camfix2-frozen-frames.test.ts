import { describe, expect, it } from 'vitest';
import { duplicateWarnings, frozenFrames } from '../src/core/data/duplicates';
import { datasetHealth, type HealthImage } from '../src/core/data/health';
import { frameName } from '../src/core/data/frame-name';

// The Data step's duplicate warning said identical webcam frames meant a frozen camera picture; the
// health check's finding for the same frames listed three of their names and counted the rest.

const frames = (n: number, label = 0, stamp = '20261206-004214'): HealthImage[] =>
  Array.from({ length: n }, (_, k) => ({ id: `${stamp}-${k}`, label, name: frameName(stamp, k + 1) }));

function exactFinding(classes: string[], images: HealthImage[]) {
  return datasetHealth({
    classes,
    images,
    hashes: new Map(images.map((i) => [i.id, 'same'])),
    features: new Map(),
    unreadable: [],
    validation: new Set(),
    minPerClass: 0,
  }).find((f) => f.kind === 'exact-duplicate')!;
}

describe('identical recorded frames: the camera picture may have been frozen', () => {
  it('the health check says so instead of naming the frames, and its fix still removes all copies but one', () => {
    const images = frames(21);
    const finding = exactFinding(['cup', 'mug'], images);
    expect(finding.message).toBe('21 recorded frames in "cup" are identical: the camera picture may have been frozen.');
    expect(finding.remove).toHaveLength(20);
  });

  it('the health finding and the duplicate warning say it in the same words', () => {
    const images = [...frames(2, 0), ...frames(2, 1, '20261206-004300')];
    const warning = duplicateWarnings(
      ['cup', 'mug'],
      images.map((i) => ({ ...i, fingerprint: 'same' })),
    )[0];
    const finding = exactFinding(['cup', 'mug'], images);
    expect(finding.message).toBe(
      '4 recorded frames in "cup" and "mug" are identical: the camera picture may have been frozen.',
    );
    expect(warning.startsWith(finding.message)).toBe(true);
  });

  it('frozen frames within a group of nearly identical images are said as such there too, not named one by one', () => {
    const recorded = frames(6);
    const photos: HealthImage[] = [
      { id: 'a', label: 0, name: 'IMG_1.jpg' },
      { id: 'b', label: 0, name: 'IMG_2.jpg' },
    ];
    const images = [...photos, ...recorded];
    const near = datasetHealth({
      classes: ['cup'],
      images,
      hashes: new Map(recorded.map((i) => [i.id, 'same'])),
      // the two photos and the (one) frame point the same way
      features: new Map(images.map((i) => [i.id, [1, 0.01 * i.name.length]])),
      unreadable: [],
      validation: new Set(),
      minPerClass: 0,
    }).find((f) => f.kind === 'near-duplicate')!;
    expect(near.message).toBe(
      `Nearly identical images (feature similarity above 0.98): IMG_1.jpg (cup), IMG_2.jpg (cup), ${recorded[0].name} (cup). 6 recorded frames in "cup" are identical: the camera picture may have been frozen.`,
    );
    expect(near.remove).toHaveLength(7);
  });

  it('a group with any file that is not a frame is named file by file, in both', () => {
    const images = [...frames(1), { id: 'p', label: 0, name: 'cup.jpg' }];
    expect(exactFinding(['cup'], images).message).toBe(
      'Identical files: webcam-20261206-004214-1.jpg (cup), cup.jpg (cup).',
    );
    expect(
      frozenFrames([
        { name: 'cup.jpg', className: 'cup' },
        ...frames(1).map((f) => ({ name: f.name, className: 'cup' })),
      ]),
    ).toBeUndefined();
  });

  it('a frame read back from a project zip (its name numbered) is a frame too', () => {
    const group = ['0-', '1-'].map((n) => ({ name: n + frameName('20261206-004214', 1), className: 'cup' }));
    expect(frozenFrames(group)).toBe(
      '2 recorded frames in "cup" are identical: the camera picture may have been frozen.',
    );
  });
});
