import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelFiles } from './model-files';

/** Model files in a folder on disk (CLI, unit tests). Shard paths are checked safe before reading. */
export function dirModelFiles(dir: string, modelJson = 'model.json'): ModelFiles {
  const where = join(dir, modelJson);
  return {
    where,
    readModelJson: async () => {
      try {
        return await readFile(where, 'utf8');
      } catch {
        throw new Error(`${where} does not exist`);
      }
    },
    readShard: async (path) => {
      const buf = await readFile(join(dir, path));
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    },
  };
}
