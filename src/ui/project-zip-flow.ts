import { carriedLimit, reopenLimit } from '../core/project/project-limits';
import { currentRecord } from '../state/page-record';
import { useProject } from '../state/project';
import { useTraining } from '../state/training';
import type { RunRecord } from '../state/run-record';
import { IMPORTED_JSON, IMPORTED_ZIP, importedJson, MODEL_PATH, RESULT_JSON, RUNS_JSON } from '../core/project/carried';
import { listed } from '../core/listed';
import { carriedForZip, carryInterrupted, carryPrevious, modelsForZip } from './project-carried';
import { plannedEpochs, type InterruptedRun } from '../core/train/interrupted';
import { useBackbone } from '../state/backbone';
import { useModelInUse } from '../state/model-in-use';
import { saveBlob } from './save-file';

/** What the project bar says while a zip is written or read: progress, the outcome, or why it failed. */
export type Say = (message: { error: boolean; text: string }) => void;

export const mb = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** "1 class", "2 classes" */
export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** how often a long zip read or write says how far it got */
export const PROGRESS_EVERY = 50;

/**
 * What waits while a project zip is written or read, or images are being added, and why (null:
 * nothing does). New project and Open project wait for either zip: mid-download they replaced the
 * project the zip was being written from (its progress then wrote over "Started a new, empty
 * project."), and the zip lost what it had not read yet. Download waits for a zip being opened.
 * Both wait for a drop being added too: the rest of its images went into the new or opened project.
 */
export function zipLock(
  writing: boolean,
  opening: boolean,
  adding = false,
): { replace: boolean; download: boolean; why: string } | null {
  if (writing)
    return {
      replace: true,
      download: false,
      why: 'New project and Open project wait until the project zip is written.',
    };
  if (opening)
    return {
      replace: true,
      download: true,
      why: 'Download project, New project and Open project wait until the project zip is open.',
    };
  if (adding)
    return {
      replace: true,
      download: false,
      why: 'New project and Open project wait until the images being added are in.',
    };
  return null;
}

/**
 * The project bar's lines under its buttons: the autosave's error and what the zip flow says, each
 * its own. With one line for both, a standing autosave error (storage full, which says to use
 * Download project) hid the download's progress, its outcome and its failure.
 */
export function barLines(
  saveError: string | null | undefined,
  zip: { error: boolean; text: string } | null,
): { key: 'save' | 'zip'; error: boolean; text: string }[] {
  return [
    ...(saveError ? [{ key: 'save' as const, error: true, text: saveError }] : []),
    ...(zip ? [{ key: 'zip' as const, ...zip }] : []),
  ];
}

const download = saveBlob;

type ZipModels = Awaited<ReturnType<typeof modelsForZip>> & {
  /** why the model could not be had (its export, or its read from storage, failed): the zip is written without it */
  failed?: string;
};

/** "the interrupted run (after epoch 7 of 30)", as the download's and the open's lines list it */
export const interruptedWords = (run: InterruptedRun, whose = 'the '): string =>
  `${whose}interrupted run (after epoch ${run.checkpoint.epoch} of ${plannedEpochs(run)})`;

/** What the outcome adds when the zip holds no model though the project has one (`why`: the failure's words). */
export function modelLeftOut(why: string): string {
  return ` It was written without the model, which could not be made ready for it (${why.replace(/\.$/, '')}).`;
}

/**
 * The models, run history, starting point and brought backbones of the project as the download
 * starts. Read once the model was exported (seconds) and the zip code loaded, they were those of
 * whatever had replaced the project by then: a zip of one project's images with none of its runs.
 */
function carriedNow(backboneId: string): {
  runs: RunRecord[];
  interrupted: InterruptedRun | null;
  gathered: Promise<{ models: ZipModels; carried: Awaited<ReturnType<typeof carriedForZip>> }>;
} {
  const { runs, interrupted } = useTraining.getState();
  // a model that cannot be had (its export failed) leaves the images and settings to be written, and is said
  const models: Promise<ZipModels> = modelsForZip().catch((err: unknown) => ({
    failed: (err as Error)?.message || String(err),
  }));
  // the model trained here names its backbone at once (its export can take seconds), a kept one as
  // it is read: the starting point is read with it, not after the export
  const inUse = useModelInUse.getState().model?.kind === 'trained' && useTraining.getState().result;
  const modelBackbone = inUse
    ? Promise.resolve(useBackbone.getState().loaded?.id)
    : models.then((m) => m.trained?.saved.backboneId);
  const gathered = modelBackbone.then(async (early) => {
    const [m, carried] = await Promise.all([models, carriedForZip(backboneId, early)]);
    const id = m.trained?.saved.backboneId;
    // the model's own backbone travels with it: one that turned out otherwise (its export failed,
    // the backbone changed as it was built) is carried as the model says
    return { models: m, carried: id === early ? carried : await carriedForZip(backboneId, id) };
  });
  return { runs, interrupted, gathered };
}

/**
 * Why the project's images alone make a zip Open project could not read again (null: they do not),
 * asked before the zip is written: it was said only after minutes of writing tens of gigabytes.
 */
export function imagesTooLargeToReopen(): string | null {
  return imagesLimit(useProject.getState().classes.flatMap((c) => c.images.map((im) => im.file.size)));
}

