import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingFolders, writeRefusal } from '../scripts/sweep/options';
import { runTsx } from './run-command';

/** scripts/sweep.ts run from `cwd`, whose .sweep-cache/ starts empty as on a fresh checkout. */
const sweep = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runTsx('scripts/sweep.ts', args, { cwd, env: { ...process.env, ...env } });

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-sweep-write-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm run sweep -- --write', () => {
  it('names the rows with no measured cell, and passes a table whose every row has one', () => {
    expect(
      writeRefusal('docs/accuracy.md', [
        { name: 'linear probe', measured: 24 },
        { name: 'wide head', measured: 0 },
      ]),
    ).toBe(
      '--write docs/accuracy.md: not written, since this row has no measured cell in .sweep-cache/ (a fresh checkout has none): "wide head". Measure it first: the same command without --cached',
    );
    // a row measured on part of the suite is written as before, its missing cells shown as "—"
    expect(writeRefusal('docs/accuracy.md', [{ name: 'linear probe', measured: 3 }])).toBeNull();
  });

  it('leaves the committed table alone on a fresh checkout (it was replaced by rows of "—")', async () => {
    const doc = join(tmp, 'accuracy.md');
    const before = 'intro\n<!-- sweep:begin -->\n| measured | 97.0 |\n<!-- sweep:end -->\n';
    await writeFile(doc, before);
    const r = await sweep(tmp, ['--cached', '--write', doc, '--datasets', 'tf-flowers']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --write .* not written, since these \d+ rows have no measured cell/);
    expect(r.stderr).toContain('"automatic recipe (3-fold CV)"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(doc, 'utf8')).toBe(before);
  }, 60_000);

  it('says a missing datasets or models folder in a line, without a stack trace', async () => {
    expect(
      missingFolders(
        [
          { what: 'datasets', path: '/nope/datasets', env: 'STUDIO_DATASETS_DIR' },
          { what: 'models', path: '/there/models', env: 'STUDIO_MODELS_DIR' },
        ],
        (p) => p.startsWith('/there'),
      ),
    ).toBe(
      'the datasets folder /nope/datasets does not exist (set STUDIO_DATASETS_DIR to where it is); --cached prints the cells measured so far without them',
    );
    const r = await sweep(tmp, ['--only', '2', '--datasets', 'tf-flowers', '--backbones', 'mobilenet-v1-0.25'], {
      STUDIO_DATASETS_DIR: join(tmp, 'no-datasets'),
      STUDIO_MODELS_DIR: join(tmp, 'no-models'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: the datasets folder ${join(tmp, 'no-datasets')} does not exist (set STUDIO_DATASETS_DIR to where it is); ` +
        `the models folder ${join(tmp, 'no-models')} does not exist (set STUDIO_MODELS_DIR to where it is); --cached prints the cells measured so far without them\n`,
    );
  }, 60_000);
});
