import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadBackbone, urlCandidates, type Candidate, type LoadedBackbone } from '../core/backbones/load';
import { dirModelFiles } from '../core/backbones/node-files';
import type { BackboneSpec } from '../core/backbones/registry';
import { UsageError } from './args';

/**
 * Where the backbone is read from. A models folder the person named (--models or
 * STUDIO_MODELS_DIR) is the only place tried, and must hold the backbone: a mistyped one used to
 * fall back to the hosted copy without a word, or fail with the browser's advice.
 * The folder found by default (`fallback`) is tried before the hosted copy, as before.
 */
export function backboneCandidates(spec: BackboneSpec, given: string | null, fallback: string | null): Candidate[] {
  if (given && spec.localPath) {
    const expected = join(resolve(given), spec.localPath);
    if (!existsSync(expected))
      throw new UsageError(
        `the models folder ${given} (--models, else $STUDIO_MODELS_DIR) has no ${spec.name}: ${expected} does not exist. ` +
          `Point --models at the folder that holds ${dirname(spec.localPath)}/, or leave --models and STUDIO_MODELS_DIR unset to use the default`,
      );
    return [{ source: 'local', files: dirModelFiles(dirname(expected)) }];
  }
  const base = given ?? fallback;
  return base && spec.localPath
    ? [
        { source: 'local', files: dirModelFiles(join(resolve(base), dirname(spec.localPath))) },
        ...urlCandidates(spec, null),
      ]
    : urlCandidates(spec, null);
}

/** loadBackbone, its failure told in the CLI's terms (the core's last line advises the studio's user). */
export async function loadCliBackbone(
  spec: BackboneSpec,
  candidates: readonly Candidate[],
  given: string | null,
): Promise<LoadedBackbone> {
  try {
    return await loadBackbone(spec, candidates);
  } catch (err) {
    const message = (err as Error).message.replace(/\n?Connect to the internet once[^\n]*$/, '');
    const file = spec.localPath || 'model.json';
    const hint = given
      ? `Check that --models ${given} (or $STUDIO_MODELS_DIR) holds a complete copy of ${spec.name}: ${file} and every weight file it lists.`
      : `Give --models <dir> (or set STUDIO_MODELS_DIR) naming a folder that holds ${file} and its weight files, or connect to the internet for the hosted copy.`;
    throw new Error(`${message}\n${hint}`, { cause: err });
  }
}
