import { useShallow } from 'zustand/react/shallow';
import { FilePicker } from './FilePicker';
import { useDeferredValue, useEffect } from 'react';
import { useProject } from '../state/project';
import { ClassCard } from './ClassCard';
import { DatasetWarnings } from './DatasetWarnings';
import { filesFromDirectoryInput, filesFromDrop, groupByFolder, type DroppedFile } from './dropFiles';

/** Adds folders dropped anywhere on the page: each folder that holds images becomes a class. */
function addDropped(dropped: DroppedFile[]) {
  const { addFolders, setNotice } = useProject.getState();
  const { groups, loose } = groupByFolder(dropped);
  void addFolders(groups);
  if (loose.length)
    setNotice(
      `${loose.length} loose file${loose.length > 1 ? 's were' : ' was'} not added: drop single images onto a class, or drop folders to create classes.`,
    );
}

export function DataPanel() {
  // what the panel shows, not the whole store
  const { classes, addClass, notice, setNotice, adding, locked } = useProject(
    useShallow((s) => ({
      classes: s.classes,
      addClass: s.addClass,
      notice: s.notice,
      setNotice: s.setNotice,
      adding: s.adding,
      locked: s.locked,
    })),
  );
  const total = classes.reduce((n, c) => n + c.images.length, 0);
  // the cards follow in a render React splits into slices of a few ms: each window of a drop being
  // added re-rendered its cards and mounted their thumbnails in one task (4× throttled trace)
  const cards = useDeferredValue(classes);

  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = async (e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer) addDropped(await filesFromDrop(e.dataTransfer));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="data-title">
      <h2 id="data-title">Images</h2>
      <p className="hint">
        Drop folders anywhere on the page (each folder becomes a class named after it), or add classes and drop images
        onto them. Images stay on this device.
      </p>
      <div className="row">
        <button type="button" onClick={() => addClass()}>
          Add class
        </button>
        <FilePicker
          multiple
          directory
          ariaLabel="Add a folder of class folders"
          // Chromium builds the picked folder's file list in the change event's own task (hundreds of
          // ms for 500 files under 4× throttling, before any script runs): the adding starts in a
          // task of its own rather than lengthening that one
          onFiles={(files) => void setTimeout(() => addDropped(filesFromDirectoryInput(files)), 0)}
        >
          Add folders…
        </FilePicker>
        <span className="summary" aria-live="polite">
          {classes.length} class{classes.length === 1 ? '' : 'es'}, {total} image{total === 1 ? '' : 's'}
        </span>
        {adding && (
          <span role="status">
            Adding images {adding.done}/{adding.total}{' '}
            <progress aria-label="Adding images" max={adding.total} value={adding.done} />
          </span>
        )}
      </div>
      {locked && (
        <p className="hint" data-testid="data-locked">
          {locked}
        </p>
      )}
      {notice && notice !== locked && (
        <p role="status" className="notice">
          {notice}{' '}
          <button type="button" className="ghost" onClick={() => setNotice(null)} aria-label="Dismiss message">
            ×
          </button>
        </p>
      )}
      <DatasetWarnings />
      {classes.length === 0 && !adding && (
        // the empty project's drop target (drops land anywhere on the page; the hint above says so in words)
        <div className="empty-drop" aria-hidden="true">
          <strong>Drop folders of images here</strong>
          <span>one folder per class, e.g. cats/ and dogs/</span>
        </div>
      )}
      <div className="classes">
        {cards.map((c) => (
          <ClassCard key={c.id} cls={c} />
        ))}
      </div>
    </section>
  );
}
