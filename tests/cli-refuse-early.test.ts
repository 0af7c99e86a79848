import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../src/cli/args';
import { BACKBONES } from '../src/core/backbones/registry';
import { backboneBlocks } from '../src/core/finetune/blocks';
import { runCli } from './run-command';
import { loadLocalBackbone, MODELS_DIR, SIGN_DIGITS, useBackend } from './helpers';

/** The CLI as a user runs it, the shared models named. */
const cli = (args: string[]) => runCli([...args, '--models', MODELS_DIR]);

const usageError = (argv: string[]) => {
  try {
    parseCliArgs(argv, {});
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

let tmp: string;
let dataset: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-cli-early-'));
  dataset = join(tmp, 'digits');
  for (const cls of ['digit_3', 'digit_7']) {
    const names = (await readdir(join(SIGN_DIGITS, cls))).filter((f) => f.endsWith('.jpg')).sort();
    await mkdir(join(dataset, cls), { recursive: true });
    for (const n of names.slice(0, 4)) await copyFile(join(SIGN_DIGITS, cls, n), join(dataset, cls, n));
  }
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('--unfreeze and --backbone are checked against the registry before anything loads', () => {
  it('bounds --unfreeze by the backbone named, and refuses it on a graph model', () => {
    expect(usageError(['d', '--unfreeze', '17'])).toBe(
      'Unfreeze (backbone blocks to train) must be a whole number from 0 to 14 (mobilenet-v1-0.25 has 14 blocks), got 17',
    );
    // the default limit was MobileNetV2's: 20 on v1 was told "from 0 to 19"
    expect(usageError(['d', '--unfreeze', '20'])).toContain('from 0 to 14');
    expect(usageError(['d', '--backbone', 'mobilenet-v2-0.35', '--unfreeze', '20'])).toContain(
      'from 0 to 19 (mobilenet-v2-0.35 has 19 blocks)',
    );
    expect(usageError(['d', '--backbone', 'mobilenet-v1-0.25-graph', '--unfreeze', '2'])).toBe(
      '--unfreeze 2: mobilenet-v1-0.25-graph is a graph model, whose blocks cannot be trained; use --unfreeze 0 (head only) or a layers backbone (mobilenet-v1-0.25, mobilenet-v2-0.35, mobilenet-v1-0.25@320, mobilenet-v2-0.35@320)',
    );
    expect(parseCliArgs(['d', '--unfreeze', '14'], {}).settings.unfreeze).toBe(14);
    expect(parseCliArgs(['d', '--backbone', 'mobilenet-v2-0.35', '--unfreeze', '19'], {}).settings.unfreeze).toBe(19);
    expect(parseCliArgs(['d', '--backbone', 'mobilenet-v1-0.25-graph'], {}).settings.unfreeze).toBe(0);
    expect(usageError(['d', '--backbone', 'resnet-50'])).toBe(
      `Unknown backbone "resnet-50". Known backbones: ${BACKBONES.map((b) => b.id).join(', ')}`,
    );
  });

  it("the registry's block counts are those of the models themselves", async () => {
    await useBackend('cpu');
    for (const spec of BACKBONES.filter((b) => b.format === 'layers')) {
      const backbone = await loadLocalBackbone(spec.id);
      expect(backboneBlocks(backbone).length, spec.id).toBe(spec.blockCount);
      backbone.dispose();
    }
    expect(BACKBONES.find((b) => b.format === 'graph')?.blockCount).toBe(0);
  });

  it('exits 2 before the backbone loads (it loaded, maybe downloaded, then failed with exit 1)', async () => {
    const runs = await Promise.all([
      cli([dataset, '--backbone', 'mobilenet-v1-0.25-graph', '--unfreeze', '2']),
      cli([dataset, '--unfreeze', '17']),
      cli([dataset, '--backbone', 'resnet-50']),
      cli([join(tmp, 'no-such-folder')]),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).not.toContain('loaded');
      expect(r.stdout).toBe('');
    }
    expect(runs[0].stderr).toContain('mobilenet-v1-0.25-graph is a graph model, whose blocks cannot be trained');
    expect(runs[1].stderr).toContain('from 0 to 14 (mobilenet-v1-0.25 has 14 blocks), got 17');
    expect(runs[2].stderr).toContain('Unknown backbone "resnet-50"');
    expect(runs[3].stderr).toContain(
      `Dataset folder "${join(tmp, 'no-such-folder')}" does not exist or is not a folder`,
    );
  }, 60_000);
});

describe('an export that fails after training', () => {
  it('keeps the summary and the --json file and says it was the export', async () => {
    // an earlier export's folder, which --out accepts, where head/ is now a file: writing head/model.json fails
    const out = join(tmp, 'earlier-export');
    await mkdir(out);
    await writeFile(join(out, 'metadata.json'), JSON.stringify({ labels: ['a', 'b'], preprocessing: {} }));
    await writeFile(join(out, 'head'), 'not a folder');
    const json = join(tmp, 'run.json');
    const r = await cli([dataset, '--epochs', '1', '--augment-views', '0', '--out', out, '--json', json]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`error: export to ${out} failed: `);
    expect(r.stdout).toMatch(/^mobilenet-v1-0\.25 on 6\+2 images \(2 classes\): validation accuracy /);
    const summary = JSON.parse(await readFile(json, 'utf8'));
    expect(summary.backbone).toBe('mobilenet-v1-0.25');
    expect(summary.images).toEqual({ train: 6, val: 2 });
    expect(typeof summary.valAccuracy).toBe('number');
  }, 60_000);
});
