import { allBackbones, CUSTOM_ID_PREFIX } from '../core/backbones/registry';
import {
  backboneFiles,
  readBackbones,
  readStart,
  startFiles,
  type CarriedBackbone,
  type CarriedFiles,
  type CarriedStart,
} from '../core/project/carried';
import { addCarriedBackbone } from '../state/custom-backbone';
import { loadStartingPoint } from '../state/model-store';
import { studioWorker } from '../worker/client';

/**
 * What a project zip carries beside its images and model (core/project/carried.ts): the starting
 * point in use, and the brought backbones the project and that starting point run on, from the
 * offline cache. `parts` says what went in; `missing`, what could not (not kept in this browser).
 */
export async function carriedForZip(
  backboneId: string,
): Promise<{ files: CarriedFiles; parts: string[]; missing: string[] }> {
  // the kept one: one made on another backbone than the loaded one is kept, though not in place now
  const point = (await loadStartingPoint().catch(() => undefined)) ?? null;
  const files: CarriedFiles = new Map(point ? startFiles(point) : []);
  const parts = point ? [`the starting point from ${point.modelName}`] : [];
  const missing: string[] = [];
  const ids = [...new Set([backboneId, point?.backboneId])].filter(
    (id): id is string => !!id?.startsWith(CUSTOM_ID_PREFIX),
  );
  for (const [k, id] of ids.entries()) {
    const spec = allBackbones().find((s) => s.id === id);
    const artifacts =
      spec &&
      (await studioWorker()
        .broughtBackboneArtifacts(id)
        .catch(() => null));
    if (!spec || !artifacts) {
      missing.push(spec?.name ?? id);
      continue;
    }
    for (const [path, bytes] of backboneFiles(k, spec, artifacts)) files.set(path, bytes);
    parts.push(`the backbone ${spec.name}`);
  }
  return { files, parts, missing };
}

/** What an opened zip carried, read before anything is replaced; what could not be read is said, not fatal. */
export function readCarried(carried: CarriedFiles): {
  start: CarriedStart | null;
  backbones: CarriedBackbone[];
  problems: string[];
} {
  const { backbones, problems } = readBackbones(carried);
  let start: CarriedStart | null = null;
  try {
    start = readStart(carried);
  } catch (err) {
    problems.push(`its training starting point (${(err as Error).message})`);
  }
  return { start, backbones, problems };
}

/** The carried backbones go onto this browser's list (before the project that names one opens); the names added. */
export async function addCarriedBackbones(backbones: CarriedBackbone[], problems: string[]): Promise<string[]> {
  const added: string[] = [];
  for (const b of backbones) {
    try {
      await addCarriedBackbone(b);
      added.push(`the backbone ${b.spec.name}`);
    } catch (err) {
      problems.push(`the backbone ${b.spec.name} (${(err as Error).message})`);
    }
  }
  return added;
}
