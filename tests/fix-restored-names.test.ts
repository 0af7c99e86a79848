import { describe, expect, it } from 'vitest';
import { parseProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

const named = (...names: string[]) =>
  parseProjectRecord({
    version: 1,
    classes: names.map((name, i) => ({ id: `c${i}`, name, images: [] })),
    settings: DEFAULT_SETTINGS,
    backboneId: 'mobilenet-v1-0.25',
  }).classes.map((c) => c.name);

describe('class names read back from a record', () => {
  it('lose the spaces around them that a tab closed mid-edit saved', () => {
    expect(named('Cats ', '  Dogs', '\tbig  birds\n')).toEqual(['Cats', 'Dogs', 'big  birds']);
  });

  it('come back composed', () => {
    expect(named('Cafe\u0301')).toEqual(['Caf\u00e9']);
  });

  it('stay empty when emptied, so the Data step still asks for a name', () => {
    expect(named('   ', '')).toEqual(['', '']);
  });
});
