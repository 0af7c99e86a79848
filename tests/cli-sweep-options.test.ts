import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLock } from '../scripts/sweep/lock';
import { parseSweepArgs } from '../scripts/sweep/options';

const choices = {
  recipes: ['linear probe', 'Teachable Machine', 'wide head', 'cosine'],
  datasets: ['imagenette-imagenetval', 'sign-language-digits', 'tf-flowers'],
  backbones: ['mobilenet-v2-0.35', 'mobilenet-v1-0.25'],
  baselines: [0, 1],
};
const parse = (...argv: string[]) => parseSweepArgs(argv, choices);

describe('scripts/sweep.ts options', () => {
  it('keeps the defaults and the filters that name known things', () => {
    expect(parse()).toEqual({
      rows: [0, 1, 2, 3],
      seeds: [1, 2, 3],
      datasets: choices.datasets,
      backbones: choices.backbones,
      cached: false,
      write: null,
      block: 'sweep',
    });
    const o = parse(
      '--only',
      '3',
      '--seeds',
      '4,5',
      '--datasets',
      'tf-flowers,sign-language-digits',
      '--backbones',
      'mobilenet-v1-0.25',
    );
    expect(o.rows).toEqual([0, 1, 3]);
    expect(o.seeds).toEqual([4, 5]);
    // the table's order, not the flag's
    expect(o.datasets).toEqual(['sign-language-digits', 'tf-flowers']);
    expect(o.backbones).toEqual(['mobilenet-v1-0.25']);
  });

  it('refuses a mistyped dataset or backbone, listing the valid ones (it ran an empty sweep)', () => {
    expect(() => parse('--datasets', 'tf_flowers')).toThrow(
      '--datasets: unknown "tf_flowers"; choose from imagenette-imagenetval, sign-language-digits, tf-flowers',
    );
    expect(() => parse('--backbones', 'mobilenet-v2')).toThrow(
      '--backbones: unknown "mobilenet-v2"; choose from mobilenet-v2-0.35, mobilenet-v1-0.25',
    );
    expect(() => parse('--datasets', '')).toThrow('--datasets: none given');
  });

  it('takes backbones joined with + (their features side by side), after the plain ones', () => {
    const joined = 'mobilenet-v1-0.25+mobilenet-v2-0.35';
    expect(parse('--backbones', joined).backbones).toEqual([joined]);
    expect(parse('--backbones', `${joined},mobilenet-v1-0.25`).backbones).toEqual(['mobilenet-v1-0.25', joined]);
    expect(() => parse('--backbones', 'mobilenet-v1-0.25+mobilenet-v2')).toThrow(
      '--backbones: unknown "mobilenet-v1-0.25+mobilenet-v2"; choose from mobilenet-v2-0.35, mobilenet-v1-0.25, or two of them joined with +',
    );
    expect(() => parse('--backbones', 'mobilenet-v1-0.25+mobilenet-v1-0.25')).toThrow(
      'unknown "mobilenet-v1-0.25+mobilenet-v1-0.25"',
    );
  });

  it('refuses a row past the end or not a number, listing the rows (it crashed with a TypeError)', () => {
    for (const only of ['99', '4', 'x', '1.5', '-1'])
      expect(() => parse(`--only=${only}`)).toThrow(`--only: no row "${only}"; rows are 0-3:\n  0 linear probe\n`);
    expect(() => parse('--only', '2,99')).toThrow('--only: no row "99"');
  });

  it('refuses seeds that are not whole numbers (1-3 became NaN)', () => {
    expect(() => parse('--seeds', '1-3')).toThrow(
      '--seeds: not a whole number: "1-3"; give whole numbers separated by commas',
    );
    expect(() => parse('--seeds', '1,two')).toThrow('not a whole number: "two"');
    expect(parse('--seeds', '3, 1,3').seeds).toEqual([3, 1]);
  });
});

describe('scripts/sweep/extract.ts lock', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'studio-sweep-lock-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('removes the lock when the extraction fails (later runs skipped the dataset silently)', async () => {
    const lock = join(tmp, 'a.lock');
    await expect(
      withLock(lock, async () => {
        expect(existsSync(lock)).toBe(true);
        throw new Error('no such dataset');
      }),
    ).rejects.toThrow('no such dataset');
    expect(existsSync(lock)).toBe(false);
    expect(await withLock(lock, async () => {})).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('skips a dump another extraction holds', async () => {
    const lock = join(tmp, 'b.lock');
    let ran = false;
    const outer = await withLock(lock, async () => {
      expect(await withLock(lock, async () => void (ran = true))).toBe(false);
    });
    expect(outer).toBe(true);
    expect(ran).toBe(false);
  });
});
