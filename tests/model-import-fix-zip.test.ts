import * as tf from '@tensorflow/tfjs';
import { resolveObjectURL } from 'node:buffer';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEIGHT_BYTES } from '../src/core/backbones/model-files';
import { importModelFiles, MODEL_ZIP_LIMITS } from '../src/core/model-import/read-model-zip';
import { useBackend } from './helpers';
import { modelFiles, modelZip, rejection, TM_IMAGE_METADATA, tmShapedModel } from './helpers-model-zip';
import { projectZipBytes } from './helpers-project-zip';

beforeAll(() => useBackend('cpu'));

const meta = strToU8(JSON.stringify(TM_IMAGE_METADATA));

/** a tiny image classifier: [8, 8, 3] → conv → pooled → Dense(2, softmax) */
function tinyModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 1 }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

/**
 * The files tfjs's own model.save('downloads://tiny') writes (model.json naming
 * "./tiny.weights.bin"), caught from the anchors it clicks in a stand-in document.
 */
async function savedByDownloads(model: tf.LayersModel): Promise<Record<string, Uint8Array>> {
  const clicked: { download: string; href: string }[] = [];
  const g = globalThis as Record<string, unknown>;
  const was = { document: g.document, window: g.window, MouseEvent: g.MouseEvent, browser: tf.env().get('IS_BROWSER') };
  g.document = {
    createElement: () => {
      const a = { download: '', href: '', dispatchEvent: () => clicked.push(a) };
      return a;
    },
  };
  g.window = globalThis;
  g.MouseEvent = class extends Event {};
  tf.env().set('IS_BROWSER', true);
  try {
    await model.save('downloads://tiny');
  } finally {
    tf.env().set('IS_BROWSER', was.browser);
    Object.assign(g, { document: was.document, window: was.window, MouseEvent: was.MouseEvent });
  }
  const files: Record<string, Uint8Array> = {};
  for (const { download, href } of clicked)
    files[download] = new Uint8Array(await (resolveObjectURL(href) as Blob).arrayBuffer());
  return files;
}

describe('weight paths as tfjs downloads write them', () => {
  it('a zip of model.save("downloads://…") files ("./tiny.weights.bin") imports, at the top or in a folder', async () => {
    const model = tinyModel();
    const saved = await savedByDownloads(model);
    expect(new TextDecoder().decode(saved['tiny.json'])).toContain('"./tiny.weights.bin"');
    const x = tf.randomUniform([1, 8, 8, 3]);
    const want = await (model.predict(x) as tf.Tensor).data();
    for (const dir of ['', 'my-model/']) {
      const zip = zipSync({
        [`${dir}model.json`]: saved['tiny.json'],
        [`${dir}tiny.weights.bin`]: saved['tiny.weights.bin'],
        [`${dir}metadata.json`]: meta,
      });
      const m = await importModelFiles(zip);
      const got = m.model.predict(x) as tf.Tensor;
      expect(Array.from(await got.data())).toEqual(Array.from(want));
      got.dispose();
      m.model.dispose();
    }
    x.dispose();
    model.dispose();
  });
});

/** `zip` with the uncompressed size its local header gives `name` changed to `size` (nothing is inflated to it) */
function declaring(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const bytes = strToU8(name);
  for (let at = 0; at + 30 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    if (nameLength === bytes.length && bytes.every((b, i) => out[at + 30 + i] === b)) {
      view.setUint32(at + 22, size, true);
      return out;
    }
  }
  throw new Error(`no local header for ${name}`);
}

describe('the model zip limits fit the largest model the studio reads', () => {
  it('a file may hold all the weights a model may have, and the zip them and its JSON', () => {
    expect(MODEL_ZIP_LIMITS.fileBytes).toBeGreaterThanOrEqual(MAX_WEIGHT_BYTES);
    expect(MODEL_ZIP_LIMITS.totalBytes).toBeGreaterThan(MAX_WEIGHT_BYTES);
  });

  it('one weights.bin that says it is 300 MB is not refused for its size; past MAX_WEIGHT_BYTES it is', async () => {
    const model = tinyModel();
    const files = await modelFiles(model);
    model.dispose();
    const zip = modelZip(files, TM_IMAGE_METADATA);
    const large = await rejection(importModelFiles(declaring(zip, 'weights.bin', 300 * 2 ** 20)));
    expect(large).not.toMatch(/limit/);
    const over = await rejection(importModelFiles(declaring(zip, 'weights.bin', MAX_WEIGHT_BYTES + 1)));
    expect(over).toMatch(/over the limit of 1024 MB a file/);
  });
});

describe('a project zip where a model zip goes', () => {
  const project = { version: 1, classes: [] };
  const image = Uint8Array.of(0xff, 0xd8, 0xff);

  it('says it is a project and to open it with Open project…', async () => {
    for (const dir of ['', 'cats/']) {
      const zip = projectZipBytes(
        project,
        { 'images/1-cat/1-a.jpg': image, 'model/model.zip': zipSync({ 'model.json': strToU8('{}') }) },
        { root: dir },
      );
      const message = await rejection(importModelFiles(zip));
      expect(message).toMatch(/project zip/);
      expect(message).toContain('Open project…');
      expect(message).not.toContain('model.json');
    }
  });

  it('says so too for one of more files than a model zip may hold', async () => {
    const images = Object.fromEntries(
      Array.from({ length: MODEL_ZIP_LIMITS.entries }, (_, i) => [`images/1-cat/${i}.jpg`, image]),
    );
    const message = await rejection(importModelFiles(projectZipBytes(project, images, { level: 0 })));
    expect(message).toMatch(/^This is a Transfer Studio project zip/);
  });

  it('a model zip with a project.json beside it is still read as a model', async () => {
    const model = tinyModel();
    const files = await modelFiles(model);
    model.dispose();
    const m = await importModelFiles(
      zipSync({ ...files, 'metadata.json': meta, 'project.json': strToU8(JSON.stringify(project)) }),
    );
    expect(m.labels).toEqual(['a', 'b']);
    m.model.dispose();
  });
});

describe('a Teachable-Machine-shaped import', () => {
  it('refused, leaves no tensor behind', async () => {
    const model = tmShapedModel();
    const files = await modelFiles(model);
    model.dispose();
    const before = tf.memory().numTensors;
    expect(await rejection(importModelFiles(modelZip(files, { labels: ['a', 'b', 'c'] })))).toMatch(
      /2 outputs but metadata.json names 3 classes/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
