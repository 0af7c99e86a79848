import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import type { Suffix } from '../src/core/finetune/suffix';
import {
  fineTunedAbove,
  installFineTuned,
  keepTuned,
  releasePretrained,
  restorePretrained,
} from '../src/core/finetune/weights';
import { buildHead } from '../src/core/train/head';
import { predictProbabilities } from '../src/core/train/predict';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { FAKE_SPEC, solidImage, useBackend } from './helpers';

// the browser's decode stands in: each blob decodes to the picture the test gave it, or fails
const pictures = vi.hoisted(() => new WeakMap<Blob, unknown>());
vi.mock('../src/core/data/decode-browser', () => ({
  decodeImageBlob: async (blob: Blob) => {
    const image = pictures.get(blob);
    if (!image) throw new Error('The file could not be read');
    return image;
  },
}));
const { trainedClassifier } = await import('../src/worker/classify');
const { health } = await import('../src/worker/insight');

beforeAll(() => useBackend('cpu'));

const LAYERS = ['conv1', 'conv_pw_1', 'conv_pw_2'] as const;
type Kernels = Partial<Record<(typeof LAYERS)[number], number[][]>>;
const IDENTITY = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const kernel = (m: number[][]) => tf.tensor4d(m.flat(), [1, 1, 3, 3]);

/**
 * Three 1×1 convolutions named as MobileNet v1's stem and blocks 1 and 2 (so blocks.ts finds three
 * blocks), identity kernels as the "pretrained" weights; the feature is the map's mean.
 */
function tinyBackbone(kernels: Kernels = {}): Backbone {
  const input = tf.input({ shape: [8, 8, 3] });
  let x = input;
  for (const name of LAYERS)
    x = tf.layers.conv2d({ name, filters: 3, kernelSize: 1, useBias: false }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: x });
  for (const name of LAYERS) model.getLayer(name).setWeights([kernel(kernels[name] ?? IDENTITY)]);
  return {
    spec: { ...FAKE_SPEC, id: 'tiny' },
    featureModel: model,
    paramCount: model.countParams(),
    extract: (batch) => tf.tidy(() => (model.predict(batch) as tf.Tensor4D).mean([1, 2]) as tf.Tensor2D),
    dispose: () => model.dispose(),
  };
}

/** What a fine-tune run's trained suffix does when installed: writes its layers' new kernels. */
function trainedSuffix(bb: Backbone, boundary: string, kernels: Kernels): Suffix {
  return {
    boundary,
    layerNames: Object.keys(kernels),
    writeBack: () => {
      for (const [name, m] of Object.entries(kernels)) bb.featureModel!.getLayer(name).setWeights([kernel(m)]);
    },
  } as unknown as Suffix;
}

const A2 = [
  [2, 0, 1],
  [0, 1, 0],
  [1, 0, 3],
];
const B1 = [
  [0, 1, 0],
  [1, 0, 0],
  [0, 0, 5],
];
const B2 = [
  [1, 1, 0],
  [0, 3, 1],
  [1, 0, 0],
];

const live: Backbone[] = [];
afterEach(() => {
  for (const bb of live.splice(0)) {
    releasePretrained(bb);
    bb.dispose();
  }
});
const made = (kernels?: Kernels) => {
  const bb = tinyBackbone(kernels);
  live.push(bb);
  return bb;
};

describe("Try it during a later run's final evaluation (worker/classify.ts trainedClassifier)", () => {
  let head: ReturnType<typeof buildHead>;
  beforeAll(() => void (head = buildHead(3, 2, 0, 0, 1)));
  const photo = () =>
    tf.tensor3d(
      Float32Array.from({ length: 8 * 8 * 3 }, (_, i) => ((i % 3) + 1) / 4),
      [8, 8, 3],
    );
  const answer = (run: (x: tf.Tensor3D) => tf.Tensor1D) => {
    const x = photo();
    const out = run(x);
    const values = Array.from(out.dataSync());
    tf.dispose([x, out]);
    return values;
  };
  const through = (kernels: Kernels) => answer((x) => predictProbabilities(made(kernels), head, x));

  /** run A tuned block 2; run B (unfreeze 2) has installed blocks 1 and 2 and is evaluating */
  function runBEvaluating(bb: Backbone) {
    installFineTuned(bb, trainedSuffix(bb, 'conv_pw_1', { conv_pw_2: A2 }));
    const tunedA = keepTuned(bb)!;
    restorePretrained(bb);
    installFineTuned(bb, trainedSuffix(bb, 'conv1', { conv_pw_1: B1, conv_pw_2: B2 }));
    return tunedA;
  }

  it("run A's model in use answers with run A's weights, the blocks only run B tuned pretrained", () => {
    const bb = made();
    const tunedA = runBEvaluating(bb);
    const got = answer(trainedClassifier(bb, head, ['a', 'b'], 'center', tunedA).run);
    const wanted = through({ conv_pw_2: A2 });
    expect(wanted).not.toEqual(through({ conv_pw_1: B1, conv_pw_2: A2 }));
    got.forEach((p, i) => expect(p).toBeCloseTo(wanted[i], 5));
    // run B goes on with its own weights
    expect(answer((x) => predictProbabilities(bb, head, x))).toEqual(through({ conv_pw_1: B1, conv_pw_2: B2 }));
    expect(fineTunedAbove(bb)).toBe(0);
  });

  it('a model on the pretrained backbone in use answers with the pretrained weights', () => {
    const bb = made();
    runBEvaluating(bb);
    const got = answer(trainedClassifier(bb, head, ['a', 'b'], 'center', null).run);
    const wanted = through({});
    expect(wanted).not.toEqual(through({ conv_pw_1: B1, conv_pw_2: B2 }));
    got.forEach((p, i) => expect(p).toBeCloseTo(wanted[i], 5));
    expect(answer((x) => predictProbabilities(bb, head, x))).toEqual(through({ conv_pw_1: B1, conv_pw_2: B2 }));
  });
});

