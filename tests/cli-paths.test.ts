import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args';
import { checkOutputPaths } from '../src/cli/paths';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-paths-'));
  await writeFile(join(tmp, 'a-file'), 'x');
  await mkdir(join(tmp, 'a-folder'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const refused = async (paths: { out?: string; json?: string }) => {
  const err = await checkOutputPaths({ out: paths.out ?? null, json: paths.json ?? null }).then(
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
