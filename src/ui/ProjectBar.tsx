import { FilePicker } from './FilePicker';
import { useRef, useState } from 'react';
import { reopenLimit } from '../core/project/project-limits';
import { applyRecord, currentRecord, usePersistence } from '../state/persist';
import { useProject } from '../state/project';
import { replaceProject } from '../state/project-undo';
import { exportFor, loadImportedModel, loadSavedModel } from '../state/model-store';
import { useModelInUse } from '../state/model-in-use';
import { isRunning, useTraining } from '../state/training';
import { adoptProjectModel } from '../state/restore-trained';
import { useRunning } from './useRunLock';
import { emptyProject } from '../state/coordinator';
import { ConfirmDialog } from './ConfirmDialog';
import { useImageCountSoon } from './useProjectSoon';
import { useStoreSoon } from './useStoreSoon';
import { focusAfterRemoval } from './focus-after-removal';

const mb = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

function download(zip: Blob, name: string) {
  const url = URL.createObjectURL(zip);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** what the bar shows of the autosave, as a transition: a save's start and end re-rendered the bar inside the save's own task */
const savedState = ({ status, error, usage, savedImages }: ReturnType<typeof usePersistence.getState>) => ({
  status,
  error,
  usage,
  savedImages,
});

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

/** how often a long zip read or write says how far it got */
const PROGRESS_EVERY = 50;

/** Autosave status, storage use, and the whole project as one zip (out and in). */
export function ProjectBar() {
  const { status, error, usage, savedImages } = useStoreSoon(usePersistence, savedState);
  const images = useImageCountSoon();
  const running = useRunning();
  const [pending, setPending] = useState<{ name: string; file: Blob } | null>(null);
  const [writing, setWriting] = useState(false);
  // while a zip is read, the project bar's other ways of replacing the project wait for it
  const [opening, setOpening] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const exportProject = async () => {
    const record = currentRecord();
    const all = new Map(useProject.getState().classes.flatMap((c) => c.images.map((im) => [im.id, im.file] as const)));
    const sizes = [...all.values()].map((f) => f.size);
    const bytes = sizes.reduce((n, size) => n + size, 0);
    const tooLarge = reopenLimit(all.size, bytes, Math.max(0, ...sizes));
    const warning = tooLarge
      ? `This project's zip cannot be opened here again: ${tooLarge}. It stays saved in this browser; split it into smaller projects to move it.`
      : null;
    setWriting(true);
    setMessage({ error: false, text: `Writing the project zip: 0/${all.size} images…` });
    try {
      // images are streamed into the zip one by one: a large project is never held twice in the page
      const { writeProjectZip } = await import('../core/project/project-zip');
      // a model that cannot be had (its export failed) leaves the images and settings to be written
      const model = await modelAnswering().catch(() => undefined);
      const zip = await writeProjectZip(
        record,
        (id) => all.get(id)!,
        (n, total) => {
          if (n % PROGRESS_EVERY === 0)
            setMessage({ error: false, text: `Writing the project zip: ${n}/${total} images…` });
        },
        model,
      );
      download(zip, 'transfer-studio-project.zip');
      setMessage(
        warning
          ? { error: true, text: warning }
          : {
              error: false,
              text: `Project zip written: ${all.size} images${model ? ' and the model' : ''}, ${mb(zip.size)}.`,
            },
      );
    } catch (err) {
      // a private window keeps a download's blob in memory: ~1.5 GB of photos already open there left no room for their zip
      const room =
        bytes > 2 ** 29
          ? ` The browser may not have had room for a ${mb(bytes)} zip (a private window keeps downloads in memory).`
          : '';
      setMessage({
        error: true,
        text: `The project zip could not be written: ${(err as Error).message}.${room} The project stays saved in this browser.`,
      });
    } finally {
      setWriting(false);
    }
  };

  const [askNew, setAskNew] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);

  // the current project stays as it is until the new one has been read whole; then it is kept
  // aside and offered back (Undo) by replaceProject
  const openProject = async (name: string, zip: Blob) => {
    setPending(null);
    setOpening(true);
    try {
      setMessage({ error: false, text: `Opening ${name}: reading the zip…` });
      // the zip is read from its central directory and each image streamed out, so its size is
      // bounded by browser storage, not by what the page can hold at once
      const { readProjectZip } = await import('../core/project/project-zip');
      const { record, files, model } = await readProjectZip(zip, (n, total) => {
        if (n % PROGRESS_EVERY === 0) setMessage({ error: false, text: `Opening ${name}: ${n}/${total} images…` });
      });
      const byId = new Map<string, File>();
      for (const c of record.classes)
        for (const im of c.images) byId.set(im.id, new File([files.get(im.id)!], im.name, { type: im.type }));
      const modelBytes = model && new Uint8Array(await model.arrayBuffer());
      // a run started while a large zip was read uses the classes and the backbone it would replace
      if (isRunning(useTraining.getState().status))
        throw new Error('a run started while the zip was read. Nothing was replaced: open it again when the run ends.');
      await replaceProject(`Opened ${name}`, () => void applyRecord(record, (id) => byId.get(id)));
      // after the project's backbone has started loading: the model waits for it, as after a reload
      if (modelBytes) void adoptProjectModel(modelBytes, `the model in ${name}`);
      setMessage({
        error: false,
        text: `Opened ${name}: ${record.classes.length} classes, ${byId.size} images${modelBytes ? ' and its model' : ''}.`,
      });
    } catch (err) {
      setMessage({ error: true, text: `${name}: ${(err as Error).message}` });
    } finally {
      setOpening(false);
    }
  };

  const newProject = async () => {
    setAskNew(false);
    await replaceProject('Started a new project', emptyProject);
    setMessage({ error: false, text: 'Started a new, empty project.' });
  };

  const saveText =
    status === 'restoring'
      ? 'Restoring your project…'
      : status === 'saving'
        ? 'Saving…'
        : status === 'saved'
          ? `Saved in this browser (${savedImages} images)`
          : images
            ? 'Not saved yet'
            : 'Nothing to save yet';

  return (
    <div className="project-bar" role="group" aria-label="Project">
      <span role="status" aria-live="polite" data-testid="save-status">
        <span className="save-state">{saveText}</span>
        {usage && (
          <span className="storage-use">
            <span className="visually-hidden"> · </span>storage {`${mb(usage.used)} of ${mb(usage.quota)}`}
          </span>
        )}
      </span>
      <button type="button" onClick={() => void exportProject()} disabled={!images || writing || opening}>
        Download project (zip)
      </button>
      <FilePicker
        accept=".zip,application/zip"
        ariaLabel="Open a project zip"
        disabled={running || opening}
        onFiles={([file]) => {
          if (!file) return;
          if (images) setPending({ name: file.name, file });
          else void openProject(file.name, file);
        }}
      >
        Open project…
      </FilePicker>
      <button
        ref={newButton}
        type="button"
        className="new-project"
        onClick={() => setAskNew(true)}
        disabled={running || !images || opening}
      >
        New project
      </button>
      {askNew && (
        <ConfirmDialog
          title="Start a new project?"
          confirm="Start new project"
          onConfirm={() => {
            // the dialog gives the focus back to New project, which the empty project disables:
            // it goes to the Data step, where the new project starts
            if (newButton.current) focusAfterRemoval(newButton.current, '.project-bar', '.new-project', '#step-data');
            void newProject();
          }}
          onCancel={() => setAskNew(false)}
        >
          The current project ({images} images, its settings and trained model) is replaced by an empty one. You can
          undo this for a few seconds afterwards.
        </ConfirmDialog>
      )}
      {pending && (
        <ConfirmDialog
          title={`Open ${pending.name}?`}
          confirm="Replace current project"
          onConfirm={() => void openProject(pending.name, pending.file)}
          onCancel={() => setPending(null)}
        >
          Opening {pending.name} replaces the current project ({images} images). You can undo this for a few seconds
          afterwards, or download the current project first to keep a copy.
        </ConfirmDialog>
      )}
      {(error || message) && (
        <p role={error || message?.error ? 'alert' : 'status'} className={error || message?.error ? 'error' : 'hint'}>
          {error ?? message?.text}
        </p>
      )}
    </div>
  );
}
