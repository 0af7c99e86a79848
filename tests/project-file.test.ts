import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { projectZip, readProjectZip } from '../src/core/project/project-zip';
import { parseProjectRecord, type ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

const record: ProjectRecord = {
  version: 1,
  classes: [
    { id: 'c1', name: 'thumbs up', images: [{ id: 'i1', name: 'a.jpg', type: 'image/jpeg' }, { id: 'i2', name: 'a.jpg', type: 'image/jpeg' }] },
    { id: 'c2', name: '<b>ünï/cødé</b>', images: [{ id: 'i3', name: '../../etc/passwd.png', type: 'image/png' }] },
  ],
  settings: { ...DEFAULT_SETTINGS, epochs: 12, unfreeze: 2, frozenBlocks: [] },
  backboneId: 'mobilenet-v2-0.35',
  savedAt: '2026-11-28T12:00:00.000Z',
};
const bytes: Record<string, Uint8Array> = { i1: Uint8Array.of(1, 2, 3), i2: Uint8Array.of(4, 5), i3: Uint8Array.of(6) };

describe('project zip', () => {
  it('lays images out in class folders beside project.json and reads back the same project', () => {
    const zip = projectZip(record, (id) => bytes[id]);
    const names = Object.keys(unzipSync(zip)).sort();
    expect(names).toEqual(['images/1-thumbs up/1-a.jpg', 'images/1-thumbs up/2-a.jpg', 'images/2-_b_ünï_cødé_b_/1-.._.._etc_passwd.png', 'project.json']);
    const { record: back, files } = readProjectZip(zip);
    expect(back.classes.map((c) => c.name)).toEqual(['thumbs up', '<b>ünï/cødé</b>']);
    expect(back.classes[1].images[0].name).toBe('../../etc/passwd.png');
    expect(back.settings).toEqual(record.settings);
    expect(back.backboneId).toBe('mobilenet-v2-0.35');
    expect([...files.keys()]).toEqual(['i1', 'i2', 'i3']);
    expect(Array.from(files.get('i2')!)).toEqual([4, 5]);
  });

  it('refuses a file that is not a zip', () => {
    expect(() => readProjectZip(strToU8('%PDF-1.7 not a zip'))).toThrow(/not a project zip/);
  });

  it('refuses paths outside its folders', () => {
    for (const evil of ['../evil.jpg', '/abs.jpg', 'images/../../x.jpg', 'C:/x.jpg']) {
      const zip = zipSync({ 'project.json': strToU8('{}'), [evil]: Uint8Array.of(1) });
      expect(() => readProjectZip(zip)).toThrow(/path outside its folders/);
    }
  });

  it('refuses a zip bomb before inflating it', () => {
    const zip = zipSync({ 'project.json': strToU8('{}'), 'images/1-a/1-zeros.png': new Uint8Array(4 * 2 ** 20) }, { level: 9 });
    expect(zip.length).toBeLessThan(50_000);
    expect(() => readProjectZip(zip)).toThrow(/zip bomb/);
  });

  it('refuses a zip without project.json, with broken JSON, or with an image file missing', () => {
    expect(() => readProjectZip(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/no project\.json/);
    expect(() => readProjectZip(zipSync({ 'project.json': strToU8('{nope') }))).toThrow(/not valid JSON/);
    const zip = projectZip(record, (id) => bytes[id]);
    const parts = unzipSync(zip);
    delete parts['images/1-thumbs up/2-a.jpg'];
    expect(() => readProjectZip(zipSync(parts))).toThrow(/lists "a\.jpg" in "thumbs up" but the zip has no file/);
  });
});

describe('parseProjectRecord', () => {
  it('names what is wrong with wrong types', () => {
    const bad = (patch: Record<string, unknown>) => () => parseProjectRecord({ ...record, ...patch });
    expect(bad({ version: 2 })).toThrow(/unsupported version 2/);
    expect(bad({ classes: 'all of them' })).toThrow(/"classes" must be a list/);
    expect(bad({ classes: [{ id: 'c', name: 7, images: [] }] })).toThrow(/class 1 needs a name/);
    expect(bad({ classes: [{ id: 'c', name: 'x', images: [{ id: 1, name: 'a', type: 'image/png' }] }] })).toThrow(/image 1 of class "x" needs string id/);
    expect(bad({ settings: { ...DEFAULT_SETTINGS, epochs: '10' } })).toThrow(/setting "epochs" must be a number/);
    expect(bad({ settings: { ...DEFAULT_SETTINGS, epochs: -1 } })).toThrow(/Epochs must be a whole number/);
    expect(bad({ settings: { ...DEFAULT_SETTINGS, cropMode: 'diagonal' } })).toThrow(/crop mode must be one of/);
    expect(bad({ backboneId: null })).toThrow(/"backboneId" must be a string/);
    expect(() => parseProjectRecord([1, 2])).toThrow(/not a JSON object/);
    const dup = { id: 'c', name: 'x', images: [{ id: 'same', name: 'a', type: '' }, { id: 'same', name: 'b', type: '' }] };
    expect(bad({ classes: [dup] })).toThrow(/two images share an id/);
  });
});
