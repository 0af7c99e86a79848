import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import { isSystemName } from '../src/core/data/problems';
import { isSystemName as studioRule } from '../src/ui/dropFiles';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-names-'));
  // a dataset zipped on a Mac and unzipped elsewhere: Finder's __MACOSX beside the class folders
  for (const dir of ['cats', 'dogs', '__MACOSX/cats', '.git']) await mkdir(join(root, dir), { recursive: true });
  for (const file of ['cats/c1.jpg', 'cats/c2.jpg', 'dogs/d1.jpg', 'dogs/d2.jpg', '__MACOSX/cats/._c1.jpg'])
    await writeFile(join(root, file), 'x');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the CLI's dataset folder", () => {
  it('takes no class from a folder the studio would skip (__MACOSX), and lists it as skipped', async () => {
    const ds = await readDatasetDir(root);
    expect(ds.classes).toEqual(['cats', 'dogs']);
    expect(ds.files).toHaveLength(4);
    expect(ds.skipped).toEqual([{ path: '__MACOSX/', why: 'a folder the system or a tool made, not a class' }]);
  });

  it('the rule is the one the studio drops by', () => {
    expect(studioRule).toBe(isSystemName);
    expect(['__MACOSX', '.git', '._a.jpg'].every(isSystemName)).toBe(true);
    expect(isSystemName('cats')).toBe(false);
  });
});
