import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { carriedLimit, MAX_PROJECT_IMAGES, reopenLimit } from '../src/core/project/project-limits';
import { probeProjectZip, readProjectZip, writeProjectZip } from '../src/core/project/project-zip';
import { fitName, NAME_LIMITS, parseProjectRecord, type ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { blobsOf, bytesOf, claimSizes, entriesOf, projectZipBytes, projectZipFile } from './helpers-project-zip';

const record: ProjectRecord = {
  version: 1,
  classes: [
    {
      id: 'c1',
      name: 'thumbs up',
      images: [
        { id: 'i1', name: 'a.jpg', type: 'image/jpeg' },
        { id: 'i2', name: 'a.jpg', type: 'image/jpeg' },
      ],
    },
    { id: 'c2', name: '<b>ünï/cødé</b>', images: [{ id: 'i3', name: '../../etc/passwd.png', type: 'image/png' }] },
  ],
  settings: { ...DEFAULT_SETTINGS, epochs: 12, unfreeze: 2, frozenBlocks: [], recipe: 'manual' },
  backboneId: 'mobilenet-v2-0.35',
  savedAt: '2026-11-28T12:00:00.000Z',
};
const blobOf = blobsOf({ i1: Uint8Array.of(1, 2, 3), i2: Uint8Array.of(4, 5), i3: Uint8Array.of(6) });
const projectZip = (r: ProjectRecord) => writeProjectZip(r, blobOf);
/** `files` zipped as they are, for the zips that are not quite a project */
const zipOf = (files: Zippable) => new Blob([zipSync(files)]);

describe('project zip', () => {
  it('lays images out in class folders after project.json and reads back the same project', async () => {
    const zip = await projectZip(record);
    const names = Object.keys(await entriesOf(zip));
    expect(names).toEqual([
      'project.json',
      'images/1-thumbs up/1-a.jpg',
      'images/1-thumbs up/2-a.jpg',
      'images/2-_b_ünï_cødé_b_/1-.._.._etc_passwd.png',
    ]);
    const { record: back, files } = await readProjectZip(zip);
    expect(back.classes.map((c) => c.name)).toEqual(['thumbs up', '<b>ünï/cødé</b>']);
    expect(back.classes[1].images[0].name).toBe('../../etc/passwd.png');
    expect(back.settings).toEqual(record.settings);
    expect(back.backboneId).toBe('mobilenet-v2-0.35');
    expect([...files.keys()]).toEqual(['i1', 'i2', 'i3']);
    expect(await bytesOf(files.get('i2')!)).toEqual([4, 5]);
  });

  it('keeps a project of named classes with no images yet, and its settings', async () => {
    const named = { ...record, classes: [{ id: 'c1', name: 'cats', images: [] }] };
    const { record: back, files } = await readProjectZip(await projectZip(named));
    expect(back.classes).toEqual([{ id: 'c1', name: 'cats', images: [] }]);
    expect(back.settings).toEqual(record.settings);
    expect(files.size).toBe(0);
  });

  it('carries the model that answers, and gives it back on opening', async () => {
    const model = new Blob([Uint8Array.of(80, 75, 3, 4, 9)]);
    const zip = await writeProjectZip(record, blobOf, undefined, model);
    const { files, model: back } = await readProjectZip(zip);
    expect(files.size).toBe(3);
    expect(await bytesOf(back!)).toEqual([80, 75, 3, 4, 9]);
    expect((await readProjectZip(await projectZip(record))).model).toBeUndefined();
  });

  it('opens the zips written before project.json came first (fflate, project.json last)', async () => {
    const old = zipSync({
      'images/1-a/1-x.png': [Uint8Array.of(9, 8), { level: 0 }],
      'project.json': strToU8(
        JSON.stringify({
          ...record,
          classes: [
            { id: 'c', name: 'a', images: [{ id: 'x', name: 'x.png', type: 'image/png', path: 'images/1-a/1-x.png' }] },
          ],
        }),
      ),
    });
    const { files } = await readProjectZip(new Blob([old]));
    expect(await bytesOf(files.get('x')!)).toEqual([9, 8]);
  });

  it('streams the zip: never reads the whole file at once, and reports each image', async () => {
    // images of 200 KB, so the zip is larger than the tail read for its central directory
    const photo = (seed: number) => new Blob([new Uint8Array(200_000).map((_, i) => (i * seed) % 251)]);
    const photos: Record<string, Blob> = { i1: photo(3), i2: photo(5), i3: photo(7) };
    const written: string[] = [];
    const zip = await writeProjectZip(
      record,
      (id) => photos[id],
      (n, total) => written.push(`${n}/${total}`),
    );
    expect(written).toEqual(['1/3', '2/3', '3/3']);
    const reads: number[] = [];
    // a file whose whole-file reads fail: only slices (the central directory, then each entry) may be read
    class SlicedOnly extends Blob {
      override arrayBuffer(): Promise<ArrayBuffer> {
        throw new Error('read the whole zip');
      }
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        throw new Error('read the whole zip');
      }
      override slice(start?: number, end?: number, type?: string): Blob {
        reads.push((end ?? this.size) - (start ?? 0));
        return zip.slice(start, end, type);
      }
    }
    const seen: string[] = [];
    const { files } = await readProjectZip(new SlicedOnly([await zip.arrayBuffer()]), (n, total) =>
      seen.push(`${n}/${total}`),
    );
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
    expect(await bytesOf(files.get('i3')!)).toEqual(await bytesOf(photos.i3));
    expect(Math.max(...reads)).toBeLessThan(zip.size / 2);
  });

  it(
    'writes and opens a project of 1.1 GB, past the 1 GB that held the whole zip in memory',
    { timeout: 180_000 },
    async () => {
      const n = 576;
      const photo = new Blob([new Uint8Array(2 * 2 ** 20).map((_, i) => (i * 13) % 256)]);
      const big: ProjectRecord = {
        ...record,
        classes: [
          {
            id: 'c',
            name: 'a',
            images: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `${i}.jpg`, type: 'image/jpeg' })),
          },
        ],
      };
      const zip = await writeProjectZip(big, () => photo);
      expect(zip.size).toBeGreaterThan(1.1 * 2 ** 30); // the old limit was 2 ** 30 unpacked
      const { files } = await readProjectZip(zip);
      expect(files.size).toBe(n);
      // past 256 MB a stored photo is a slice of the zip (no copy): the same bytes
      expect(await bytesOf(files.get(`p${n - 1}`)!)).toEqual(await bytesOf(photo));
    },
  );

  it("is told from its names alone before anything is replaced: no zip, a model's zip, no project.json", async () => {
    await expect(probeProjectZip(new Blob(['%PDF-1.7 not a zip']))).rejects.toThrow(/not a project zip/);
    const model = zipSync({ 'model.json': strToU8('{}'), 'weights.bin': Uint8Array.of(1) });
    await expect(probeProjectZip(new Blob([model]))).rejects.toThrow(/holds a model, not a project/);
    await expect(probeProjectZip(new Blob([zipSync({ 'a.txt': strToU8('a') })]))).rejects.toThrow(/no project\.json/);
    // a project, and a damaged zip (left for the read, which says what is wrong): the question is asked
    const zip = new Uint8Array(await (await projectZip(record)).arrayBuffer());
    await expect(probeProjectZip(new Blob([zip]))).resolves.toBeUndefined();
    await expect(probeProjectZip(new Blob([zip.subarray(0, zip.length - 40)]))).resolves.toBeUndefined();
  });

  it('refuses a file that is not a zip, or a damaged one', async () => {
    await expect(readProjectZip(new Blob(['%PDF-1.7 not a zip']))).rejects.toThrow(/not a project zip/);
    const zip = new Uint8Array(await (await projectZip(record)).arrayBuffer());
    await expect(readProjectZip(new Blob([zip.subarray(0, zip.length - 40)]))).rejects.toThrow(/damaged/);
    // one byte of an image flipped: its checksum no longer matches
    const at = zip.indexOf(4, 200);
    const flipped = zip.slice();
    flipped[at] = 7;
    await expect(readProjectZip(new Blob([flipped]))).rejects.toThrow(/damaged/);
  });

  it('refuses paths outside its folders', async () => {
    for (const evil of ['../evil.jpg', '/abs.jpg', 'images/../../x.jpg', 'C:/x.jpg']) {
      const zip = projectZipFile({}, { [evil]: Uint8Array.of(1) });
      await expect(readProjectZip(zip)).rejects.toThrow(/path outside its folders/);
    }
  });

  it('refuses a zip bomb: past 64 MB it may unpack to 20× its size at most', async () => {
    // 149:1 got past the old per-file ratio check (6.9 MB → 1 GiB); here ~1000:1 in files of 8 MB each
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) files[`images/1-a/${i}-zeros.png`] = new Uint8Array(8 * 2 ** 20);
    const zip = projectZipFile({}, files, { level: 9 });
    expect(zip.size).toBeLessThan(200_000);
    await expect(readProjectZip(zip)).rejects.toThrow(/zip bomb/);
  });

  it('checks the bytes inflated, not only the size a header declares', async () => {
    const listed = {
      ...record,
      classes: [
        { id: 'c', name: 'a', images: [{ id: 'z', name: 'z.png', type: 'image/png', path: 'images/1-a/1-zeros.png' }] },
      ],
    };
    const zeros = 'images/1-a/1-zeros.png';
    const zip = projectZipBytes(listed, { [zeros]: new Uint8Array(4 * 2 ** 20) }, { level: 9 });
    // the local header and the central directory both claim 1,000 bytes
    await expect(readProjectZip(new Blob([claimSizes(zip, { [zeros]: 1000 })]))).rejects.toThrow(
      /more than the 1000 bytes its header says.*zip bomb/,
    );
  });

  it(`refuses more than ${MAX_PROJECT_IMAGES} images, saying the limit`, async () => {
    const many = {
      ...record,
      classes: [
        {
          id: 'c',
          name: 'a',
          images: Array.from({ length: MAX_PROJECT_IMAGES + 1 }, (_, i) => ({
            id: `i${i}`,
            name: 'a.jpg',
            type: 'image/jpeg',
            path: 'images/a.jpg',
          })),
        },
      ],
    };
    const zip = projectZipFile(many, { 'images/a.jpg': Uint8Array.of(1) });
    await expect(readProjectZip(zip)).rejects.toThrow(
      new RegExp(`lists ${MAX_PROJECT_IMAGES + 1} images; a project holds at most ${MAX_PROJECT_IMAGES}`),
    );
  });

  it('keeps long names through the zip (the rule names are added by), and gives duplicate ids their own', async () => {
    const long = {
      ...record,
      classes: [
        {
          id: 'c1',
          name: 'k'.repeat(230),
          images: [{ id: 'i1', name: `${'f'.repeat(3000)}.jpg`, type: 'image/jpeg' }],
        },
        { id: 'c1', name: 'twin', images: [{ id: 'i2', name: 'b.jpg', type: 'image/jpeg' }] },
      ],
    };
    const { record: back, files } = await readProjectZip(await projectZip(long));
    expect(back.classes[0].name).toBe(fitName('k'.repeat(230), NAME_LIMITS.className));
    expect(back.classes[0].name).toHaveLength(NAME_LIMITS.className);
    expect(back.classes[0].images[0].name).toMatch(/^f+…\.jpg$/);
    expect(back.classes[0].images[0].name).toHaveLength(NAME_LIMITS.fileName);
    expect(new Set(back.classes.map((c) => c.id)).size).toBe(2);
    expect(await bytesOf(files.get(back.classes[1].images[0].id)!)).toEqual([4, 5]);
  });

  it('refuses a zip without project.json, with broken JSON, or with an image file missing', async () => {
    await expect(readProjectZip(zipOf({ 'a.txt': strToU8('x') }))).rejects.toThrow(/no project\.json/);
    await expect(readProjectZip(zipOf({ 'project.json': strToU8('{nope') }))).rejects.toThrow(/not valid JSON/);
    const parts = await entriesOf(await projectZip(record));
    delete parts['images/1-thumbs up/2-a.jpg'];
    await expect(readProjectZip(zipOf(parts))).rejects.toThrow(/lists "a\.jpg" in "thumbs up" but the zip has no file/);
  });
});

