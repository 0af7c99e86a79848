import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { exportFiles } from '../src/core/export/export-files';
import { exportBytes } from '../src/core/export/bundle';
import { importModelFiles } from '../src/core/model-import/read-model-zip';
import { buildHead, type Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { localCandidate, useBackend } from './helpers';
import { headOnlyFiles } from './helpers-model-zip';
import { claimSizes } from './helpers-project-zip';

let backbone: Backbone;
let head: Head;
let files: Record<string, Uint8Array>;
beforeAll(async () => {
  await useBackend('wasm');
  const spec = getBackboneSpec('mobilenet-v1-0.25');
  backbone = (await loadBackbone(spec, [localCandidate(spec)])).backbone;
  head = buildHead(spec.featureSize, 3, 8, 0.3, 2);
  files = exportBytes(
    await exportFiles({ backbone, head, classes: ['a', 'b', 'c'], settings: { ...DEFAULT_SETTINGS, cropMode: 'pad' } }),
  );
});
afterAll(() => {
  head?.dispose();
  backbone?.dispose();
});

describe('importModelFiles', () => {
  it('reads a studio zip back into a classifier with its labels and exact preprocessing', async () => {
    const m = await importModelFiles(zipSync(files));
    expect(m.source).toBe('studio');
    expect(m.labels).toEqual(['a', 'b', 'c']);
    expect(m.inputSize).toBe(224);
    expect(m.cropMode).toBe('pad');
    expect(m.pixelRange).toEqual({ min: -1, max: 1 });
    const x = tf.randomUniform([2, 224, 224, 3], -1, 1);
    const [got, want] = [
      m.model.predict(x) as tf.Tensor,
      tf.tidy(() => tf.softmax(head.logits(backbone.extract(x as tf.Tensor4D)))),
    ];
    expect(Math.max(...Array.from(await got.sub(want).abs().data()))).toBeLessThan(1e-4);
    tf.dispose([x, got, want]);
    m.model.dispose();
  });

  it('takes a Teachable Machine export (no studio preprocessing) with its /127 − 1 scaling, also from a folder zipped whole', async () => {
    const meta = JSON.parse(strFromU8(files['metadata.json']));
    delete meta.preprocessing;
    const tm = {
      'my-model/model.json': files['model.json'],
      'my-model/weights.bin': files['weights.bin'],
      'my-model/metadata.json': strToU8(JSON.stringify(meta)),
    };
    const m = await importModelFiles(zipSync(tm));
    expect(m.source).toBe('teachable-machine');
    expect(m.cropMode).toBe('center');
    expect(m.pixelRange.min).toBe(-1);
    expect(m.pixelRange.max).toBeCloseTo(255 / 127 - 1, 10);
    m.model.dispose();
  });

  it('takes a head-only zip onto the backbone it was trained on: same predictions as head on backbone', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const headZip = zipSync(headOnlyFiles(files));
    const m = await importModelFiles(headZip, {
      id: spec.id,
      featureSize: spec.featureSize,
      inputSize: spec.inputSize,
      pixelRange: spec.pixelRange,
    });
    expect(m).toMatchObject({
      headOnlyFor: 'mobilenet-v1-0.25',
      inputSize: 224,
      cropMode: 'pad',
      labels: ['a', 'b', 'c'],
    });
    const x = tf.randomUniform([2, 224, 224, 3], -1, 1) as tf.Tensor4D;
    const features = backbone.extract(x);
    const [got, want] = [m.model.predict(features) as tf.Tensor, tf.tidy(() => tf.softmax(head.logits(features)))];
    expect(Math.max(...Array.from(await got.sub(want).abs().data()))).toBeLessThan(1e-5);
    tf.dispose([x, features, got, want]);
    m.model.dispose();
    // the studio's own zip of a graph-model run has only head/ beside metadata.json
    const graphLike = {
      'head/model.json': files['head/model.json'],
      'head/weights.bin': files['head/weights.bin'],
      'metadata.json': files['metadata.json'],
    };
    const g = await importModelFiles(zipSync(graphLike), {
      id: spec.id,
      featureSize: spec.featureSize,
      inputSize: spec.inputSize,
      pixelRange: spec.pixelRange,
    });
    expect(g.headOnlyFor).toBe('mobilenet-v1-0.25');
    g.model.dispose();
  });

  it('refuses what it cannot run, saying why', async () => {
    const before = tf.memory().numTensors;
    await expect(importModelFiles(strToU8('not a zip'))).rejects.toThrow(/not a model zip/);
    await expect(importModelFiles(zipSync({ 'metadata.json': files['metadata.json'] }))).rejects.toThrow(
      /no model\.json/,
    );
    await expect(
      importModelFiles(zipSync({ 'model.json': files['model.json'], 'weights.bin': files['weights.bin'] })),
    ).rejects.toThrow(/no metadata\.json/);
    const head = headOnlyFiles(files);
    await expect(importModelFiles(zipSync(head))).rejects.toThrow(
      /head-only export for the backbone mobilenet-v1-0\.25: load that backbone first/,
    );
    const other = { id: 'mobilenet-v2-0.35', featureSize: 1280, inputSize: 224, pixelRange: { min: -1, max: 1 } };
    await expect(importModelFiles(zipSync(head), other)).rejects.toThrow(
      /head-only export for the backbone mobilenet-v1-0\.25/,
    );
    const meta = JSON.parse(strFromU8(files['metadata.json']));
    // the head-only download of a fine-tuned run needs its tuned blocks, which only the full zip holds
    const tunedHead = {
      ...head,
      'metadata.json': strToU8(JSON.stringify({ ...meta, settings: { ...meta.settings, unfreeze: 2 } })),
    };
    await expect(
      importModelFiles(zipSync(tunedHead), { ...other, id: 'mobilenet-v1-0.25', featureSize: 256 }),
    ).rejects.toThrow(/trained with the top 2 blocks of mobilenet-v1-0\.25 fine-tuned: .*Import the full model zip/);
    const two = { ...files, 'metadata.json': strToU8(JSON.stringify({ ...meta, labels: ['a', 'b'] })) };
    await expect(importModelFiles(two)).rejects.toThrow(/3 outputs but metadata\.json names 2 classes/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('unpacks only the files model.json names, and refuses a zip bomb among them', async () => {
    // the extra entry's header claims 1,000 bytes but holds 8 MB: inflating it would be refused
    const extra = zipSync({ ...files, 'junk/zeros.bin': new Uint8Array(8 * 2 ** 20) }, { level: 1 });
    claimSizes(extra, { 'junk/zeros.bin': 1000 });
    const ok = await importModelFiles(extra);
    expect(ok.labels).toEqual(['a', 'b', 'c']);
    ok.model.dispose();
    // a 4.1 MB zip holding 2 GiB once got in; past 64 MB a model zip may unpack to 20× its size
    const model = JSON.parse(strFromU8(files['model.json']));
    model.weightsManifest[0].paths.push('zeros.bin');
    const bomb = zipSync(
      { ...files, 'model.json': strToU8(JSON.stringify(model)), 'zeros.bin': new Uint8Array(80 * 2 ** 20) },
      { level: 1 },
    );
    expect(bomb.length).toBeLessThan(4 * 2 ** 20);
    await expect(importModelFiles(bomb)).rejects.toThrow(/model zip was refused: "zeros\.bin" .*zip bomb/);
    const lying = zipSync(
      { ...files, 'model.json': strToU8(JSON.stringify(model)), 'zeros.bin': new Uint8Array(2 ** 20) },
      { level: 1 },
    );
    claimSizes(lying, { 'zeros.bin': 1000 });
    await expect(importModelFiles(lying)).rejects.toThrow(
      /"zeros\.bin" unpacks to more than the 1000 bytes its header says/,
    );
  });
});
