import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../src/core/data/crop';
import { FeatureCache } from '../src/core/features/cache';
import { extractFeatures, extractInto, StoppedError, type Decoder } from '../src/core/features/extract';
import { fakeBackbone, solidImage, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** Decoder over ids "img-<r>": a solid image of red value r; ids starting with "bad" fail. */
function fakeDecoder(): Decoder & { calls: string[] } {
  const calls: string[] = [];
  const decode = async (id: string) => {
    calls.push(id);
    if (id.startsWith('bad')) throw new Error(`not a readable image (${id} is corrupt)`);
    const r = Number(id.split('-')[1]);
    return solidImage(12, 9, [r, 255 - r, 0]);
  };
  return Object.assign(decode, { calls });
}

const ids = ['img-0', 'img-51', 'bad-1', 'img-102', 'img-255', 'img-204'];

describe('extractInto (the augmented views of the same images)', () => {
  it('decodes each image once for every table, fills each with its own input, and counts (image, table) pairs', async () => {
    const backbone = fakeBackbone();
    const decode = fakeDecoder();
    const plain = new Map<string, Float32Array>();
    const dark = new Map<string, Float32Array>([['img-51', new Float32Array([7, 7, 7])]]);
    const progress: [number, number][] = [];
    const halve = (img: RgbImage): tf.Tensor3D =>
      tf.tidy(() =>
        tf.image.resizeBilinear(
          tf
            .tensor3d(
              Float32Array.from(img.data).filter((_, i) => i % img.channels < 3),
              [img.height, img.width, 3],
            )
            .div<tf.Tensor3D>(510),
          [8, 8],
        ),
      );
    const r = await extractInto(backbone, ids, decode, [{ table: plain }, { table: dark, toInput: halve }], {
      cropMode: 'center',
      batchSize: 4,
      onProgress: (d, t) => progress.push([d, t]),
    });
    // every image decoded once, though two tables wanted it
    expect([...decode.calls].sort()).toEqual([...ids].sort());
    expect(r.computed).toBe(5 + 4); // img-51 was already in the second table
    expect(r.ok).toEqual(['img-0', 'img-51', 'img-102', 'img-255', 'img-204']);
    expect(plain.get('img-102')![0]).toBeCloseTo(102 / 255, 5);
    expect(dark.get('img-102')![0]).toBeCloseTo(102 / 510, 5);
    expect(dark.get('img-51')![0]).toBe(7);
    expect(progress[0]).toEqual([1, 12]);
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
  });
});

describe('extractFeatures', () => {
  it('computes features for new images, reports failures, and reuses the table next time', async () => {
    const backbone = fakeBackbone();
    const decode = fakeDecoder();
    const table = new Map<string, Float32Array>();
    const progress: [number, number][] = [];
    const first = await extractFeatures(backbone, ids, decode, table, {
      cropMode: 'center',
      batchSize: 4,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(first.computed).toBe(5);
    expect(first.failed).toEqual([{ id: 'bad-1', reason: 'not a readable image (bad-1 is corrupt)' }]);
    expect(first.ok).toEqual(['img-0', 'img-51', 'img-102', 'img-255', 'img-204']);
    expect([...table.keys()].sort()).toEqual([...first.ok].sort());
    expect(table.has('bad-1')).toBe(false);
    expect(backbone.calls.images).toBe(5);
    expect(backbone.calls.batches).toBe(2);
    expect(progress).toEqual([
      [0, 6],
      [4, 6],
      [6, 6],
    ]);

    // features are the backbone's output for the preprocessed image: mean colour in [0, 1]
    const f = table.get('img-51')!;
    expect(f).toBeInstanceOf(Float32Array);
    expect(f).toHaveLength(3);
    expect(f[0]).toBeCloseTo(51 / 255, 5);
    expect(f[1]).toBeCloseTo(204 / 255, 5);
    expect(f[2]).toBeCloseTo(0, 5);

    const second = await extractFeatures(backbone, ids, decode, table, { cropMode: 'center', batchSize: 4 });
    expect(second.computed).toBe(0);
    expect(second.ok).toEqual(first.ok);
    expect(second.failed.map((x) => x.id)).toEqual(['bad-1']);
    expect(backbone.calls.images).toBe(5);
    // only the failed image was decoded again
    expect(decode.calls.filter((id) => id !== 'bad-1')).toHaveLength(5);
  });

  it('only computes images missing from the table', async () => {
    const backbone = fakeBackbone();
    const table = new Map<string, Float32Array>([['img-0', new Float32Array([9, 9, 9])]]);
    const res = await extractFeatures(backbone, ['img-0', 'img-51'], fakeDecoder(), table, { cropMode: 'pad' });
    expect(res.computed).toBe(1);
    expect(backbone.calls.images).toBe(1);
    expect(table.get('img-0')).toEqual(new Float32Array([9, 9, 9]));
    expect(res.ok).toEqual(['img-0', 'img-51']);
  });

  it('with every image failing, reports them all and never calls the backbone', async () => {
    const backbone = fakeBackbone();
    const table = new Map<string, Float32Array>();
    const res = await extractFeatures(backbone, ['bad-a', 'bad-b'], fakeDecoder(), table, { cropMode: 'center' });
    expect(res).toEqual({
      ok: [],
      computed: 0,
      failed: [
        { id: 'bad-a', reason: expect.stringContaining('bad-a') },
        { id: 'bad-b', reason: expect.stringContaining('bad-b') },
      ],
    });
    expect(backbone.calls.batches).toBe(0);
    expect(table.size).toBe(0);
  });

  it('stops between batches with StoppedError', async () => {
    const backbone = fakeBackbone();
    const table = new Map<string, Float32Array>();
    let checks = 0;
    await expect(
      extractFeatures(backbone, ids, fakeDecoder(), table, {
        cropMode: 'center',
        batchSize: 2,
        shouldStop: () => ++checks > 1,
      }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(backbone.calls.batches).toBe(1);
    expect(table.size).toBe(2);
  });

  it('does not leak tensors', async () => {
    const before = tf.memory().numTensors;
    await extractFeatures(fakeBackbone(), ids, fakeDecoder(), new Map(), { cropMode: 'squash', batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('FeatureCache', () => {
  it('keys tables by backbone, boundary and crop mode', () => {
    const keys = new Set([
      FeatureCache.key('mobilenet-v1-0.25', 'pooled', 'center'),
      FeatureCache.key('mobilenet-v1-0.25', 'pooled', 'squash'),
      FeatureCache.key('mobilenet-v1-0.25', 'pooled', 'pad'),
      FeatureCache.key('mobilenet-v2-0.35', 'pooled', 'center'),
      FeatureCache.key('mobilenet-v1-0.25', 'conv_pw_12_relu', 'center'),
    ]);
    expect(keys.size).toBe(5);
    expect(FeatureCache.key('a', 'b', 'center')).toBe(FeatureCache.key('a', 'b', 'center'));
  });

  it('separates crop modes: features cached for one are recomputed for another', async () => {
    const cache = new FeatureCache();
    const backbone = fakeBackbone();
    const center = cache.table(FeatureCache.key('fake', 'pooled', 'center'));
    expect(cache.table(FeatureCache.key('fake', 'pooled', 'center'))).toBe(center);
    await extractFeatures(backbone, ['img-0', 'img-51'], fakeDecoder(), center, { cropMode: 'center' });
    const pad = cache.table(FeatureCache.key('fake', 'pooled', 'pad'));
    expect(pad.size).toBe(0);
    const res = await extractFeatures(backbone, ['img-0', 'img-51'], fakeDecoder(), pad, { cropMode: 'pad' });
    expect(res.computed).toBe(2);
    expect(cache.stats()).toEqual({ entries: 4, bytes: 4 * 3 * 4 });
  });

  it('evict removes one image from every table; clear removes everything', () => {
    const cache = new FeatureCache();
    const a = cache.table('a');
    const b = cache.table('b');
    a.set('x', new Float32Array(2));
    a.set('y', new Float32Array(2));
    b.set('x', new Float32Array(5));
    cache.evict('x');
    expect([...a.keys()]).toEqual(['y']);
    expect(b.size).toBe(0);
    expect(cache.stats()).toEqual({ entries: 1, bytes: 8 });
    cache.clear();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(cache.table('a').size).toBe(0);
  });
});

describe('a decoder that makes whole batches of model inputs elsewhere (Decoder.inputs, the decode worker)', () => {
  /** fakeDecoder plus `inputs`: each batch's model inputs made by the same maths, as the decode worker does */
  const withInputs = (broken = false) => {
    const decode = fakeDecoder();
    const batches: string[][] = [];
    const inputs: NonNullable<Decoder['inputs']> = async (batch, size, mode, range) => {
      batches.push([...batch]);
      if (broken) throw new Error('no decode worker');
      const { modelInputInto } = await import('../src/core/data/model-input');
      const good = batch.filter((id) => !id.startsWith('bad'));
      const pixels = new Float32Array(good.length * size * size * 3);
      for (const [k, id] of good.entries())
        modelInputInto(await decode(id), size, mode, range, pixels, k * size * size * 3);
      return { pixels, failed: batch.filter((id) => id.startsWith('bad')).map((id) => ({ id, reason: 'corrupt' })) };
    };
    return { decode: Object.assign(decode, { inputs }), batches };
  };

  it('plain extraction takes its batches from there, with the same features and unreadable images reported', async () => {
    const backbone = fakeBackbone();
    const here = new Map<string, Float32Array>();
    await extractFeatures(backbone, ids, fakeDecoder(), here, { cropMode: 'center', batchSize: 4 });
    const { decode, batches } = withInputs();
    const there = new Map<string, Float32Array>();
    const r = await extractFeatures(backbone, ids, decode, there, { cropMode: 'center', batchSize: 4 });
    // the first batch is a quarter of one, so the backbone starts before a whole batch is decoded
    expect(batches).toEqual([ids.slice(0, 1), ids.slice(1, 5), ids.slice(5)]);
    expect(r.failed).toEqual([{ id: 'bad-1', reason: 'corrupt' }]);
    expect(r.computed).toBe(5);
    expect([...there.keys()].sort()).toEqual([...here.keys()].sort());
    for (const [id, row] of here) expect(Array.from(there.get(id)!)).toEqual(Array.from(row));
  });

  it("hands each batch's pixels back once its features are read, for the decoder to fill again", async () => {
    const backbone = fakeBackbone();
    const { decode, batches } = withInputs();
    const table = new Map<string, Float32Array>();
    const made: Float32Array[] = [];
    const inputs = decode.inputs;
    const recycled: { pixels: Float32Array; stored: string[] }[] = [];
    const counting: NonNullable<Decoder['inputs']> = Object.assign(
      async (...args: Parameters<NonNullable<Decoder['inputs']>>) => {
        const r = await inputs(...args);
        made.push(r.pixels);
        return r;
      },
      { recycle: (pixels: Float32Array) => recycled.push({ pixels, stored: [...table.keys()] }) },
    );
    const r = await extractFeatures(backbone, ids, Object.assign(decode, { inputs: counting }), table, {
      cropMode: 'center',
      batchSize: 4,
    });
    expect(r.computed).toBe(5);
    expect(batches).toHaveLength(3);
    // every batch's own buffer, each once, and only after that batch's features were stored
    expect(recycled.map((x) => x.pixels)).toEqual(made);
    expect(recycled[1].pixels).toBe(made[1]);
    expect(recycled.map((x) => x.stored)).toEqual([
      ['img-0'],
      ['img-0', 'img-51', 'img-102', 'img-255'],
      ['img-0', 'img-51', 'img-102', 'img-255', 'img-204'],
    ]);
  });

  it('a row another job filled while its batch was made (a health check beside a run) does not break the batch', async () => {
    const backbone = fakeBackbone();
    const { decode } = withInputs();
    const table = new Map<string, Float32Array>();
    const inputs = decode.inputs;
    const elsewhere = new Float32Array([42]);
    const racing = async (...args: Parameters<NonNullable<Decoder['inputs']>>) => {
      const r = await inputs(...args);
      // the other job stores one image of this batch before the backbone runs it here
      if (args[0].includes('img-102')) table.set('img-102', elsewhere);
      return r;
    };
    const here = new Map<string, Float32Array>();
    await extractFeatures(backbone, ids, fakeDecoder(), here, { cropMode: 'center', batchSize: 4 });
    const before = tf.memory().numTensors;
    const r = await extractFeatures(backbone, ids, Object.assign(decode, { inputs: racing }), table, {
      cropMode: 'center',
      batchSize: 4,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.failed).toEqual([{ id: 'bad-1', reason: 'corrupt' }]);
    expect(r.computed).toBe(4);
    expect(table.get('img-102')).toBe(elsewhere);
    for (const id of ['img-0', 'img-51', 'img-255', 'img-204'])
      expect(Array.from(table.get(id)!)).toEqual(Array.from(here.get(id)!));
  });

  it('a backbone that throws leaves no input tensor behind', async () => {
    const backbone = fakeBackbone();
    const { decode } = withInputs();
    const before = tf.memory().numTensors;
    await expect(
      extractFeatures(backbone, ids, decode, new Map(), {
        cropMode: 'center',
        batchSize: 4,
        forward: () => {
          throw new Error('device lost');
        },
      }),
    ).rejects.toThrow('device lost');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('augmented views still decode here, and a batch whose inputs cannot be made is decoded here', async () => {
    const backbone = fakeBackbone();
    const views = withInputs();
    const half = (img: RgbImage) => tf.tidy(() => tf.ones([8, 8, 3]).mul<tf.Tensor3D>(img.data[0] / 510));
    await extractInto(backbone, ids, views.decode, [{ table: new Map() }, { table: new Map(), toInput: half }], {
      cropMode: 'center',
    });
    expect(views.batches).toEqual([]);
    const broken = withInputs(true);
    const table = new Map<string, Float32Array>();
    const r = await extractFeatures(backbone, ids, broken.decode, table, { cropMode: 'center', batchSize: 4 });
    expect(broken.batches).toHaveLength(3);
    expect(r.ok).toHaveLength(5);
    expect(r.failed.map((f) => f.id)).toEqual(['bad-1']);
  });
});
