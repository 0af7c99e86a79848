import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { carryPrevious } = await import('../src/ui/project-carried');
const { entryBytes, MAX_CARRIED_BYTES } = await import('../src/core/project/project-limits');

/** a file of `length` bytes without holding them (only its length is read) */
const sized = (length: number) => ({ length }) as Uint8Array;
const results = Uint8Array.of(123, 125);

describe('the model before the last one among the carried files', () => {
  it('goes in as model/previous.zip, with its results in model/previous.json', () => {
    const files = new Map([['model/result.json', Uint8Array.of(1)]]);
    expect(carryPrevious(files, Uint8Array.of(80, 75), results)).toBeNull();
    expect(files.get('model/previous.zip')).toEqual(Uint8Array.of(80, 75));
    expect(files.get('model/previous.json')).toEqual(results);
  });

  it('alone is left out, with why, where Open project could not read it', () => {
    const files = new Map<string, Uint8Array>();
    const limit = entryBytes('model/previous.zip');
    expect(carryPrevious(files, sized(limit + 1), results)).toMatch(
      /^it is \d+ MB, and Open project reads at most \d+ MB for it$/,
    );
    expect(files.size).toBe(0);
  });

  it('alone is left out where with it the carried files would pass their limit', () => {
    const files = new Map([['backbones/1/weights.bin', sized(MAX_CARRIED_BYTES - 10)]]);
    expect(carryPrevious(files, sized(20), results)).toMatch(
      /^with it, the models, backbones and starting point would come to \d+ MB, and Open project reads at most \d+ MB of them$/,
    );
    expect([...files.keys()]).toEqual(['backbones/1/weights.bin']);
  });
});
