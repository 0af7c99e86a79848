import { constants } from 'node:fs';
import { access, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/** `path` with links resolved as far as it exists (the rest appended): a link cannot hide where it leads. */
async function realPath(path: string): Promise<string> {
  const rest: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    const real = await realpath(at).catch(() => null);
    if (real) return join(real, ...rest.reverse());
    if (dirname(at) === at) return path;
    rest.push(basename(at));
  }
}

/**
 * An earlier export (this CLI's --out, or the studio's zip unpacked): its metadata.json names the
 * labels and the preprocessing. Only such a folder is written into when it already holds files.
 */
async function earlierExport(dir: string): Promise<boolean> {
  const meta = join(dir, 'metadata.json');
  // a metadata.json of ours is a few kB: a huge one is someone else's, and is not read whole
  if (((await statOf(meta))?.size ?? Infinity) > 2 ** 20) return false;
  try {
    const m = JSON.parse(await readFile(meta, 'utf8')) as { labels?: unknown; preprocessing?: unknown };
    return Array.isArray(m.labels) && typeof m.preprocessing === 'object' && m.preprocessing !== null;
  } catch {
    return false;
  }
}

/**
 * The dataset's sub-folders are its classes: an export written there (head/, golden/) became
 * classes of the next run, which then failed on them.
 */
async function refuseInsideDataset(given: string, path: string, datasetDir: string): Promise<void> {
  const [out, data] = await Promise.all([realPath(path), realPath(resolve(datasetDir))]);
  const rel = relative(data, out);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return;
  const why = `its sub-folders are read as classes, so head/ and golden/ would become classes of the next run; pick a folder outside ${datasetDir}`;
  throw new UsageError(
    rel === ''
      ? `--out ${given} is the dataset folder: ${why}`
      : `--out ${given} is inside the dataset folder ${datasetDir}: ${why}`,
  );
}

/**
 * --out: a folder that exists or can be created, and can be written; outside the dataset, and
 * either empty (hidden files aside) or an earlier export, whose files this run replaces.
 */
async function checkOut(given: string, datasetDir?: string): Promise<void> {
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
  if (datasetDir) await refuseInsideDataset(given, path, datasetDir);
  if (!found) return;
  const names = await readdir(path).catch(() => null);
  if (!names) throw new UsageError(`--out ${given}: the folder cannot be read`);
  if (names.some((n) => !n.startsWith('.')) && !(await earlierExport(path)))
    throw new UsageError(
      `--out ${given} already holds files that are not an earlier export (no metadata.json written by this CLI): give a new or empty folder, or the folder of an earlier export to replace it`,
    );
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
export async function checkOutputPaths({
  out,
  json,
  datasetDir,
}: {
  out: string | null;
  json: string | null;
  datasetDir?: string;
}): Promise<void> {
  if (out) await checkOut(out, datasetDir);
  if (json) await checkJson(json);
  if (out && json && resolve(json) === resolve(out)) throw new UsageError('--json and --out name the same path');
}
