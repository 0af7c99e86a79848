import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError, USAGE } from '../src/cli/args';
import { summarise } from '../src/cli/summary';
import { DEFAULT_BACKBONE_ID } from '../src/core/backbones/registry';
import type { TrainOutcome } from '../src/core/pipeline';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

const noEnv = {} as NodeJS.ProcessEnv;

function usageError(argv: string[], env = noEnv): UsageError {
  try {
    parseCliArgs(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
}

describe('parseCliArgs', () => {
  it('has the documented defaults', () => {
    const o = parseCliArgs(['data/photos'], noEnv);
    expect(o).toEqual({
      datasetDir: 'data/photos',
      backbone: 'mobilenet-v1-0.25',
      models: null,
      out: null,
      json: null,
      backend: 'wasm',
      settings: { ...DEFAULT_SETTINGS },
    });
    expect(o.backbone).toBe(DEFAULT_BACKBONE_ID);
    expect(o.settings).not.toBe(DEFAULT_SETTINGS); // a copy the caller may change
  });

  it('--models falls back to STUDIO_MODELS_DIR; the flag wins over the variable', () => {
    expect(parseCliArgs(['d'], { STUDIO_MODELS_DIR: '/srv/models' }).models).toBe('/srv/models');
    expect(parseCliArgs(['d', '--models', './m'], { STUDIO_MODELS_DIR: '/srv/models' }).models).toBe('./m');
    expect(parseCliArgs(['d'], noEnv).models).toBeNull();
  });

  it('parses every option', () => {
    const o = parseCliArgs(
      [
        '--backbone',
        'mobilenet-v2-0.35',
        'ds',
        '--epochs',
        '7',
        '--seed',
        '42',
        '--val-split',
        '0.3',
        '--batch-size',
        '8',
        '--lr',
        '1e-2',
        '--hidden',
        '0',
        '--dropout',
        '0',
        '--weight-decay',
        '0.5',
        '--crop',
        'pad',
        '--backend',
        'cpu',
        '--out',
        'o',
        '--json',
        'r.json',
        '--unfreeze',
        '0',
      ],
      noEnv,
    );
    expect(o.datasetDir).toBe('ds');
    expect(o.backbone).toBe('mobilenet-v2-0.35');
    expect(o.backend).toBe('cpu');
    expect(o.out).toBe('o');
    expect(o.json).toBe('r.json');
    expect(o.settings).toEqual({
      ...DEFAULT_SETTINGS,
      epochs: 7,
      seed: 42,
      valSplit: 0.3,
      batchSize: 8,
      learningRate: 0.01,
      hiddenUnits: 0,
      dropout: 0,
      weightDecay: 0.5,
      cropMode: 'pad',
      // head fields set by hand: the automatic recipe steps aside
      recipe: 'manual',
    });
    expect(parseCliArgs(['ds', '--recipe', 'manual', '--feature-norm', 'standardise'], noEnv).settings).toMatchObject({
      recipe: 'manual',
      featureNorm: 'standardise',
    });
    expect(usageError(['ds', '--recipe', 'auto', '--hidden', '100']).message).toBe(
      '--recipe auto chooses --hidden itself; drop them or use --recipe manual',
    );
    expect(usageError(['ds', '--recipe', 'best']).message).toBe('--recipe must be auto or manual, got "best"');
    // the studio's rule: the rate, batch size and schedule are the recipe's too (they were ignored under
    // auto); the views count is not (the recipe trains on as many views as it says)
    for (const flags of [
      ['--lr', '0.05'],
      ['--batch-size', '8'],
      ['--schedule', 'cosine'],
    ])
      expect(parseCliArgs(['ds', ...flags], noEnv).settings.recipe).toBe('manual');
    expect(parseCliArgs(['ds', '--augment-views', '4'], noEnv).settings).not.toHaveProperty('recipe');
    expect(parseCliArgs(['ds', '--recipe', 'auto', '--augment-views', '4'], noEnv).settings).toMatchObject({
      recipe: 'auto',
      augmentViews: 4,
    });
    expect(usageError(['ds', '--recipe', 'auto', '--lr', '0.1']).message).toBe(
      '--recipe auto chooses --lr itself; drop them or use --recipe manual',
    );
  });

  it('rejects bad numbers, naming the option and the value', () => {
    expect(usageError(['d', '--epochs', 'ten']).message).toBe('--epochs must be a number, got "ten"');
    expect(usageError(['d', '--lr', '']).message).toBe('--lr must be a number, got ""');
    expect(usageError(['d', '--seed', 'Infinity']).message).toMatch(/--seed must be a number/);
    expect(usageError(['d', '--dropout', '0.5x']).message).toMatch(/--dropout must be a number, got "0.5x"/);
  });

  it('rejects out-of-range settings with the validator messages', () => {
    expect(usageError(['d', '--epochs', '0']).message).toContain('Epochs must be a whole number from 1 to 1000');
    expect(usageError(['d', '--epochs', '2.5']).message).toContain('Epochs must be a whole number');
    expect(usageError(['d', '--val-split', '1']).message).toContain('Validation split must be above 0 and below 1');
    expect(usageError(['d', '--lr', '2']).message).toContain('Learning rate');
    expect(usageError(['d', '--unfreeze', '99']).message).toContain('Unfreeze');
    expect(usageError(['d', '--unfreeze=-1']).message).toContain('Unfreeze');
    // "-1" after an option was taken for an option of its own ("argument is ambiguous")
    expect(usageError(['d', '--epochs', '-1']).message).toBe(usageError(['d', '--epochs=-1']).message);
    expect(usageError(['d', '--epochs', '-1']).message).toContain('Epochs must be a whole number from 1 to 1000');
    expect(usageError(['d', '--lr', '-.5']).message).toContain('Learning rate');
    // several problems are all reported
    expect(usageError(['d', '--epochs', '0', '--dropout', '1']).message).toMatch(/Epochs.*; Dropout/);
  });

  it('refuses flags the chosen mode would ignore, naming the flag and why', () => {
    // fine-tuning trains on the backbone's raw features: standardise was recorded as "none" without a word
    expect(usageError(['d', '--feature-norm', 'standardise', '--unfreeze', '1']).message).toBe(
      "--feature-norm standardise is for head-only training; fine-tuning (--unfreeze above 0) trains on the backbone's raw features: drop --feature-norm or use --unfreeze 0",
    );
    expect(parseCliArgs(['d', '--feature-norm', 'none', '--unfreeze', '1'], noEnv).settings.featureNorm).toBe('none');
    // head-only training has no backbone to warm up or to give a rate: the values were never read (nor checked)
    expect(usageError(['d', '--warmup', '-3']).message).toBe(
      '--warmup is for fine-tuning only (--unfreeze above 0); head-only training has no backbone blocks to train: drop --warmup or set --unfreeze',
    );
    expect(usageError(['d', '--backbone-lr', '0.1', '--unfreeze', '0']).message).toBe(
      '--backbone-lr is for fine-tuning only (--unfreeze above 0); head-only training has no backbone blocks to train: drop --backbone-lr or set --unfreeze',
    );
    expect(usageError(['d', '--warmup', '1', '--backbone-lr', '0.1']).message).toMatch(
      /^--warmup is .*; --backbone-lr is /,
    );
    expect(usageError(['d', '--recipe', 'auto', '--unfreeze', '2']).message).toBe(
      '--recipe auto is for head-only training; fine-tuning (--unfreeze above 0) trains the fields as given: drop --recipe auto or use --unfreeze 0',
    );
    // with blocks to train they are taken, and checked
    expect(
      parseCliArgs(['d', '--warmup', '3', '--backbone-lr', '0.1', '--unfreeze', '1'], noEnv).settings,
    ).toMatchObject({
      warmupEpochs: 3,
      backboneLrScale: 0.1,
    });
    expect(usageError(['d', '--warmup', '-3', '--unfreeze', '1']).message).toContain('Warm-up epochs');
  });

  it('rejects an unknown crop mode or backend', () => {
    expect(usageError(['d', '--crop', 'diagonal']).message).toBe('--crop must be one of center, squash, pad');
    expect(usageError(['d', '--backend', 'webgl']).message).toBe('--backend must be wasm or cpu, got "webgl"');
  });

  it('rejects a missing or extra positional and unknown options', () => {
    expect(usageError([]).message).toBe('missing <dataset-dir>');
    expect(usageError(['--epochs', '3']).message).toBe('missing <dataset-dir>');
    expect(usageError(['a', 'b']).message).toBe('expected one dataset folder, got 2');
    expect(usageError(['d', '--colour', 'red']).message).toMatch(/colour/);
    expect(usageError(['d', '--epochs']).message).toMatch(/epochs/);
  });

  it('--help asks for the usage text (empty message)', () => {
    expect(usageError(['--help']).message).toBe('');
    expect(usageError(['-h', 'd']).message).toBe('');
    expect(USAGE).toContain('--backbone <id>');
  });
});

describe('summarise', () => {
  it('maps per-class results onto class names and adds the total time', () => {
    const outcome = {
      classes: ['a', 'b'],
      images: { train: 8, val: 2 },
      valAccuracy: 0.5,
      perClass: [
        { count: 1, accuracy: 1, precision: 0.5, f1: 2 / 3 },
        { count: 1, accuracy: 0, precision: 0, f1: 0 },
      ],
      confusion: [
        [1, 0],
        [1, 0],
      ],
      seconds: { extract: 1.5, train: 2 },
      history: [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 2 }],
      skipped: [{ id: 'x.jpg', reason: 'not a readable image' }],
    } as unknown as TrainOutcome;
    const s = summarise('mobilenet-v1-0.25', 'wasm', outcome, { ...DEFAULT_SETTINGS, epochs: 1 }, 4.25);
    expect(s.perClassAccuracy).toEqual({ a: 1, b: 0 });
    expect(s.perClass.b).toEqual({ count: 1, accuracy: 0, precision: 0, f1: 0 });
    expect(s.seconds).toEqual({ extract: 1.5, train: 2, total: 4.25 });
    expect(s.epochs).toBe(1);
    expect(s.backbone).toBe('mobilenet-v1-0.25');
    expect(s.backend).toBe('wasm');
    expect(s.skipped).toHaveLength(1);
  });
});
