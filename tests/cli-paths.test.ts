import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args';
import { checkOutputPaths } from '../src/cli/paths';
import { checkExportDir } from '../src/core/export/node-writer';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-paths-'));
  await writeFile(join(tmp, 'a-file'), 'x');
  await mkdir(join(tmp, 'a-folder'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const refused = async (paths: { out?: string; json?: string; datasetDir?: string }) => {
  const err = await checkOutputPaths({
    out: paths.out ?? null,
    json: paths.json ?? null,
    datasetDir: paths.datasetDir,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
};

describe('CLI output paths are checked before training', () => {
  it('accepts a new or existing folder for --out and a new or existing file for --json', async () => {
    await expect(
      checkOutputPaths({ out: join(tmp, 'new', 'deeper'), json: join(tmp, 'run.json') }),
    ).resolves.toBeUndefined();
    await expect(checkOutputPaths({ out: join(tmp, 'a-folder'), json: join(tmp, 'a-file') })).resolves.toBeUndefined();
  });

  it('refuses /proc and /sys (the CLI once trained, then spun writing there)', async () => {
    expect(await refused({ out: '/proc/model' })).toBe(
      '--out /proc/model is inside /proc, a virtual file system of the kernel: pick a folder on disk',
    );
    expect(await refused({ json: '/sys/run.json' })).toMatch(/^--json \/sys\/run\.json is inside \/sys/);
  });

  it('names a file where a folder should be (was a raw EEXIST after training)', async () => {
    expect(await refused({ out: join(tmp, 'a-file') })).toBe(
      `--out ${join(tmp, 'a-file')} is a file; give a folder to write the model into (it is created when missing)`,
    );
    expect(await refused({ out: join(tmp, 'a-file', 'model') })).toBe(
      `--out ${join(tmp, 'a-file', 'model')} cannot be created: ${join(tmp, 'a-file')} is a file, not a folder`,
    );
    expect(await refused({ json: join(tmp, 'a-folder') })).toBe(
      `--json ${join(tmp, 'a-folder')} is a folder; give a file name for the summary`,
    );
    expect(await refused({ json: join(tmp, 'missing', 'run.json') })).toBe(
      `--json ${join(tmp, 'missing', 'run.json')}: the folder ${join(tmp, 'missing')} does not exist`,
    );
    expect(await refused({ json: join(tmp, 'a-file', 'run.json') })).toMatch(/is a file, not a folder$/);
    expect(await refused({ out: join(tmp, 'same'), json: join(tmp, 'same') })).toBe(
      '--json and --out name the same path',
    );
  });
});

describe('--out never writes into the dataset or over files that are not an earlier export', () => {
  let data: string;
  beforeAll(async () => {
    data = join(tmp, 'photos');
    await mkdir(join(data, 'cats'), { recursive: true });
    await mkdir(join(data, 'dogs'), { recursive: true });
    await symlink(data, join(tmp, 'photos-link'));
    await mkdir(join(tmp, 'project'));
    await writeFile(join(tmp, 'project', 'README.md'), '# my project');
    await mkdir(join(tmp, 'hidden-only'));
    await writeFile(join(tmp, 'hidden-only', '.DS_Store'), 'x');
    await mkdir(join(tmp, 'earlier'));
    await writeFile(
      join(tmp, 'earlier', 'metadata.json'),
      JSON.stringify({ labels: ['cats', 'dogs'], preprocessing: { inputSize: 224 } }),
    );
    await writeFile(join(tmp, 'earlier', 'README.md'), '# model card');
    await mkdir(join(tmp, 'other-metadata'));
    await writeFile(join(tmp, 'other-metadata', 'metadata.json'), JSON.stringify({ name: 'something else' }));
  });

  it('refuses the dataset folder itself or a folder inside it (the next run read head/ and golden/ as classes)', async () => {
    expect(await refused({ out: data, datasetDir: data })).toBe(
      `--out ${data} is the dataset folder: its sub-folders are read as classes, so head/ and golden/ would become classes of the next run; pick a folder outside ${data}`,
    );
    expect(await refused({ out: join(data, 'model'), datasetDir: data })).toBe(
      `--out ${join(data, 'model')} is inside the dataset folder ${data}: its sub-folders are read as classes, so head/ and golden/ would become classes of the next run; pick a folder outside ${data}`,
    );
    expect(await refused({ out: join(data, 'cats'), datasetDir: data })).toMatch(/is inside the dataset folder/);
    // through a link to it, or the dataset named through one
    expect(await refused({ out: join(tmp, 'photos-link', 'model'), datasetDir: data })).toMatch(
      /is inside the dataset folder/,
    );
    expect(await refused({ out: join(data, 'model'), datasetDir: join(tmp, 'photos-link') })).toMatch(
      /is inside the dataset folder/,
    );
    // beside it is fine
    await expect(
      checkOutputPaths({ out: join(tmp, 'photos-model'), json: null, datasetDir: data }),
    ).resolves.toBeUndefined();
  });

  it('refuses a folder holding other files (--out . overwrote the repository README.md)', async () => {
    expect(await refused({ out: join(tmp, 'project') })).toBe(
      `--out ${join(tmp, 'project')} already holds files that are not an earlier export (no metadata.json written by this CLI): give a new or empty folder, or the folder of an earlier export to replace it`,
    );
    expect(await refused({ out: join(tmp, 'other-metadata') })).toMatch(/not an earlier export/);
    // an empty folder (hidden files aside) or an earlier export may be written into
    await expect(checkOutputPaths({ out: join(tmp, 'hidden-only'), json: null })).resolves.toBeUndefined();
    await expect(checkOutputPaths({ out: join(tmp, 'earlier'), json: null })).resolves.toBeUndefined();
  });

  it('the read-back reads only the files the export wrote (it read every file below --out into memory)', async () => {
    const dir = join(tmp, 'written');
    await mkdir(join(dir, 'node_modules'), { recursive: true });
    // a golden.json with no model beside it: the check answers "nothing to check" rather than throwing
    const golden = { samples: [{ probabilities: [1, 0] }], tolerance: 1e-4, inputs: { file: 'golden/inputs.bin' } };
    await writeFile(join(dir, 'golden.json'), JSON.stringify(golden));
    // a sparse file past what readFile takes: reading it throws, so a check that reads it fails
    await writeFile(join(dir, 'node_modules', 'big.bin'), '');
    await truncate(join(dir, 'node_modules', 'big.bin'), 2 ** 31 + 1);
    await expect(checkExportDir(dir, ['golden.json'])).resolves.toMatchObject({ ok: false, model: null, head: null });
  });
});
