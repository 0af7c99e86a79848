import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { UsageError } from './args';

/** Kernel file systems: writes there fail oddly or do harm, and reading an export back from them never ends. */
const VIRTUAL = ['/proc', '/sys'];

const statOf = (path: string) => stat(path).catch(() => null);

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/** The nearest folder above `path` that exists (a file there is returned too: the caller says so). */
async function existingAncestor(path: string): Promise<string> {
  let at = dirname(path);
  while (!(await statOf(at)) && dirname(at) !== at) at = dirname(at);
  return at;
}

function refuseVirtual(flag: string, path: string): void {
  const under = VIRTUAL.find((v) => path === v || path.startsWith(v + sep));
  if (under)
    throw new UsageError(
      `${flag} ${path} is inside ${under}, a virtual file system of the kernel: pick a folder on disk`,
    );
}

/** --out: a folder that exists or can be created, and can be written. */
async function checkOut(given: string): Promise<void> {
  const path = resolve(given);
  refuseVirtual('--out', path);
  const found = await statOf(path);
  if (found && !found.isDirectory())
    throw new UsageError(
      `--out ${given} is a file; give a folder to write the model into (it is created when missing)`,
    );
  const where = found ? path : await existingAncestor(path);
  const above = await statOf(where);
  if (!above?.isDirectory()) throw new UsageError(`--out ${given} cannot be created: ${where} is a file, not a folder`);
  if (!(await writable(where))) throw new UsageError(`--out ${given}: ${where} is not writable`);
}

/** --json: a file (new or to be replaced) in a folder that exists and can be written. */
async function checkJson(given: string): Promise<void> {
  const path = resolve(given);
  refuseVirtual('--json', path);
  const found = await statOf(path);
  if (found?.isDirectory()) throw new UsageError(`--json ${given} is a folder; give a file name for the summary`);
  const folder = await statOf(dirname(path));
  if (!folder) throw new UsageError(`--json ${given}: the folder ${dirname(path)} does not exist`);
  if (!folder.isDirectory()) throw new UsageError(`--json ${given}: ${dirname(path)} is a file, not a folder`);
  if (!(await writable(found ? path : dirname(path)))) throw new UsageError(`--json ${given} is not writable`);
}

/** Checks where the results will go before any training, so a bad path costs seconds, not a run. */
export async function checkOutputPaths({ out, json }: { out: string | null; json: string | null }): Promise<void> {
  if (out) await checkOut(out);
  if (json) await checkJson(json);
  if (out && json && resolve(json) === resolve(out)) throw new UsageError('--json and --out name the same path');
}
