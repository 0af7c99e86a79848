import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { MAX_IMAGE_BYTES } from '../src/core/project/project-limits';
import { readProjectZip } from '../src/core/project/project-zip';
import type { ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

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
  const record: ProjectRecord = {
    version: 1,
    classes: [
      {
        id: 'c',
        name: 'a',
        images: Array.from({ length: images }, (_, i) => ({
          id: `i${i}`,
          name: 'a.jpg',
          type: 'image/jpeg',
          path: image(i),
        })),
      },
    ],
    settings: { ...DEFAULT_SETTINGS },
    backboneId: 'mobilenet-v2-0.35',
    savedAt: '2026-11-28T12:00:00.000Z',
  };
  const files: Record<string, Uint8Array> = { 'project.json': strToU8(JSON.stringify(record)) };
  const claims = new Map<string, number>();
  for (let i = 0; i < images; i++) {
    files[image(i)] = Uint8Array.of(1, 2, 3);
    claims.set(image(i), each);
  }
  if (weights) {
    files['backbones/1/weights.bin'] = Uint8Array.of(1, 2, 3);
    claims.set('backbones/1/weights.bin', weights);
  }
  const zip = zipSync(files, { level: 0 });
  const view = new DataView(zip.buffer);
  const decoder = new TextDecoder();
  let patched = 0;
  for (let at = 0; at + 46 < zip.length; at++) {
    const sig = view.getUint32(at, true);
    const [sizeAt, nameAt] = sig === 0x04034b50 ? [22, 30] : sig === 0x02014b50 ? [24, 46] : [0, 0];
    if (!sizeAt) continue;
    const name = decoder.decode(
      zip.subarray(at + nameAt, at + nameAt + view.getUint16(at + 26 + (nameAt === 46 ? 2 : 0), true)),
    );
    const size = claims.get(name);
    if (size === undefined) continue;
    view.setUint32(at + sizeAt, size, true);
    patched++;
  }
  if (patched !== 2 * claims.size) throw new Error(`patched ${patched} headers for ${claims.size} files`);
  return new Blob([zip]);
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (err: Error) => err.message,
  );

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
