import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZIP_LIMITS } from '../src/core/project/project-limits';
import { readProjectZip } from '../src/core/project/project-zip';
import type { ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

// Finder's "Compress" adds a `__MACOSX/._name` entry beside every file: a project of 10,000 images
// unzipped and compressed again holds over 20,000 entries, of which half are the system's.

const record = (images: number): ProjectRecord => ({
  version: 1,
  classes: [
    {
      id: 'c',
      name: 'a',
      images: Array.from({ length: images }, (_, i) => ({
        id: `i${i}`,
        name: `${i}.jpg`,
        type: 'image/jpeg',
        path: `images/${i}.jpg`,
      })),
    },
  ],
  settings: { ...DEFAULT_SETTINGS },
  backboneId: 'mobilenet-v1-0.25',
  savedAt: '2026-12-05T12:00:00.000Z',
});

function zipOf(images: number, systemCopies: number): Blob {
  const files: Record<string, Uint8Array> = { 'p/project.json': strToU8(JSON.stringify(record(images))) };
  for (let i = 0; i < images; i++) files[`p/images/${i}.jpg`] = Uint8Array.of(0xff, 0xd8, 0xff, i & 0xff);
  for (let i = 0; i < systemCopies; i++) files[`__MACOSX/p/images/._${i}.jpg`] = Uint8Array.of(0, 5, 22, 7);
  return new Blob([zipSync(files, { level: 0 })]);
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (err: Error) => err.message,
  );

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