/** Open project's limits on images, which are not the carried files' (the reader counts them apart) */
const imagesLimit = (sizes: readonly number[]): string | null =>
  reopenLimit(
    sizes.length,
    sizes.reduce((n, size) => n + size, 0),
    sizes.reduce((a, b) => Math.max(a, b), 0),
  );

/**
 * Why a zip of these images and files (the carried ones and the model, by their paths in the zip)
 * could not be opened again (null: it could).
 */
export function zipTooLargeToReopen(
  imageSizes: readonly number[],
  files: readonly { path: string; bytes: number }[],
): string | null {
  // the model is limited on its own: Open project counts only the carried files' total
  const carried = files.filter((f) => f.path !== MODEL_PATH).reduce((n, f) => n + f.bytes, 0);
  return imagesLimit(imageSizes) ?? carriedLimit(files, carried);
}

/** The whole project (settings, classes, images and the model answering) downloaded as one zip. */
export async function downloadProject(say: Say): Promise<void> {
  const record = currentRecord();
  const all = new Map(useProject.getState().classes.flatMap((c) => c.images.map((im) => [im.id, im.file] as const)));
  const { runs, interrupted, gathered } = carriedNow(record.backboneId);
  const sizes = [...all.values()].map((f) => f.size);
  const bytes = sizes.reduce((n, size) => n + size, 0);
  say({ error: false, text: `Writing the project zip: 0/${all.size} images…` });
  try {
    // images are streamed into the zip one by one: a large project is never held twice in the page
    const [{ writeProjectZip }, { models, carried }] = await Promise.all([
      import('../core/project/project-zip'),
      gathered,
    ]);
    const model =
      models.trained && new Blob([models.trained.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
    // the trained model's results and the run history: Evaluate and the runs show where it opens
    const { trainedBytes, runsBytes } = await import('../state/result-file');
    if (models.trained) carried.files.set(RESULT_JSON, trainedBytes(models.trained.saved));
    if (models.imported) {
      carried.files.set(IMPORTED_ZIP, models.imported.zip);
      // its name and id: a starting point cut from it is known as its head where the zip opens; a
      // waiting head's backbone too: there it waits at once, and is said to (it was "its model")
      carried.files.set(IMPORTED_JSON, importedJson(models.imported));
    }
    if (runs.length) carried.files.set(RUNS_JSON, runsBytes(runs));
    // the run offered to resume: Resume training is offered where the zip opens
    const interruptedLeftOut = interrupted && carryInterrupted(carried.files, interrupted);
    // last: left out for room, it is the model that matters least
    const { previous } = models;
    const previousLeftOut =
      previous &&
      ('failed' in previous
        ? previous.failed
        : carryPrevious(carried.files, previous.zip, trainedBytes(previous.saved)));
    // the backbones and starting point travel in the zip too (their files are split below the per-file limit)
    const tooLarge = zipTooLargeToReopen(sizes, [
      ...[...carried.files].map(([path, b]) => ({ path, bytes: b.length })),
      ...(model ? [{ path: MODEL_PATH, bytes: model.size }] : []),
    ]);
    const zip = await writeProjectZip(
      record,
      (id) => all.get(id)!,
      (n, total) => {
        if (n % PROGRESS_EVERY === 0) say({ error: false, text: `Writing the project zip: ${n}/${total} images…` });
      },
      model,
      carried.files,
    );
    download(zip, 'transfer-studio-project.zip');
    const what = listed([
      count(all.size, 'image', 'images'),
      ...(model ? ['the model with its results'] : []),
      ...(previous && !previousLeftOut ? ['the model trained before it'] : []),
      ...(models.imported
        ? [
            models.imported.waiting
              ? 'the imported model waiting for its backbone'
              : 'the imported model answering Try it',
          ]
        : []),
      ...(runs.length ? [count(runs.length, 'run', 'runs')] : []),
      ...(interrupted && !interruptedLeftOut ? [interruptedWords(interrupted)] : []),
      ...carried.parts,
    ]);
    // a brought backbone not kept in the offline cache (storage was full) cannot travel: said, not hidden
    const without = [
      carried.missing.length
        ? ` It does not hold ${listed(carried.missing)}: not kept in this browser's storage, so bring its files again where you open it.`
        : '',
      models.failed !== undefined ? modelLeftOut(models.failed) : '',
      previousLeftOut ? ` It was written without the model trained before it (${previousLeftOut}).` : '',
      interruptedLeftOut
        ? ` It was written without the interrupted run (${interruptedLeftOut}): resume it here before you move the project.`
        : '',
    ].join('');
    say(
      tooLarge
        ? {
            error: true,
            text: `This project's zip cannot be opened here again: ${tooLarge}. It stays saved in this browser; split it into smaller projects to move it.${without}`,
          }
        : { error: !!without, text: `Project zip written: ${what}, ${mb(zip.size)}.${without}` },
    );
  } catch (err) {
    // a private window keeps a download's blob in memory: ~1.5 GB of photos already open there left no room for their zip
    const room =
      bytes > 2 ** 29
        ? ` The browser may not have had room for a ${mb(bytes)} zip (a private window keeps downloads in memory).`
        : '';
    say({
      error: true,
      text: `The project zip could not be written: ${(err as Error).message}.${room} The project stays saved in this browser.`,
    });
  }
}