describe('reopenLimit', () => {
  it("names the limit of Open project that a project's own zip would break", () => {
    expect(reopenLimit(500, 400 * 2 ** 20)).toBeNull();
    expect(reopenLimit(400, 17.3 * 2 ** 30)).toBe('its images come to 17.3 GB, and Open project reads at most 16.0 GB');
    expect(reopenLimit(3, 400 * 2 ** 20, 300 * 2 ** 20)).toBe(
      'one of its images is 300 MB, and Open project reads at most 256 MB a file',
    );
    expect(reopenLimit(MAX_PROJECT_IMAGES + 1, 2 ** 20)).toMatch(
      /holds 10001 images, and Open project reads at most 10000/,
    );
  });
});

describe('carriedLimit', () => {
  it('names a model or backbone file past the per-file limit, and carried files past their total', () => {
    const MB = 2 ** 20;
    expect(carriedLimit([{ path: 'model/model.zip', bytes: 3 * MB }], 3 * MB)).toBeNull();
    expect(carriedLimit([{ path: 'model/imported.zip', bytes: 1300 * MB }], 1300 * MB)).toBe(
      'its model/imported.zip is 1300 MB, and Open project reads at most 1152 MB for it',
    );
    // three brought backbones of up to 1 GB each, the imported model and a starting point
    const shards = Array.from({ length: 80 }, (_, i) => ({ path: `backbones/1/weights-${i + 1}.bin`, bytes: 64 * MB }));
    expect(carriedLimit(shards, 80 * 64 * MB)).toBe(
      'its models, backbones and starting point come to 5120 MB, and Open project reads at most 4288 MB of them',
    );
  });
});

