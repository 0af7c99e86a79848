import { describe, expect, it } from 'vitest';
import { MAX_WEIGHT_BYTES } from '../src/core/backbones/model-files';
import { MODEL_ZIP_LIMITS } from '../src/core/model-import/read-model-zip';
import * as limits from '../src/core/project/project-limits';
import { readProjectZip } from '../src/core/project/project-zip';
import { claimSizes, jpegClass, projectRecord, projectZipBytes, refusal } from './helpers-project-zip';

const { carriedLimit, MAX_CARRIED_BYTES, ZIP_LIMITS } = limits;
// read through the module so that, before the fix, a missing export fails its assertion rather than the import
const entryBytes = (path: string): number => (limits as { entryBytes?: (p: string) => number }).entryBytes!(path);
const MB = 2 ** 20;

const IMAGE = 'images/1-a/1-a.jpg';

/**
 * A stored project zip in which `name` claims `size` bytes unpacked, in its local header and the
 * central directory, while holding 5: nothing near that size is allocated. 20 MB of padding keeps
 * a 300 MB claim within the zip-bomb ratio (20 times the zip), so only the per-file limit is tested.
 */
function claiming(name: string, size: number, root = ''): Blob {
  const files = {
    [IMAGE]: Uint8Array.of(1, 2, 3),
    'model/model.zip': Uint8Array.of(80, 75, 3, 4, 9),
    'backbones/1/weights.bin': Uint8Array.of(1, 2, 3, 4, 5),
  };
  const zip = projectZipBytes(projectRecord([jpegClass([IMAGE])]), files, {
    root,
    beside: { 'pad.bin': new Uint8Array(20 * MB) },
    level: 0,
  });
  return new Blob([claimSizes(zip, { [name]: size })]);
}

describe('Open project reads the models and backbones the studio accepts', () => {
  it('a model/model.zip that claims 300 MB is not refused for its size', async () => {
    const why = await refusal(readProjectZip(claiming('model/model.zip', 300 * MB)));
    expect(why).not.toMatch(/limit/);
    // it gets as far as unpacking the model, whose 5 bytes are not the 300 MB claimed
    expect(why).toMatch(/"model\/model\.zip" .*314572800 bytes its header says/);
  });

  it('nor when the project was zipped again inside its folder', async () => {
    const why = await refusal(readProjectZip(claiming('my project/model/model.zip', 300 * MB, 'my project/')));
    expect(why).not.toMatch(/limit/);
    expect(why).toMatch(/"my project\/model\/model\.zip" .*314572800 bytes its header says/);
  });

  it('nor is a brought backbone whose weights claim 300 MB', async () => {
    const why = await refusal(readProjectZip(claiming('backbones/1/weights.bin', 300 * MB)));
    expect(why).not.toMatch(/limit/);
    expect(why).toMatch(/"backbones\/1\/weights\.bin" .*314572800 bytes its header says/);
  });

  it('an image over the per-file limit is still refused', async () => {
    expect(await refusal(readProjectZip(claiming(IMAGE, 300 * MB)))).toMatch(
      /"images\/1-a\/1-a\.jpg" says it unpacks to 300 MB, over the limit of 256 MB a file/,
    );
  });

  it('a model past what the studio accepts is still refused', async () => {
    expect(await refusal(readProjectZip(claiming('model/model.zip', entryBytes('model/model.zip') + 1)))).toMatch(
      /"model\/model\.zip" says it unpacks to .* over the limit of/,
    );
  });

  it('each entry may be as large as the studio accepts for what it holds', () => {
    expect(entryBytes('model/model.zip')).toBeGreaterThanOrEqual(MODEL_ZIP_LIMITS.totalBytes);
    expect(entryBytes('model/imported.zip')).toBeGreaterThanOrEqual(MODEL_ZIP_LIMITS.totalBytes);
    expect(entryBytes('backbones/2/weights.bin')).toBe(MAX_WEIGHT_BYTES);
    expect(entryBytes('backbones/3/weights-7.bin')).toBe(MAX_WEIGHT_BYTES);
    expect(entryBytes(IMAGE)).toBe(256 * MB);
    expect(entryBytes('project.json')).toBe(256 * MB);
    // three brought backbones, the imported model and a starting point, and with them all images and the model
    expect(MAX_CARRIED_BYTES).toBeGreaterThan(3 * MAX_WEIGHT_BYTES + MODEL_ZIP_LIMITS.totalBytes);
    expect(ZIP_LIMITS.totalBytes).toBeGreaterThanOrEqual(
      16 * 2 ** 30 + MAX_CARRIED_BYTES + MODEL_ZIP_LIMITS.totalBytes,
    );
    expect(ZIP_LIMITS.ratio).toBe(20);
  });

  it('the download warns only past those limits', () => {
    expect(carriedLimit([{ path: 'model/model.zip', bytes: 1000 * MB }], 0)).toBeNull();
    expect(carriedLimit([{ path: 'model/imported.zip', bytes: 300 * MB }], 300 * MB)).toBeNull();
    expect(carriedLimit([{ path: 'backbones/1/weights.bin', bytes: 900 * MB }], 900 * MB)).toBeNull();
    expect(carriedLimit([{ path: 'model/model.zip', bytes: 1200 * MB }], 0)).toBe(
      'its model/model.zip is 1200 MB, and Open project reads at most 1152 MB for it',
    );
    // the largest file is within its limit; the smaller one is not
    expect(
      carriedLimit(
        [
          { path: 'model/imported.zip', bytes: 1000 * MB },
          { path: 'runs.json', bytes: 300 * MB },
        ],
        1300 * MB,
      ),
    ).toBe('its runs.json is 300 MB, and Open project reads at most 256 MB for it');
  });
});
