import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readProjectZip, writeProjectZip } from '../src/core/project/project-zip';
import { blobsOf, bytesOf, entriesOf, projectRecord, projectZipFile } from './helpers-project-zip';

const blobOf = blobsOf({ i1: Uint8Array.of(1, 2), i2: Uint8Array.of(3), i3: Uint8Array.of(4, 5, 6) });

describe('names in a project zip', () => {
  it('a name of letters outside the BMP opens again right after it was written (its folder was cut inside a letter)', async () => {
    const record = projectRecord([
      {
        id: 'c1',
        name: 'Ω' + '𠀀'.repeat(50),
        images: [{ id: 'i1', name: 'x' + '𝓬'.repeat(60) + '.jpg', type: 'image/jpeg' }],
      },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', name: 'd.jpg', type: 'image/jpeg' }] },
    ]);
    const zip = await writeProjectZip(record, blobOf);
    // every path is whole letters: no lone half of a surrogate pair (stored as U+FFFD)
    for (const path of Object.keys(await entriesOf(zip))) expect(path).not.toContain('\uFFFD');
    const { record: back, files } = await readProjectZip(zip);
    expect(back.classes.map((c) => c.name)).toEqual(record.classes.map((c) => c.name));
    expect(await bytesOf(files.get('i1')!)).toEqual([1, 2]);
    expect(await bytesOf(files.get('i2')!)).toEqual([3]);
  });

  it('opens a zip written before the fix, whose project.json names half a letter where the zip has U+FFFD', async () => {
    const half = 'x' + '𝓬'.repeat(39) + '\uD835';
    const project = projectRecord([
      {
        id: 'c1',
        name: 'a',
        images: [{ id: 'i1', name: 'x.jpg', type: 'image/jpeg', path: `images/1-a/1-${half}` }],
      },
    ]);
    const zip = projectZipFile(project, { [`images/1-a/1-${half.slice(0, -1)}\uFFFD`]: Uint8Array.of(7) });
    const { files } = await readProjectZip(zip);
    expect(await bytesOf(files.get('i1')!)).toEqual([7]);
  });

  it("opens a project re-zipped on a Mac (paths in decomposed form), and writes a decomposed name's paths composed", async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const record = projectRecord([
      { id: 'c1', name: 'Café', images: [{ id: 'i1', name: 'crème brûlée.jpg', type: 'image/jpeg' }] },
      { id: 'c2', name: nfd('Señor'), images: [{ id: 'i3', name: nfd('piñata.png'), type: 'image/png' }] },
    ]);
    const zip = await writeProjectZip(record, blobOf);
    const parts = await entriesOf(zip);
    expect(Object.keys(parts).every((p) => p === p.normalize('NFC'))).toBe(true);
    // Finder's Compress, from a folder on a disk that stores names decomposed
    const macZip = new Blob([
      zipSync(Object.fromEntries(Object.entries(parts).map(([p, b]) => [`my project/${nfd(p)}`, b]))),
    ]);
    expect(Object.keys(await entriesOf(macZip)).some((p) => p !== p.normalize('NFC'))).toBe(true);
    const { files } = await readProjectZip(macZip);
    expect(await bytesOf(files.get('i1')!)).toEqual([1, 2]);
    expect(await bytesOf(files.get('i3')!)).toEqual([4, 5, 6]);
  });
});