describe('parseProjectRecord', () => {
  it('names what is wrong with wrong types', () => {
    const bad = (patch: Record<string, unknown>) => () => parseProjectRecord({ ...record, ...patch });
    expect(bad({ version: 2 })).toThrow(/unsupported version 2/);
    expect(bad({ classes: 'all of them' })).toThrow(/"classes" must be a list/);
    expect(bad({ classes: [{ id: 'c', name: 7, images: [] }] })).toThrow(/class 1 needs a name/);
    expect(bad({ classes: [{ id: 'c', name: 'x', images: [{ id: 1, name: 'a', type: 'image/png' }] }] })).toThrow(
      /image 1 of class "x" needs a string id/,
    );
    expect(bad({ settings: 'fast' })).toThrow(/"settings" must be an object/);
    expect(bad({ backboneId: null })).toThrow(/"backboneId" must be a string/);
    expect(() => parseProjectRecord([1, 2])).toThrow(/not a JSON object/);
  });

  it('puts a setting that is not valid back to its default and names it, instead of losing the project', () => {
    const read = (settings: Record<string, unknown>) => parseProjectRecord({ ...record, settings });
    // what the form stores for an emptied field: NaN in IndexedDB, null once written as JSON
    const emptied = read({ ...record.settings, epochs: NaN, seed: null, learningRate: 0.01 });
    expect(emptied.settings).toMatchObject({ epochs: DEFAULT_SETTINGS.epochs, seed: DEFAULT_SETTINGS.seed });
    expect(emptied.settings).toMatchObject({ learningRate: 0.01, unfreeze: 2, frozenBlocks: [] });
    expect(emptied.settingsReset).toEqual(['Epochs', 'Seed']);
    const odd = read({
      ...DEFAULT_SETTINGS,
      epochs: '10',
      dropout: 1.5,
      cropMode: 'diagonal',
      augmentViews: 2.5,
      backboneLrScale: '3',
      recipe: 'magic',
      lrSchedule: 'cosine',
    });
    expect(odd.settingsReset).toEqual([
      'Epochs',
      'Dropout',
      'Crop',
      'Augmented views',
      'Backbone learning rate',
      'Head recipe',
    ]);
    expect(odd.settings).toEqual({ ...DEFAULT_SETTINGS, lrSchedule: 'cosine' });
    // each value fits alone, but the frozen blocks leave nothing of the trainable top to train
    const together = read({ ...DEFAULT_SETTINGS, unfreeze: 2, frozenBlocks: ['block_12', 'block_13'] });
    expect(together.settings).toMatchObject({ unfreeze: 2, frozenBlocks: [] });
    expect(together.settingsReset).toEqual(['Blocks kept frozen']);
    expect(read({ ...record.settings }).settingsReset).toBeUndefined();
  });

  it("keeps each backbone's freeze choice; a malformed one is dropped, not the project", () => {
    const good = { 'mobilenet-v1-0.25': { unfreeze: 2, frozenBlocks: ['conv_dw_13'] } };
    expect(parseProjectRecord({ ...record, freezeChoices: good }).freezeChoices).toEqual(good);
    const mixed = { ...good, x: { unfreeze: -1, frozenBlocks: [] }, y: { unfreeze: 1, frozenBlocks: [3] }, z: 'no' };
    expect(parseProjectRecord({ ...record, freezeChoices: mixed }).freezeChoices).toEqual(good);
    expect(parseProjectRecord({ ...record, freezeChoices: [] }).freezeChoices).toBeUndefined();
    expect(parseProjectRecord(record).freezeChoices).toBeUndefined();
  });

  it("keeps how the deployed model's answers are shown, and drops saved choices out of the controls' ranges", () => {
    const live = { threshold: 0.7, smoothing: 0.2, topK: 5 };
    expect(parseProjectRecord({ ...record, live }).live).toEqual(live);
    expect(parseProjectRecord({ ...record, live: { ...live, threshold: 2 } }).live).toBeUndefined();
    expect(parseProjectRecord({ ...record, live: { ...live, topK: 2.5 } }).live).toBeUndefined();
    expect(parseProjectRecord({ ...record, live: 'loud' }).live).toBeUndefined();
    expect(parseProjectRecord(record).live).toBeUndefined();
    // a count "Show top" does not offer becomes the nearest it does (it showed as another one)
    const top = (topK: number) => parseProjectRecord({ ...record, live: { ...live, topK } }).live?.topK;
    expect([top(2), top(4), top(7), top(9), top(0), top(50)]).toEqual([1, 3, 5, 10, 0, 0]);
  });

  it('gives classes and images that share an id ids of their own, so they are not edited together', () => {
    const cls = (name: string, ...ids: string[]) => ({
      id: 'same',
      name,
      images: ids.map((id) => ({ id, name: `${id}.png`, type: 'image/png' })),
    });
    const back = parseProjectRecord({
      ...record,
      classes: [cls('a', 'x', 'x'), cls('b', 'y'), { ...cls('c'), id: 'same~2' }],
    });
    expect(back.classes.map((c) => c.id)).toEqual(['same', 'same~3', 'same~2']);
    expect(back.classes[0].images.map((im) => im.id)).toEqual(['x', 'x~2']);
  });

  it('shortens names longer than the rule allows instead of refusing the project (older saves come back)', () => {
    const back = parseProjectRecord({
      ...record,
      classes: [
        {
          id: 'c',
          name: 'n'.repeat(230),
          images: [{ id: 'i', name: `${'z'.repeat(3000)}.png`, type: 'x'.repeat(300) }],
        },
      ],
    });
    expect(back.classes[0].name).toHaveLength(NAME_LIMITS.className);
    expect(back.classes[0].images[0]).toMatchObject({ name: expect.stringMatching(/^z+…\.png$/), type: '' });
    expect(fitName('short.png', 10)).toBe('short.png');
    expect(fitName('abcdefghijk.png', 10)).toBe('abcde….png');
  });
});
