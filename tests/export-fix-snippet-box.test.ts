import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKBONES } from '../src/core/backbones/registry';
import { cropRegion, type CropMode } from '../src/core/data/crop';
import { toModelInput } from '../src/core/data/preprocess';
import { runSnippets } from '../src/core/export/run-snippets';
import { useBackend } from './helpers';

const spec = BACKBONES.find((b) => b.id === 'mobilenet-v2-0.35')!;

/** the model card's TF.js snippet, line by line */
function jsSnippet(mode: CropMode): string[] {
  const lines = runSnippets(spec, mode, null);
  const start = lines.indexOf(
    '```js',
    lines.findIndex((l) => l.startsWith('**JavaScript, TF.js**')),
  );
  return lines.slice(start + 1, lines.indexOf('```', start + 1));
}

/** the box the snippet computes for a w×h photo (its crop line, evaluated) */
function snippetBox(mode: CropMode, w: number, h: number): number[] {
  // (the model's loading is no part of it, on whichever line it stands)
  const line = jsSnippet(mode)
    .find((l) => /\bbox = /.test(l))!
    .replace(/const model = await [^;]*;/, '');
  return new Function('w', 'h', `${line}\nreturn box;`)(w, h) as number[];
}

// photos no larger than twice the input in the cropped side: the studio crops them without a box filter first
const SIZES: [number, number][] = [
  [300, 225],
  [225, 300],
  [224, 224],
  [401, 250],
  [250, 401],
  [7, 5],
  [2, 3],
  [1, 1],
];

describe("the model card's TF.js snippet prepares a photo as the studio does", () => {
  beforeAll(() => useBackend('cpu'));

  it('its crop box is the studio cropRegion box (pixel centres), for centre crop and pad', () => {
    expect(cropRegion(300, 225, 224, 'center').box[1]).toBeCloseTo(0.12542, 5);
    for (const mode of ['center', 'pad'] as const)
      for (const [w, h] of SIZES) {
        const region = cropRegion(w, h, spec.inputSize, mode);
        expect([region.poolW, region.poolH]).toEqual([1, 1]);
        const box = snippetBox(mode, w, h);
        region.box.forEach((v, k) => expect(box[k], `${mode} ${w}×${h} [${k}]`).toBeCloseTo(v, 12));
      }
    for (const [w, h] of SIZES.filter(([w, h]) => w > 1 && h > 1))
      expect(snippetBox('squash', w, h)).toEqual(cropRegion(w, h, spec.inputSize, 'squash').box);
  });

  it("its input for a 300×225 photo is the studio's, to float precision", async () => {
    const [w, h, n] = [300, 225, spec.inputSize];
    const data = new Uint8Array(w * h * 3).map((_, i) => (i * 7919) % 256);
    const pixels = tf.tensor4d(Float32Array.from(data), [1, h, w, 3]);
    const snippet = tf.image
      .cropAndResize(pixels, [snippetBox('center', w, h)], [0], [n, n])
      .mul(2 / 255)
      .add(-1);
    const studio = toModelInput({ width: w, height: h, data, channels: 3 }, n, 'center', spec.pixelRange);
    const diff = (await snippet.squeeze().sub(studio).abs().max().data())[0];
    tf.dispose([pixels, snippet, studio]);
    expect(diff).toBeLessThan(1e-5);
  });

  it('it draws the photo onto a white canvas and reads that, so transparent pixels come out white, not black', () => {
    const calls: string[] = [];
    const ctx = {
      set fillStyle(v: string) {
        calls.push(`fillStyle ${v}`);
      },
      fillRect: (...a: number[]) => calls.push(`fillRect ${a.join(',')}`),
      drawImage: (_img: unknown, ...a: number[]) => calls.push(`drawImage ${a.join(',')}`),
    };
    const canvas = { getContext: () => ctx } as { getContext: () => typeof ctx; width?: number; height?: number };
    const document = { createElement: (tag: string) => (calls.push(`create ${tag}`), canvas) };
    let read: unknown = null;
    const stub = {
      ...tf,
      browser: {
        fromPixels: (source: unknown) => ((read = source), tf.zeros([6, 8, 3])),
      },
    };
    const [, ...body] = jsSnippet('center');
    // up to the model's answer: what follows needs the model and awaits
    const code = body
      .slice(
        0,
        body.findIndex((l) => l.includes('model.predict')),
      )
      .join('\n');
    const x = new Function('tf', 'document', 'img', 'w', 'h', `${code}\nreturn x;`)(
      stub,
      document,
      {},
      8,
      6,
    ) as tf.Tensor;
    x.dispose();
    expect(read).toBe(canvas);
    expect([canvas.width, canvas.height]).toEqual([8, 6]);
    expect(calls).toEqual(['create canvas', 'fillStyle white', 'fillRect 0,0,8,6', 'drawImage 0,0,8,6']);
  });

  it("names the top class by metadata.json's labels, in the output's order", async () => {
    const lines = jsSnippet('center');
    const tail = lines.slice(lines.findIndex((l) => l.includes('model.predict')) + 1).join('\n');
    const logged: unknown[] = [];
    const run = new Function('probabilities', 'fetch', 'console', `return (async () => { ${tail} })();`) as (
      p: Float32Array,
      f: unknown,
      c: unknown,
    ) => Promise<void>;
    await run(
      Float32Array.from([0.1, 0.7, 0.2]),
      async (url: string) => ({ json: async () => ({ url, labels: ['cat', 'dog', 'fox'] }) }),
      { log: (...a: unknown[]) => logged.push(...a) },
    );
    expect(logged[0]).toBe('dog');
    expect(logged[1]).toBeCloseTo(0.7, 6);
  });
});
