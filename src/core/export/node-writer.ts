import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { exportFiles, type ExportFiles, type ExportInput } from './export-files';
import { checkExportFiles, type ExportCheck } from './verify';

/** Writes the export layout unzipped into `dir` (the CLI's --out); `summary` becomes run.json. */
export async function exportToDir(dir: string, input: ExportInput & { summary?: unknown }): Promise<string[]> {
  const files = await exportFiles(input);
  if (input.summary) files.set('run.json', JSON.stringify(input.summary, null, 2));
  return writeExportDir(dir, files);
}

/**
 * Model files an export may write. One this export does not write (a graph-model backbone has no
 * standalone model; a converter refused) is removed from a folder used before: left there, it was
 * shipped as this model's and checked against this run's golden pairs.
 */
const MODEL_FILES = ['model.json', 'weights.bin', 'model.onnx', 'model.tflite', 'head/model.json', 'head/weights.bin'];

/** Writes export files (exportRun's) into `dir`, sub-folders included. */
export async function writeExportDir(dir: string, files: ExportFiles): Promise<string[]> {
  await Promise.all(MODEL_FILES.filter((name) => !files.has(name)).map((name) => rm(join(dir, name), { force: true })));
  for (const [name, content] of files) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return [...files.keys()];
}

/**
 * Reads an export folder back from disk and checks its models against its golden.json. `names`:
 * the files the export wrote (writeExportDir's answer), the only ones read; without it every file
 * below `dir` is, which in a folder that holds more (a repository, node_modules) reads all of it.
 */
export async function checkExportDir(dir: string, names?: Iterable<string>): Promise<ExportCheck> {
  const files: Record<string, Uint8Array> = {};
  if (names) {
    for (const name of names) files[name] = new Uint8Array(await readFile(join(dir, name)));
    return checkExportFiles(files);
  }
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split('\\').join('/')] = new Uint8Array(await readFile(path));
  }
  return checkExportFiles(files);
}
