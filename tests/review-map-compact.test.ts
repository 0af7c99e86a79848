import { describe, expect, it, vi } from 'vitest';
import { markup, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { EmbeddingView } = await import('../src/ui/EmbeddingView');
const { mapImages } = await import('../src/ui/embedding-points');
const { reviewHelp } = await import('../src/ui/review-rules');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });

describe("the review's help", () => {
  it('tells a mouse and keyboard user the clicks and keys, as before', () => {
    expect(reviewHelp(false)).toMatch(/^Click to select, Shift-click for a range, Ctrl-click to add; arrows move/);
    expect(reviewHelp(false)).toContain('Split: as the next run divides the images (seeded).');
  });
  it('tells a touch user that a tap selects and unselects, the keys only for a keyboard', () => {
    expect(reviewHelp(true)).toMatch(/^Tap to select or unselect, double-tap to open large\. With a keyboard: arrows/);
    expect(reviewHelp(true)).not.toContain('Ctrl-click');
  });
});

describe("the feature map's images nearer another class", () => {
  it('finds each image in the project as it is now, with its class', () => {
    const classes = [
      { id: 'k0', images: [projectImage('a', file('a.jpg'))] },
      { id: 'k1', images: [projectImage('b', file('b.jpg'))] },
    ];
    const found = mapImages(classes, ['b', 'gone']);
    expect([...found.keys()]).toEqual(['b']);
    expect(found.get('b')?.classId).toBe('k1');
    expect(found.get('b')?.image.file.name).toBe('b.jpg');
  });

  it('lists each as its picture, its name and classes, and a button that reviews it', () => {
    const names = ['cats', 'dogs'];
    const points = names.flatMap((_, c) =>
      Array.from({ length: 4 }, (_, i) => ({ id: `c${c}-${i}`, label: c, x: (i === 0 ? 1 - c : c) * 10 + i, y: i })),
    );
    seed(useProject, {
      classes: names.map((name, c) => ({
        id: `k${c}`,
        name,
        images: Array.from({ length: 4 }, (_, i) => projectImage(`c${c}-${i}`, file(`${name}-${i}.jpg`))),
      })),
    });
    seed(useInsight, {
      embedding: {
        ...useInsight.getState().embedding,
        status: 'done',
        classes: names,
        data: { points, explained: [0.6, 0.3], extracted: 0, failed: [] },
        stale: false,
      },
    });
    const page = markup(EmbeddingView, { disabled: false });
    expect(page).toMatch(
      /<ul class="map-strays" aria-label="Images nearer another class&#x27;s centre on the feature map">/,
    );
    expect(page).toMatch(/<span class="map-stray-name">cats-0\.jpg<\/span>/);
    expect(page).toContain('cats · sits nearer dogs');
    expect(page).toContain('aria-label="Review cats-0.jpg in cats"');
    expect(page).not.toContain('<table class="map-strays"');
  });
});
