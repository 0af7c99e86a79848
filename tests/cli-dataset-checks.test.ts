import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args';
import { checkDataset, datasetImages, skippedEntries } from '../src/cli/dataset';
import { backboneCandidates, loadCliBackbone } from '../src/cli/models';
import { summarise } from '../src/cli/summary';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import type { TrainOutcome } from '../src/core/pipeline';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { runCli } from './run-command';

/** The CLI as a user runs it; only runs that stop before the backbone loads, so they are quick. */
const cli = runCli;

const v1 = getBackboneSpec('mobilenet-v1-0.25');
let tmp: string;
let good: string;
let emptyClass: string;

async function dataset(root: string, classes: Record<string, string[]>): Promise<void> {
  for (const [cls, files] of Object.entries(classes)) {
    await mkdir(join(root, cls), { recursive: true });
    // never decoded: every run here stops before extraction
    for (const f of files) await writeFile(join(root, cls, f), 'x');
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-cli-checks-'));
  good = join(tmp, 'good');
  await dataset(good, { cats: ['c1.jpg', 'c2.jpg'], dogs: ['d1.jpg', 'd2.png', 'd3.heic'] });
  await mkdir(join(good, 'dogs', 'old'));
  emptyClass = join(tmp, 'empty-class');
  await dataset(emptyClass, { cats: ['c1.jpg', 'c2.jpg'], dogs: [] });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('CLI dataset listing', () => {
  it('gives every image the same id however the folder path is typed (views are seeded by it)', async () => {
    const spellings = [resolve(good), relative(process.cwd(), good), `${good}/`, join(good, '..', 'good')];
    const listed = await Promise.all(spellings.map(async (s) => datasetImages(await readDatasetDir(s))));
    expect(listed[0].images).toEqual([
      { id: 'cats/c1.jpg', label: 0, name: 'c1.jpg' },
      { id: 'cats/c2.jpg', label: 0, name: 'c2.jpg' },
      { id: 'dogs/d1.jpg', label: 1, name: 'd1.jpg' },
      { id: 'dogs/d2.png', label: 1, name: 'd2.png' },
    ]);
    for (const l of listed) expect(l.images).toEqual(listed[0].images);
    // decoding still finds each file
    expect(resolve(listed[1].pathOf.get('dogs/d2.png')!)).toBe(join(good, 'dogs', 'd2.png'));
  });

  it('refuses a class folder with fewer than 2 images, and names differing only in case, before extracting', async () => {
    const err = (() => {
      try {
        checkDataset(
          {
            classes: ['cats', 'dogs'],
            files: [0, 0, 1].map((label, i) => ({ path: `/d/${i}.jpg`, label })),
            skipped: [],
          },
          '/d',
        );
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(err!.message).toContain('Class "dogs" has 1 readable image; it needs at least 2');
    expect(err!.message).toContain('put at least 2 images in each class folder');
    const twins = {
      classes: ['Café', 'cafe\u0301', 'tea'],
      files: [0, 0, 1, 1, 2, 2].map((label) => ({ path: 'x', label })),
    };
    expect(() => checkDataset({ ...twins, skipped: [] }, '/d')).toThrow(/Two classes are named .*merge or rename/);
    expect(() => checkDataset({ classes: ['a'], files: [], skipped: [] }, '/d')).toThrow(
      'has 1 class folder(s); training needs at least 2',
    );
    expect(() =>
      checkDataset(
        { classes: ['a', 'b'], files: [0, 0, 1, 1].map((label) => ({ path: 'x', label })), skipped: [] },
        '/d',
      ),
    ).not.toThrow();
  });

  it('puts the entries it did not read in the --json summary as datasetSkipped', async () => {
    const listed = await readDatasetDir(good);
    const entries = skippedEntries(listed.skipped);
    expect(entries).toEqual([
      { path: 'dogs/d3.heic', reason: 'a HEIC/HEIF photo, which this tool cannot decode: export it as JPEG' },
      { path: 'dogs/old/', reason: 'a folder inside a class folder, whose sub-folders are not read' },
    ]);
    const outcome = {
      classes: ['a', 'b'],
      images: { train: 2, val: 2 },
      valAccuracy: 1,
      valAccuracyInterval: [0.3, 1],
      perClass: [0, 1].map(() => ({ count: 1, accuracy: 1, precision: 1, f1: 1 })),
      confusion: [],
      seconds: { extract: 1, train: 1 },
      history: [],
      skipped: [{ id: 'a/x.jpg', reason: 'unreadable' }],
    } as unknown as TrainOutcome;
    const s = summarise('mobilenet-v1-0.25', 'wasm', outcome, DEFAULT_SETTINGS, 3, entries);
    expect(s.datasetSkipped).toEqual(entries);
    expect(s.skipped).toEqual([{ id: 'a/x.jpg', reason: 'unreadable' }]);
    expect(summarise('mobilenet-v1-0.25', 'wasm', outcome, DEFAULT_SETTINGS, 3).datasetSkipped).toEqual([]);
  });
});

describe('CLI models folder', () => {
  it('refuses a --models folder without the backbone, naming the path it expected', () => {
    expect(() => backboneCandidates(v1, '/nonexistent', null)).toThrow(UsageError);
    expect(() => backboneCandidates(v1, '/nonexistent', null)).toThrow(
      '/nonexistent/mobilenet_v1_0.25_224/model.json does not exist',
    );
  });

  it('reads a named models folder alone, and says what to check when its copy is broken', async () => {
    const models = join(tmp, 'models');
    await mkdir(join(models, 'mobilenet_v1_0.25_224'), { recursive: true });
    await writeFile(join(models, 'mobilenet_v1_0.25_224', 'model.json'), 'not json');
    const candidates = backboneCandidates(v1, models, null);
    expect(candidates.map((c) => c.source)).toEqual(['local']);
    const err = await loadCliBackbone(v1, candidates, models).catch((e: Error) => e);
    expect((err as Error).message).toContain(`Check that --models ${models}`);
    expect((err as Error).message).not.toContain('Connect to the internet once');
    // the default folder (none named) still falls back to the hosted copy
    expect(backboneCandidates(v1, null, models).map((c) => c.source)).toEqual(['local', 'hosted']);
  });

  it(
    'npm run train: dataset problems first, then a wrong --models, both as usage errors',
    { timeout: 120_000 },
    async () => {
      const [empty, noModels] = await Promise.all([
        cli([emptyClass, '--models', '/nonexistent']),
        cli([good, '--models', '/nonexistent']),
      ]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('Class "dogs" has 0 readable images');
      expect(empty.stderr).not.toContain('/nonexistent');
      expect(noModels.code).toBe(2);
      expect(noModels.stderr).toContain('--models');
      expect(noModels.stderr).toContain('/nonexistent/mobilenet_v1_0.25_224/model.json does not exist');
      expect(noModels.stderr).not.toContain('Connect to the internet once');
      for (const r of [empty, noModels]) {
        expect(r.stderr).not.toContain('extracting');
        expect(r.stdout).toBe('');
      }
    },
  );
});
