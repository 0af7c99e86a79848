import { reopenLimit } from '../core/project/project-limits';
import { applyRecord, currentRecord } from '../state/persist';
import { useProject } from '../state/project';
import { replaceProject } from '../state/project-undo';
import { exportFor, loadImportedModel, loadSavedModel } from '../state/model-store';
import { useModelInUse } from '../state/model-in-use';
import { isRunning, useTraining } from '../state/training';
import { adoptProjectModel, adoptProjectStart } from '../state/restore-trained';
import { addCarriedBackbones, carriedForZip, listed, readCarried } from './project-carried';

/** What the project bar says while a zip is written or read: progress, the outcome, or why it failed. */
export type Say = (message: { error: boolean; text: string }) => void;

export const mb = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** "1 class", "2 classes" */
export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** how often a long zip read or write says how far it got */
const PROGRESS_EVERY = 50;

function download(zip: Blob, name: string) {
  const url = URL.createObjectURL(zip);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The model answering Try it, as its export zip: an imported one, or the one trained here. None
 * when nothing answers (another backbone was loaded since) or its zip is not in storage.
 */
async function modelAnswering(): Promise<Blob | undefined> {
  const answering = useModelInUse.getState().model;
  const result = useTraining.getState().result;
  let zip: Uint8Array | undefined;
  if (answering?.kind === 'imported') zip = (await loadImportedModel())?.zip;
  // a run's model: its export, built once and shared (its save to storage may still be under way)
  else if (answering?.kind === 'trained' && result) zip = (await exportFor(result)).zip;
  else if (answering) zip = (await loadSavedModel())?.zip;
  return zip && new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

/** The whole project (settings, classes, images and the model answering) downloaded as one zip. */
export async function downloadProject(say: Say): Promise<void> {
  const record = currentRecord();
  const all = new Map(useProject.getState().classes.flatMap((c) => c.images.map((im) => [im.id, im.file] as const)));
  const sizes = [...all.values()].map((f) => f.size);
  const bytes = sizes.reduce((n, size) => n + size, 0);
  say({ error: false, text: `Writing the project zip: 0/${all.size} images…` });
  try {
    // images are streamed into the zip one by one: a large project is never held twice in the page
    const { writeProjectZip } = await import('../core/project/project-zip');
    // a model that cannot be had (its export failed) leaves the images and settings to be written
    const model = await modelAnswering().catch(() => undefined);
    const carried = await carriedForZip(record.backboneId);
    // the backbones and starting point travel in the zip too (their files are split below the per-file limit)
    const carriedBytes = [...carried.files.values()].reduce((n, b) => n + b.length, 0);
    const tooLarge = reopenLimit(all.size, bytes + carriedBytes, Math.max(0, ...sizes));
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
    const what = listed([count(all.size, 'image', 'images'), ...(model ? ['the model'] : []), ...carried.parts]);
    // a brought backbone not kept in the offline cache (storage was full) cannot travel: said, not hidden
    const without = carried.missing.length
      ? ` It does not hold ${listed(carried.missing)}: not kept in this browser's storage, so bring its files again where you open it.`
      : '';
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

/**
 * Opens a project zip in place of the current project. The current project stays as it is until
 * the new one has been read whole; then it is kept aside and offered back (Undo) by replaceProject.
 */
export async function openProjectZip(name: string, zip: Blob, say: Say): Promise<void> {
  try {
    say({ error: false, text: `Opening ${name}: reading the zip…` });
    // the zip is read from its central directory and each image streamed out, so its size is
    // bounded by browser storage, not by what the page can hold at once
    const { readProjectZip } = await import('../core/project/project-zip');
    const { record, files, model, carried } = await readProjectZip(zip, (n, total) => {
      if (n % PROGRESS_EVERY === 0) say({ error: false, text: `Opening ${name}: ${n}/${total} images…` });
    });
    const byId = new Map<string, File>();
    for (const c of record.classes)
      for (const im of c.images) byId.set(im.id, new File([files.get(im.id)!], im.name, { type: im.type }));
    const modelBytes = model && new Uint8Array(await model.arrayBuffer());
    // a run started while a large zip was read uses the classes and the backbone it would replace
    if (isRunning(useTraining.getState().status))
      throw new Error('a run started while the zip was read. Nothing was replaced: open it again when the run ends.');
    const { start, backbones, problems } = readCarried(carried);
    // listed before the project opens, so a project on a brought backbone finds it
    const added = await addCarriedBackbones(backbones, problems);
    // reading a large backbone takes seconds: a run may have started meanwhile
    if (isRunning(useTraining.getState().status))
      throw new Error('a run started while the zip was read. Nothing was replaced: open it again when the run ends.');
    await replaceProject(`Opened ${name}`, () => void applyRecord(record, (id) => byId.get(id)));
    // after the project's backbone has started loading: the model waits for it, as after a reload
    if (modelBytes) void adoptProjectModel(modelBytes, `the model in ${name}`);
    if (start) void adoptProjectStart(start);
    const what = listed([
      count(byId.size, 'image', 'images'),
      ...(modelBytes ? ['its model'] : []),
      ...(start ? [`its starting point from ${start.modelName}`] : []),
      ...added,
    ]);
    const unread = problems.length ? ` Left out: ${listed(problems)}.` : '';
    say({
      error: !!unread,
      text: `Opened ${name}: ${count(record.classes.length, 'class', 'classes')}, ${what}.${unread}`,
    });
  } catch (err) {
    say({ error: true, text: `${name}: ${(err as Error).message}` });
  }
}
