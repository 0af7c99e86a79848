import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../src/cli/args';
import { readCliDataset } from '../src/cli/dataset';
import { DatasetDirError, readDatasetDir } from '../src/core/data/dataset-dir';

// the tests run as root, whom no permission stops: a folder named "locked" answers as it would another user
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, options?: object) => {
    if (String(path).endsWith('locked'))
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return fs.readdir(path, options as never);
  }) as typeof fs.readdir;
  return { ...fs, readdir, default: { ...fs, readdir } };
});

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-dataset-reasons-'));
  for (const cls of ['cats', 'dogs']) await mkdir(join(tmp, 'photos', cls), { recursive: true });
  await writeFile(join(tmp, 'photos', 'cats', 'c1.jpg'), 'x');
  for (const name of ['IMG_1.HEIC', 'IMG_2.heif', 'IMG_3.hif']) await writeFile(join(tmp, 'photos', 'dogs', name), 'x');
  await writeFile(join(tmp, 'photos', 'dogs', 'notes.txt'), 'x');
  await writeFile(join(tmp, 'photos', 'dogs', 'logo.svg'), '<svg/>');
  await mkdir(join(tmp, 'shut', 'cats'), { recursive: true });
  await mkdir(join(tmp, 'shut', 'locked'), { recursive: true });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('readDatasetDir: why an entry or a folder is not read', () => {
  it('says a HEIC/HEIF photo is one, with the fix (it was "not an image by its extension")', async () => {
    const ds = await readDatasetDir(join(tmp, 'photos'));
    const why = 'a HEIC/HEIF photo, which this tool cannot decode: export it as JPEG';
    expect(ds.skipped).toEqual([
      { path: 'dogs/IMG_1.HEIC', why },
      { path: 'dogs/IMG_2.heif', why },
      { path: 'dogs/IMG_3.hif', why },
      { path: 'dogs/logo.svg', why: 'an SVG drawing; vector images are not supported (export it as PNG)' },
      { path: 'dogs/notes.txt', why: 'not an image by its extension' },
    ]);
  });

  it('names a class folder it may not read, in a sentence (it was Node\'s "EACCES: … scandir")', async () => {
    const folder = join(tmp, 'shut', 'locked');
    const err = await readDatasetDir(join(tmp, 'shut')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetDirError);
    expect((err as Error).message).toBe(
      `Class folder "${folder}" cannot be read (permission denied): give yourself read access (chmod u+rx "${folder}") or move it out of the dataset folder`,
    );
  });

  it('the CLI tells a missing or unreadable folder as bad input (exit 2), not a failed run', async () => {
    for (const dir of [join(tmp, 'nope'), join(tmp, 'shut')]) {
      const err = await readCliDataset(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
    }
    await expect(readCliDataset(join(tmp, 'nope'))).rejects.toThrow(
      `Dataset folder "${join(tmp, 'nope')}" does not exist or is not a folder`,
    );
  });
});
