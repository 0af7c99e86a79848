import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RUNS_JSON } from '../src/core/project/carried';
import { readProjectZip, writeProjectZip } from '../src/core/project/project-zip';
import { blobsOf, bytesOf, entriesOf, projectRecord } from './helpers-project-zip';

// A project zip someone unzipped and compressed again with Finder or Explorer: the folder's name
// comes before every path, and Finder adds __MACOSX/ and .DS_Store beside them.

const record = projectRecord([
  { id: 'c1', name: 'cats', images: [{ id: 'i1', name: 'a.jpg', type: 'image/jpeg' }] },
  { id: 'c2', name: 'dogs', images: [{ id: 'i2', name: 'b.jpg', type: 'image/jpeg' }] },
]);
const blobOf = blobsOf({ i1: Uint8Array.of(1, 2, 3), i2: Uint8Array.of(4, 5) });

/** the project zip's own files: project.json, the images, the model and the run history */
async function projectFiles(): Promise<Record<string, Uint8Array>> {
  const model = new Blob([Uint8Array.of(80, 75, 3, 4, 9)]);
  const carried = new Map([[RUNS_JSON, strToU8('[]')]]);
  return entriesOf(await writeProjectZip(record, blobOf, undefined, model, carried));
}

/** the files again under `folders` (each folder a copy), with what Finder adds */
function rezipped(files: Record<string, Uint8Array>, ...folders: string[]): Blob {
  const out: Record<string, Uint8Array> = {};
  for (const folder of folders)
    for (const [path, data] of Object.entries(files)) {
      out[`${folder}/${path}`] = data;
      out[`__MACOSX/${folder}/${path.replace(/[^/]+$/, (n) => `._${n}`)}`] = Uint8Array.of(0, 5, 22, 7);
    }
  for (const folder of folders) out[`${folder}/.DS_Store`] = Uint8Array.of(0, 0, 0, 1);
  return new Blob([zipSync(out, { level: 0 })]);
}

describe('a project zip compressed again from its unzipped folder', () => {
  it('opens: project.json in the one folder, every path read under it, __MACOSX and .DS_Store left alone', async () => {
    const { record: back, files, model, carried } = await readProjectZip(rezipped(await projectFiles(), 'My project'));
    expect(back.classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    expect(await bytesOf(files.get('i1')!)).toEqual([1, 2, 3]);
    expect(await bytesOf(files.get('i2')!)).toEqual([4, 5]);
    expect(await bytesOf(model!)).toEqual([80, 75, 3, 4, 9]);
    expect([...carried.keys()]).toEqual([RUNS_JSON]);
  });

  it('is refused, saying to zip the files inside the folder, where project.json is in more than one folder or deeper', async () => {
    const files = await projectFiles();
    await expect(readProjectZip(rezipped(files, 'one', 'two'))).rejects.toThrow(
      /no project\.json at its top \(2 of its folders hold one.*\): zip the files inside the project's folder, not the folder\. Nothing was imported/,
    );
    await expect(readProjectZip(rezipped(files, 'outer/My project'))).rejects.toThrow(
      /\("outer\/My project" holds it\): zip the files inside the project's folder, not the folder/,
    );
    // a zip of anything else is still no project; __MACOSX's copy of project.json does not make one
    const stray = new Blob([zipSync({ 'a/b.txt': strToU8('x'), '__MACOSX/a/project.json': strToU8('{}') })]);
    await expect(readProjectZip(stray)).rejects.toThrow(
      'The zip has no project.json: it is not a Transfer Studio project. Nothing was imported.',
    );
  });

  it("is refused as a model's zip, pointing to Try it's model import, where it holds a model.json", async () => {
    const model = { 'model.json': strToU8('{}'), 'weights.bin': new Uint8Array(4), 'metadata.json': strToU8('{}') };
    for (const zip of [zipSync(model), zipSync({ 'my-model/model.json': strToU8('{}') })])
      await expect(readProjectZip(new Blob([zip]))).rejects.toThrow(
        /^This zip holds a model, not a project: import it with “Import a model \(zip\)…” in Try it/,
      );
  });
});
