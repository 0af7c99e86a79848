import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args';
import { checkDataset, datasetImages } from '../src/cli/dataset';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import { decodeImageFile } from '../src/core/data/decode-node';
import { trainValSplit } from '../src/core/data/train-val';
import { writeProjectZip } from '../src/core/project/project-zip';
import type { ProjectRecord } from '../src/core/project/record';
import { entriesOf, projectRecord } from './helpers-project-zip';

const FLOWERS = '/work/shared/datasets/tf-flowers';
const REAL = [`${FLOWERS}/daisy/100080576_f52e8ee070_n.jpg`, `${FLOWERS}/rose/102501987_3cdb8e5394_n.jpg`];

/** cats then dogs, a name the studio holds twice in one class, and a webcam hold: the studio's split keys */
const names = {
  cats: ['tabby.jpg', 'photo.jpg', 'photo.jpg', 'kitten 2.png', 'sofa.jpg', 'window.jpg', 'garden.jpg', 'box.jpg'],
  dogs: [
    'webcam-20240102-101500-1.jpg',
    'webcam-20240102-101500-2.jpg',
    'webcam-20240102-101500-3.jpg',
    'ball.jpg',
    'park.jpg',
    'lead.jpg',
    'beach.jpg',
    'bed.jpg',
  ],
};

/** A project as the studio saves it (its own zip writer), unzipped into `root`. */
async function unzippedProject(root: string, record: ProjectRecord): Promise<void> {
  const real = await Promise.all(REAL.map((p) => readFile(p)));
  const ids = record.classes.flatMap((c) => c.images.map((im) => im.id));
  const blobOf = (id: string) => new Blob([real[ids.indexOf(id) % real.length] as Uint8Array<ArrayBuffer>]);
  for (const [path, bytes] of Object.entries(await entriesOf(await writeProjectZip(record, blobOf)))) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
  }
}

let tmp: string;
let project: string;
let record: ProjectRecord;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-cli-project-'));
  project = join(tmp, 'my project');
  record = projectRecord(
    Object.entries(names).map(([name, files], c) => ({
      id: `c${c}`,
      name,
      images: files.map((f, i) => ({ id: `${name}-${i}`, name: f, type: 'image/jpeg' })),
    })),
  );
  await unzippedProject(project, record);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** The images as the studio trains on them: the project's classes in order, each image by its own name. */
const studioImages = (r: ProjectRecord) =>
  r.classes.flatMap((c, label) => c.images.map((im) => ({ id: im.id, label, name: im.name, cls: c.name })));

/** Which images a split validates on, told by class and name (and occurrence, for a name held twice). */
function valOf(images: { label: number; name?: string }[], classes: string[], seed: number) {
  const keyed = images.map((im, i) => ({ ...im, id: String(i) }));
  const { val } = trainValSplit(keyed, { has: () => true }, { valSplit: 0.4, seed });
  const seen = new Map<string, number>();
  const key = (im: { label: number; name?: string }) => {
    const at = `${classes[im.label]}/${im.name}`;
    seen.set(at, (seen.get(at) ?? 0) + 1);
    return `${at}#${seen.get(at)}`;
  };
  const all = keyed.map(key);
  return val.map((im) => all[Number(im.id)]).sort();
}

describe('the CLI on an unzipped project zip', () => {
  it("takes the project's class names and order and its images' names, not the zip's folder and file names", async () => {
    for (const dir of [project, join(project, 'images')]) {
      const ds = await readDatasetDir(dir);
      expect(ds.classes).toEqual(['cats', 'dogs']);
      expect(ds.skipped).toEqual([]);
      const { images, pathOf } = datasetImages(ds);
      expect(images.map((im) => im.name)).toEqual([...names.cats, ...names.dogs]);
      expect(images.map((im) => im.label)).toEqual([...names.cats.map(() => 0), ...names.dogs.map(() => 1)]);
      // a name the project holds twice is still two images, each its own file
      expect(new Set(images.map((im) => im.id)).size).toBe(images.length);
      expect(new Set(pathOf.values()).size).toBe(images.length);
      expect(images[0].id).toBe('cats/tabby.jpg');
    }
  });

  it("splits the project as the studio does: its validation images are the studio's, for any seed", async () => {
    const studio = studioImages(record);
    const { images } = datasetImages(await readDatasetDir(join(project, 'images')));
    for (const seed of [1, 2, 3, 42])
      expect(valOf(images, ['cats', 'dogs'], seed)).toEqual(valOf(studio, ['cats', 'dogs'], seed));
  });

  it('decodes each image from the file the project stored for it', async () => {
    const { images, pathOf } = datasetImages(await readDatasetDir(project));
    const first = await decodeImageFile(pathOf.get(images[0].id)!);
    const second = await decodeImageFile(pathOf.get(images[1].id)!);
    expect(first.width).toBeGreaterThan(0);
    // the fixture alternates two real photos, in the project's order
    expect([first.width, first.height]).not.toEqual([second.width, second.height]);
  });

  it('keeps a class with no images (as an empty class folder is kept) and refuses to train on it', async () => {
    const dir = join(tmp, 'empty class');
    const r = projectRecord([
      { id: 'a', name: 'cats', images: [0, 1].map((i) => ({ id: `a${i}`, name: `c${i}.jpg`, type: 'image/jpeg' })) },
      { id: 'b', name: 'dogs', images: [] },
    ]);
    await unzippedProject(dir, r);
    const ds = await readDatasetDir(dir);
    expect(ds.classes).toEqual(['cats', 'dogs']);
    expect(ds.files).toHaveLength(2);
    expect(() => checkDataset(ds, dir)).toThrow(UsageError);
  });

  it('lists a file the project names but that is gone, and a file added beside the project images', async () => {
    const dir = join(tmp, 'changed');
    await unzippedProject(dir, record);
    await unlink(join(dir, 'images', '1-cats', '1-tabby.jpg'));
    await writeFile(join(dir, 'images', '2-dogs', 'new.jpg'), await readFile(REAL[0]));
    await mkdir(join(dir, 'images', '2-dogs', 'old'));
    const ds = await readDatasetDir(join(dir, 'images'));
    expect(ds.files).toHaveLength(names.cats.length + names.dogs.length - 1);
    expect(ds.skipped).toEqual([
      { path: '1-cats/1-tabby.jpg', why: expect.stringMatching(/project\.json/) },
      { path: '2-dogs/new.jpg', why: expect.stringMatching(/project\.json/) },
      { path: '2-dogs/old/', why: expect.stringMatching(/project\.json/) },
    ]);
  });

  it('says what is wrong with a project.json it cannot read, rather than training on folder names', async () => {
    const dir = join(tmp, 'bad');
    await unzippedProject(dir, record);
    await writeFile(join(dir, 'project.json'), '{"version": 7}');
    await expect(readDatasetDir(dir)).rejects.toThrow(/project\.json is not a valid project/);
  });

  it('reads a folder of class folders as before, a folder named images among them', async () => {
    const dir = join(tmp, 'plain');
    for (const cls of ['images', 'photos']) {
      await mkdir(join(dir, cls), { recursive: true });
      await writeFile(join(dir, cls, '1-a.jpg'), 'x');
    }
    const ds = await readDatasetDir(dir);
    expect(ds.classes).toEqual(['images', 'photos']);
    expect(datasetImages(ds).images.map((im) => im.id)).toEqual(['images/1-a.jpg', 'photos/1-a.jpg']);
  });
});
