import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatasetDir, skippedLine } from '../src/core/data/dataset-dir';

let tmp: string;
let root: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-dataset-'));
  root = join(tmp, 'dataset');
  // the dogs live elsewhere and are linked in, as people do to reuse a folder in several datasets
  await mkdir(join(tmp, 'elsewhere', 'dogs'), { recursive: true });
  await writeFile(join(tmp, 'elsewhere', 'dogs', 'd1.jpg'), 'x');
  await mkdir(join(root, 'cats', 'old'), { recursive: true });
  await writeFile(join(root, 'cats', 'c1.png'), 'x');
  await writeFile(join(root, 'cats', 'notes.txt'), 'x');
  await writeFile(join(root, 'cats', 'old', 'c0.png'), 'x');
  await writeFile(join(root, 'cats', '.DS_Store'), 'x');
  await writeFile(join(root, 'README.txt'), 'x');
  await symlink(join(tmp, 'elsewhere', 'dogs'), join(root, 'dogs'));
  await symlink(join(tmp, 'elsewhere', 'gone'), join(root, 'birds'));
  // a linked image inside a class is an image like any other
  await symlink(join(tmp, 'elsewhere', 'dogs', 'd1.jpg'), join(root, 'cats', 'c2.jpg'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('readDatasetDir', () => {
  it('follows a class folder that is a symbolic link (it was dropped without a word)', async () => {
    const ds = await readDatasetDir(root);
    expect(ds.classes).toEqual(['cats', 'dogs']);
    expect(ds.files).toEqual([
      { path: join(root, 'cats', 'c1.png'), label: 0 },
      { path: join(root, 'cats', 'c2.jpg'), label: 0 },
      { path: join(root, 'dogs', 'd1.jpg'), label: 1 },
    ]);
  });

  it('lists what it skipped, hidden files aside, and the CLI says so in one line', async () => {
    const ds = await readDatasetDir(root);
    expect(ds.skipped).toEqual([
      { path: 'README.txt', why: 'a file beside the class folders' },
      { path: 'birds', why: 'a link to nothing' },
      { path: 'cats/notes.txt', why: 'not an image by its extension' },
      { path: 'cats/old/', why: 'a folder inside a class folder, whose sub-folders are not read' },
    ]);
    const line = skippedLine(ds.skipped)!;
    expect(line).toBe(
      'skipped 4 entries of the dataset folder: README.txt (a file beside the class folders), birds (a link to nothing), cats/notes.txt (not an image by its extension), cats/old/ (a folder inside a class folder, whose sub-folders are not read)',
    );
    expect(line).not.toContain('\n');
    expect(skippedLine([])).toBeNull();
    const many = Array.from({ length: 9 }, (_, i) => ({ path: `c/${i}.txt`, why: 'not an image by its extension' }));
    expect(skippedLine(many)).toBe(
      'skipped 9 entries of the dataset folder: c/0.txt, c/1.txt, c/2.txt, c/3.txt, c/4.txt (not an image by its extension), and 4 more',
    );
  });
});
