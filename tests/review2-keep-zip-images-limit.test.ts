import { describe, expect, it, vi } from 'vitest';
import { MAX_IMAGE_BYTES } from '../src/core/project/project-limits';
import { readProjectZip } from '../src/core/project/project-zip';
import { claimSizes, jpegClass, projectRecord, projectZipBytes, refusal } from './helpers-project-zip';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const flow = await import('../src/ui/project-zip-flow');
// read through the module so that, before the fix, the missing export fails its assertion rather than the import
type Check = (images: readonly number[], files: readonly { path: string; bytes: number }[]) => string | null;
const zipTooLargeToReopen: Check = (...args) =>
  (flow as unknown as { zipTooLargeToReopen: Check }).zipTooLargeToReopen(...args);

const MB = 2 ** 20;
const GB = 2 ** 30;
const image = (i: number) => `images/1-a/${i}-a.jpg`;

describe('the download judges images against the images limit, and carried files against theirs', () => {
  it('15.5 GB of images and a 1 GB brought backbone is not refused', () => {
    const images = Array.from({ length: 62 }, () => 256 * MB);
    expect(images.reduce((n, b) => n + b, 0)).toBe(15.5 * GB);
    expect(zipTooLargeToReopen(images, [{ path: 'backbones/1/weights.bin', bytes: GB }])).toBeNull();
  });

  it('images past 16 GB are still refused, and said to be the images', () => {
    const images = Array.from({ length: 66 }, () => 256 * MB);
    expect(zipTooLargeToReopen(images, [])).toBe('its images come to 16.5 GB, and Open project reads at most 16.0 GB');
  });

  it('carried files past their own limit are refused as such', () => {
    expect(zipTooLargeToReopen([MB], [{ path: 'runs.json', bytes: 300 * MB }])).toBe(
      'its runs.json is 300 MB, and Open project reads at most 256 MB for it',
    );
  });
});

/**
 * A stored project zip of `images` images, each claiming `each` bytes unpacked in its local header
 * and the central directory while holding 3, and a brought backbone claiming `weights`: nothing near
 * those sizes is allocated.
 */
function claiming(images: number, each: number, weights = 0): Blob {
  const paths = Array.from({ length: images }, (_, i) => image(i));
  const files = Object.fromEntries(paths.map((path) => [path, Uint8Array.of(1, 2, 3)]));
  const claims = Object.fromEntries(paths.map((path) => [path, each]));
  if (weights) {
    files['backbones/1/weights.bin'] = Uint8Array.of(1, 2, 3);
    claims['backbones/1/weights.bin'] = weights;
  }
  return new Blob([claimSizes(projectZipBytes(projectRecord([jpegClass(paths)]), files, { level: 0 }), claims)]);
}

describe('Open project limits the images to what the download warns past', () => {
  it('refuses image entries that say they come to over 16 GB, naming the images', async () => {
    expect(66 * 256 * MB).toBeGreaterThan(MAX_IMAGE_BYTES);
    const why = await refusal(readProjectZip(claiming(66, 256 * MB)));
    expect(why).toBe(
      'This project zip cannot be opened here: its images come to 16.5 GB, and Open project reads at most 16.0 GB. Split it into smaller projects. Nothing was imported.',
    );
  });

  it('does not count a brought backbone among the images', async () => {
    const why = await refusal(readProjectZip(claiming(62, 256 * MB, GB)));
    expect(why).not.toMatch(/images come to/);
  });
});
