import { describe, expect, it } from 'vitest';
import { ZIP_LIMITS } from '../src/core/project/project-limits';
import { readProjectZip } from '../src/core/project/project-zip';
import { jpegClass, projectRecord, projectZipFile, refusal } from './helpers-project-zip';

// Finder's "Compress" adds a `__MACOSX/._name` entry beside every file: a project of 10,000 images
// unzipped and compressed again holds over 20,000 entries, of which half are the system's.

function zipOf(images: number, systemCopies: number): Blob {
  const paths = Array.from({ length: images }, (_, i) => `images/${i}.jpg`);
  const files = Object.fromEntries(paths.map((path, i) => [path, Uint8Array.of(0xff, 0xd8, 0xff, i & 0xff)]));
  const beside: Record<string, Uint8Array> = {};
  for (let i = 0; i < systemCopies; i++) beside[`__MACOSX/p/images/._${i}.jpg`] = Uint8Array.of(0, 5, 22, 7);
  return projectZipFile(projectRecord([jpegClass(paths)]), files, { root: 'p/', beside, level: 0 });
}

describe("Open project's entry limit counts the project's files, not the system's copies beside them", () => {
  it('opens a re-compressed project whose __MACOSX entries take it past the limit', async () => {
    const opened = await readProjectZip(zipOf(3, ZIP_LIMITS.entries));
    expect(opened.record.classes[0].images).toHaveLength(3);
    expect(opened.files.size).toBe(3);
  }, 60_000);

  it('still refuses more files of the project than the limit', async () => {
    expect(await refusal(readProjectZip(zipOf(ZIP_LIMITS.entries + 1, 0)))).toBe(
      `The project zip was refused: it holds more than ${ZIP_LIMITS.entries} files. Nothing was imported.`,
    );
  }, 60_000);

  it('refuses a zip of system entries past twice the limit outright (no one listing a million of them)', async () => {
    expect(await refusal(readProjectZip(zipOf(1, 2 * ZIP_LIMITS.entries)))).toBe(
      `The project zip was refused: beside its own files it holds ${2 * ZIP_LIMITS.entries} files the system added (__MACOSX/, .DS_Store and the like), more than ${ZIP_LIMITS.entries}. Zip the project's files again without them. Nothing was imported.`,
    );
  }, 60_000);
});