describe('the dataset health check in the worker (worker/insight.ts health)', () => {
  const ALL_ONES = [
    [1, 1, 1],
    [1, 1, 1],
    [1, 1, 1],
  ];
  const colours: [number, number, number][] = [
    [250, 10, 10],
    [10, 250, 10],
    [10, 10, 250],
  ];
  /** one image per colour in each class; each file's bytes its own */
  const dataset = () => {
    const images = colours.flatMap((rgb, c) =>
      [0, 1].map((label) => {
        const blob = new File([`${c}-${label}`], `c${c}-${label}.png`, { type: 'image/png' });
        pictures.set(blob, solidImage(8, 8, rgb));
        return { id: `c${c}-${label}`, label, blob };
      }),
    );
    return images;
  };
  const check = (bb: Backbone, cache: FeatureCache, images: ReturnType<typeof dataset>, settings = DEFAULT_SETTINGS) =>
    health(
      { backbone: bb, cache, blobs: new Map(images.map((i) => [i.id, i.blob as Blob])) },
      ['a', 'b'],
      images,
      settings,
      () => {},
    );

  it('finds the same after a fine-tune run as before: the features are the pretrained ones', async () => {
    const bb = made();
    const cache = new FeatureCache();
    const images = dataset();
    const before = await check(bb, cache, images);
    // a run that tuned block 2 so that every colour gives one direction: all would look alike
    installFineTuned(bb, trainedSuffix(bb, 'conv_pw_1', { conv_pw_2: ALL_ONES }), cache);
    const after = await check(bb, cache, images);
    expect(after.extracted).toBe(images.length);
    expect(after.issues).toEqual(before.issues);
    const near = after.issues.filter((i) => i.kind === 'near-duplicate').map((i) => i.ids);
    expect(near).toEqual([
      ['c0-0', 'c0-1'],
      ['c1-0', 'c1-1'],
      ['c2-0', 'c2-1'],
    ]);
    // the trained model keeps its weights in the backbone
    expect(fineTunedAbove(bb)).toBe(1);
    const x = tf.ones([1, 8, 8, 3]) as tf.Tensor4D;
    const f = bb.extract(x);
    expect(Array.from(f.dataSync())).toEqual([3, 3, 3]);
    tf.dispose([x, f]);
  });

  it('an unreadable file is reported and skipped; the other checks still run', async () => {
    const bb = made();
    const images = dataset();
    const gone = new File(['x'], 'gone.png', { type: 'image/png' });
    const flaky = new File(['0-0'], 'flaky.png', { type: 'image/png' });
    pictures.set(flaky, solidImage(8, 8, [90, 90, 90]));
    for (const blob of [gone, flaky])
      Object.defineProperty(blob, 'arrayBuffer', {
        value: () => Promise.reject(new DOMException('The requested file could not be read', 'NotReadableError')),
      });
    // and an exact copy of the first image under another name
    const copy = new File(['0-0'], 'copy.png', { type: 'image/png' });
    pictures.set(copy, solidImage(8, 8, colours[0]));
    images.push({ id: 'gone', label: 0, blob: gone }, { id: 'flaky', label: 1, blob: flaky });
    images.push({ id: 'copy', label: 0, blob: copy });
    const report = await check(bb, new FeatureCache(), images);
    expect(report.checked).toBe(images.length);
    const unreadable = report.issues.filter((i) => i.kind === 'unreadable');
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0].ids).toEqual(['gone', 'flaky']);
    expect(unreadable[0].message).toContain('gone.png (a): The file could not be read');
    expect(unreadable[0].message).toContain('flaky.png (b): The requested file could not be read');
    // the copy is found, right after the image it copies, with a fix that removes it: as identical
    // files, or (solid colours are alike, and the split parts them) within the split leak
    const copies = report.issues.filter(
      (i) => ['exact-duplicate', 'near-duplicate', 'split-leak'].includes(i.kind) && i.ids.includes('copy'),
    );
    expect(copies.length).toBeGreaterThan(0);
    for (const found of copies) {
      expect(found.ids.slice(0, 2)).toEqual(['c0-0', 'copy']);
      expect(found.remove).toContain('copy');
    }
  });

  it('finds the same imbalance whatever the class-weights setting: its advice on them is worded as shown', async () => {
    const bb = made();
    // class a: six images, class b: one
    const images = dataset().map((i, k) => ({ ...i, label: k === 0 ? 1 : 0 }));
    const imbalance = async (classWeights: boolean) =>
      (await check(bb, new FeatureCache(), images, { ...DEFAULT_SETTINGS, classWeights })).issues.find(
        (i) => i.kind === 'imbalance',
      );
    const on = await imbalance(true);
    expect(on).toEqual(await imbalance(false));
    expect(on?.message).not.toContain('Class weights');
    expect(on?.smallClass).toBe('b');
  });
});
