import { describe, expect, it, vi } from 'vitest';
import { markup, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { EmbeddingView } = await import('../src/ui/EmbeddingView');
const { MAP_POINT_LIMIT } = await import('../src/ui/embedding-points');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });

describe('feature map of many images', () => {
  it('says it drew a sample, and lists strays by their file names as they are now', () => {
    const per = 1000;
    const classes = ['cats', 'dogs', 'birds'];
    const points = classes.flatMap((_, c) =>
      Array.from({ length: per }, (_, i) => ({
        id: `c${c}-${i}`,
        label: c,
        // one of each class sits in the middle of the next
        x: (i === 0 ? (c + 1) % 3 : c) * 10 + Math.cos(i),
        y: Math.sin(i),
      })),
    );
    seed(useProject, {
      classes: classes.map((name, c) => ({
        id: `k${c}`,
        name,
        images: Array.from({ length: per }, (_, i) => projectImage(`c${c}-${i}`, file(`${name}-${i}.jpg`))),
      })),
    });
    seed(useInsight, {
      embedding: {
        ...useInsight.getState().embedding,
        status: 'done',
        classes,
        data: { points, explained: [0.6, 0.3], extracted: 0, failed: [] },
        stale: false,
      },
    });
    const page = markup(EmbeddingView, { disabled: false });
    // the figure still names every image
    expect(page).toContain('aria-label="Feature map, 3000 images in 3 classes"');
    expect(page).toContain(`${MAP_POINT_LIMIT.toLocaleString('en')} of 3,000 images drawn`);
    expect(page).toMatch(/<span class="map-stray-name">cats-0\.jpg<\/span>/);
  });
});
