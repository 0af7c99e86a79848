import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKBONES } from '../src/core/backbones/registry';
import { MODELS_DIR, SIGN_DIGITS } from './helpers';
import { onnxGoldenDifference } from './onnx-helpers';
import { runCli } from './run-command';
import { tfliteGoldenDifference } from './tflite-helpers';

const cli = runCli;

let tmp: string;
let dataset: string;
let oneClass: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'studio-cli-'));
  dataset = join(tmp, 'two-classes');
  oneClass = join(tmp, 'one-class');
  for (const cls of ['digit_3', 'digit_7']) {
    const names = (await readdir(join(SIGN_DIGITS, cls)))
      .filter((f) => f.endsWith('.jpg'))
      .sort()
      .slice(0, 6);
    await mkdir(join(dataset, cls), { recursive: true });
    for (const n of names) await copyFile(join(SIGN_DIGITS, cls, n), join(dataset, cls, n));
  }
  await mkdir(join(oneClass, 'digit_3'), { recursive: true });
  for (const n of (await readdir(join(dataset, 'digit_3'))).slice(0, 3))
    await copyFile(join(dataset, 'digit_3', n), join(oneClass, 'digit_3', n));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('CLI: npm run train', () => {
  it('trains on a folder, writes the JSON summary and the model', { timeout: 240_000 }, async () => {
    const json = join(tmp, 'out.json');
    const out = join(tmp, 'model');
    const r = await cli([dataset, '--epochs', '3', '--models', MODELS_DIR, '--json', json, '--out', out]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(json, 'utf8'));
    for (const key of ['backbone', 'backend', 'classes', 'images', 'valAccuracy', 'perClassAccuracy', 'seconds'])
      expect(s).toHaveProperty(key);
    expect(s.backbone).toBe('mobilenet-v1-0.25');
    expect(s.backend).toBe('wasm');
    expect(s.classes).toEqual(['digit_3', 'digit_7']);
    expect(s.images).toEqual({ train: 10, val: 2 }); // round(6 · 0.2) = 1 per class
    expect(s.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(s.valAccuracy).toBeLessThanOrEqual(1);
    // 95% Wilson interval around the validation accuracy of the delivered model
    expect(s.valAccuracyInterval[0]).toBeLessThanOrEqual(s.valAccuracy);
    expect(s.valAccuracyInterval[1]).toBeGreaterThanOrEqual(s.valAccuracy);
    expect(Object.keys(s.perClassAccuracy)).toEqual(['digit_3', 'digit_7']);
    for (const k of ['extract', 'train', 'total']) expect(s.seconds[k]).toBeGreaterThan(0);
    expect(s.seconds.total).toBeGreaterThanOrEqual(s.seconds.extract + s.seconds.train);
    expect(s.epochs).toBe(3);
    expect(s.history).toHaveLength(3);
    expect(s.settings.epochs).toBe(3);
    // human-readable result on stdout, progress on stderr
    expect(r.stdout).toMatch(
      /^mobilenet-v1-0\.25 on 10\+2 images \(2 classes\): validation accuracy \d\.\d{4} \(95% interval \d\.\d{3}-\d\.\d{3}\) in \d+\.\d s\n/,
    );
    expect(r.stdout).toContain('  digit_3: ');
    expect(r.stderr).toContain('extracting features 12/12');
    expect(r.stderr).toMatch(/epoch 3: loss/);
    expect((await readdir(out)).sort()).toEqual([
      'README.md',
      'golden',
      'golden.json',
      'head',
      'labels.txt',
      'metadata.json',
      'model.json',
      'model.onnx',
      'model.tflite',
      'run.json',
      'weights.bin',
    ]);
    // 2 validation images: both are golden samples, and the folder read back reproduces them
    const golden = JSON.parse(await readFile(join(out, 'golden.json'), 'utf8'));
    expect(golden.samples.map((g: { label: string }) => g.label)).toEqual(['digit_3', 'digit_7']);
    expect(golden.validation).toHaveLength(2);
    expect((await readFile(join(out, 'golden/inputs.bin'))).byteLength).toBe(2 * 224 * 224 * 3);
    expect(r.stderr).toMatch(
      /Checked: re-imported model matches \(max difference .* on 2 validation images: full model .*, head .*\)/,
    );
    expect(JSON.parse(await readFile(join(out, 'metadata.json'), 'utf8')).labels).toEqual(['digit_3', 'digit_7']);
    const card = await readFile(join(out, 'README.md'), 'utf8');
    expect(card).toContain('Freeze configuration: whole backbone frozen (head only)');
    expect(card).toContain('| digit\\_3 | 6 | 1 |');
    expect(card).toContain("ort.InferenceSession('model.onnx').run(None, {'input': x})");
    // model.onnx beside the TF.js files, in onnxruntime, reproduces the golden pairs
    const read = async (f: string) => new Uint8Array(await readFile(join(out, f)));
    const onnxFiles = {
      'model.onnx': await read('model.onnx'),
      'golden.json': await read('golden.json'),
      'golden/inputs.bin': await read('golden/inputs.bin'),
    };
    expect(await onnxGoldenDifference(onnxFiles)).toBeLessThan(1e-4);
    // and model.tflite, in the TFLite runtime
    expect(await tfliteGoldenDifference({ ...onnxFiles, 'model.tflite': await read('model.tflite') })).toBeLessThan(
      1e-4,
    );
    expect(card).toContain("Interpreter('model.tflite').get_signature_runner()");
  });

  it(
    'fails clearly on a missing folder, one class, an unknown backbone and bad options',
    { timeout: 240_000 },
    async () => {
      const [missing, single, unknown, badNumber] = await Promise.all([
        cli([join(tmp, 'no-such-folder'), '--models', MODELS_DIR]),
        cli([oneClass, '--models', MODELS_DIR]),
        cli([dataset, '--backbone', 'resnet-50', '--models', MODELS_DIR]),
        cli([dataset, '--epochs', 'lots']),
      ]);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain(
        `error: Dataset folder "${join(tmp, 'no-such-folder')}" does not exist or is not a folder`,
      );

      expect(single.code).not.toBe(0);
      expect(single.stderr).toContain('has 1 class folder(s); training needs at least 2 (one sub-folder per class)');

      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain(
        `Unknown backbone "resnet-50". Known backbones: ${BACKBONES.map((b) => b.id).join(', ')}`,
      );

      expect(badNumber.code).toBe(2);
      expect(badNumber.stderr).toContain('error: --epochs must be a number, got "lots"');
      expect(badNumber.stderr).toContain('Usage: npm run train');
      for (const r of [missing, single, unknown, badNumber]) expect(r.stdout).toBe('');
    },
  );

  it('checks output paths before training and answers --epochs -1 with the range', async () => {
    const procOut = await cli([dataset, '--models', MODELS_DIR, '--out', '/proc/studio-model']);
    expect(procOut.code).toBe(2);
    expect(procOut.stderr).toContain(
      'error: --out /proc/studio-model is inside /proc, a virtual file system of the kernel: pick a folder on disk',
    );
    expect(procOut.stderr).not.toContain('extracting');
    const negative = await cli([dataset, '--epochs', '-1']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('Epochs must be a whole number from 1 to 1000');
    for (const r of [procOut, negative]) expect(r.stdout).toBe('');
  }, 180_000);
});
