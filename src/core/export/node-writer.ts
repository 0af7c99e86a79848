import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportFiles, type ExportInput } from './artifacts';

/** Writes the export layout unzipped into `dir` (the CLI's --out); `summary` becomes run.json. */
export async function exportToDir(dir: string, input: ExportInput & { summary?: unknown }): Promise<string[]> {
  const files = await exportFiles(input);
  if (input.summary) files.set('run.json', JSON.stringify(input.summary, null, 2));
  for (const [name, content] of files) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return [...files.keys()];
}
