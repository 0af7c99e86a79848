import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetImages } from '../src/cli/dataset';
import { readDatasetDir } from '../src/core/data/dataset-dir';

let tmp: string;
let png: Buffer;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-cli-foreign-'));
  png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** A repository with another tool's project.json at its root and class folders under images/. */
async function repo(name: string, projectJson: string): Promise<string> {
  const root = join(tmp, name);
  for (const [cls, file] of [
    ['cats', 'a.png'],
    ['dogs', 'b.png'],
  ]) {
    await mkdir(join(root, 'images', cls), { recursive: true });
    await writeFile(join(root, 'images', cls, file), png);
  }
  await writeFile(join(root, 'project.json'), projectJson);
  return root;
}

describe('a folder named images beside a project.json that is not the studio’s', () => {
  it('is read as class folders (an Nx project.json)', async () => {
    const root = await repo('nx', JSON.stringify({ name: 'app', targets: {} }));
    const ds = await readDatasetDir(join(root, 'images'));
    expect(ds.classes).toEqual(['cats', 'dogs']);
    expect(datasetImages(ds).images.map((im) => im.id)).toEqual(['cats/a.png', 'dogs/b.png']);
    expect(ds.skipped).toEqual([]);
  });

  it('is read as class folders when project.json is not JSON the studio wrote (comments, a version string)', async () => {
    for (const [name, text] of [
      ['jsonc', '// build settings\n{ "name": "app" }'],
      ['dnx', JSON.stringify({ version: '1.0.0-*', dependencies: {} })],
      ['array', '[1, 2]'],
    ]) {
      const ds = await readDatasetDir(join(await repo(name, text), 'images'));
      expect(ds.classes).toEqual(['cats', 'dogs']);
    }
  });

  it('still says what is wrong with a studio project.json the studio cannot read', async () => {
    for (const [name, text] of [
      ['future', JSON.stringify({ version: 2, classes: [] })],
      ['no settings', JSON.stringify({ classes: [{ id: 'c', name: 'cats', images: 'x' }] })],
    ]) {
      const root = await repo(name, text);
      await expect(readDatasetDir(join(root, 'images'))).rejects.toThrow(/project\.json is not a valid project/);
    }
    const cut = await repo('cut', JSON.stringify({ version: 1, classes: [] }).slice(0, -3));
    await expect(readDatasetDir(join(cut, 'images'))).rejects.toThrow(/project\.json is not valid JSON/);
  });
});
