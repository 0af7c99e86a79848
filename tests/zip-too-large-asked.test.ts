import { describe, expect, it, vi } from 'vitest';
import { MAX_IMAGE_BYTES } from '../src/core/project/project-limits';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject } = await import('../src/state/project');
const { imagesTooLargeToReopen } = await import('../src/ui/project-zip-flow');

const images = (n: number, size: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `i${i}`, file: { name: `${i}.jpg`, size }, url: '' }));

describe('a project zip too large to open again', () => {
  it('is known from the images before the zip is written, so the page can ask first', () => {
    const each = 8 * 2 ** 20;
    const over = Math.ceil(MAX_IMAGE_BYTES / each) + 1;
    useProject.setState({ classes: [{ id: 'a', name: 'A', images: images(over, each) }] } as never);
    expect(imagesTooLargeToReopen()).toMatch(/its images come to .* and Open project reads at most/);
    useProject.setState({ classes: [{ id: 'a', name: 'A', images: images(20, each) }] } as never);
    expect(imagesTooLargeToReopen()).toBeNull();
  });
});
