import { plural } from '../core/data/problems';
import { useEffect, useRef, useState } from 'react';
import { heldOutSplit, pathsInside } from '../core/data/test-folder';
import { useModelInUse } from '../state/model-in-use';
import { keepsAsImage, nothingSkipped, rejectionNotice } from '../state/project-intake';
import { useTestSet } from '../state/test-set';
import { isRunning, useTraining } from '../state/training';
import { filesFromDirectoryInput, groupByFolder, type DroppedFile } from './dropFiles';
import { FilePicker } from './FilePicker';
import { pct } from './percent';
import { canPickFolders, readPickedFolder } from './pickFolder';
import { TestResults } from './TestResults';
import { useDropZone } from './useDropZone';

/** The folder's photos by class folder (its held-out split only), and what was left out of it in words. */
function grouped(files: DroppedFile[], unreadable: readonly string[], classes: readonly string[]) {
  const { files: kept, kept: split, left } = heldOutSplit(files, classes);
  const skipped = nothingSkipped();
  // what browsers decode: a HEIC photo would fail in the worker, each one a line of "could not be read"
  const images = kept.filter((f) => keepsAsImage(f.file, skipped));
  // (its notice is about adding to the project: which folders make a class; not said here)
  const { groups, loose } = groupByFolder(images);
  const notes: string[] = [];
  if (left) notes.push(`Only ${split} was tested (${left} left out: the model may have trained on those)`);
  const refused = rejectionNotice(skipped);
  if (refused) notes.push(refused);
  if (unreadable.length) notes.push(`The browser would not give ${plural(unreadable.length, 'file')}`);
  return {
    photos: { groups, loose, all: images.map((f) => f.file), paths: pathsInside(images) },
    notes,
  };
}

/**
 * "Test on other images": a labelled folder the model never trained on (one folder per class, as
 * the classes are named) tested in the worker, with its accuracy, interval, per-class figures,
 * confusion matrix and the most confident mistakes; or any photos, classified without labels.
 * Nothing of it joins the project.
 */
export function TestSetPanel() {
  const model = useModelInUse((s) => s.model);
  const running = useTraining((s) => isRunning(s.status));
  const { status, done, total, outcome, error, note, test, stop, clear } = useTestSet();
  const [reading, setReading] = useState(false);
  const busy = status === 'testing' || status === 'checking';
  const blocked = !model ? 'Train a model or import one first.' : running ? 'Test once training has ended.' : null;
  const start = (files: DroppedFile[], unreadable: readonly string[] = []) => {
    const { photos, notes } = grouped(files, unreadable, model?.labels ?? []);
    void test(photos, notes);
  };
  // always this zone's: a folder dropped here while it cannot test must not fall through to the
  // page, whose drop handler adds folders to the project as training images
  const { over, handlers } = useDropZone(
    (_, read) => {
      if (blocked) useTestSet.setState({ error: `${blocked} The folder was not added to the project.` });
      else if (busy) useTestSet.setState({ error: 'A test is under way: stop it to test another folder.' });
      else start(read.files, read.unreadable);
    },
    (err) => useTestSet.setState({ error: `The dropped folder could not be read: ${(err as Error).message}` }),
    setReading,
  );
  const pick = () => {
    void readPickedFolder({
      failed: (error) => useTestSet.setState({ error }),
      reading: (found) => setReading(found !== null),
    }).then((read) => read && start(read.files, read.unreadable));
    return true;
  };
  // the control that had the focus went with the test (Stop) or the results (Clear): the focus
  // comes to the figures, else the heading; only when it was in this panel (on a page load it was
  // nowhere, and the page scrolled down to here), and without scrolling the page
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  const focusWasHere = useRef(false);
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      focusWasHere.current = e.target instanceof Node && !!section.current?.contains(e.target);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
  useEffect(() => {
    if (!focusWasHere.current || (document.activeElement && document.activeElement !== document.body)) return;
    const figures = section.current?.querySelector<HTMLElement>('.test-accuracy');
    (figures ?? heading.current)?.focus({ preventScroll: true });
  }, [busy, outcome]);
  return (
    <section className="panel" aria-labelledby="test-set-title" ref={section}>
      <h2 id="test-set-title" ref={heading} tabIndex={-1}>
        Test on other images
      </h2>
      <p className="hint">
        Images the model has never seen tell how it will do on new ones. Add a folder with one folder per class, named
        as the model&apos;s classes, for its accuracy; or any images, to see where it puts them. They are not added to
        the project and stay on this device.
      </p>
      <div
        className={`try-drop${over ? ' drag-over' : ''}`}
        role="region"
        aria-label="Drop a test folder"
        {...handlers}
      >
        Drop a test folder here or{' '}
        <FilePicker
          directory
          multiple
          className="file-label"
          ariaLabel="a test folder of class folders"
          disabled={!!blocked}
          waiting={busy || reading}
          describedBy={blocked ? 'test-set-blocked' : undefined}
          onOpen={() => canPickFolders() && pick()}
          onFiles={(files) => start(filesFromDirectoryInput(files))}
        >
          choose one
        </FilePicker>
        {blocked && (
          <p id="test-set-blocked" className="hint">
            {blocked}
          </p>
        )}
      </div>
      {/* said once each (start, end): the count below changes with every photo, too often to read out */}
      <p role="status" className="visually-hidden">
        {reading
          ? 'Reading the folder…'
          : status === 'checking'
            ? `Checking ${plural(total, 'image')} against the project…`
            : status === 'testing'
              ? `Testing ${plural(total, 'image')}…`
              : status === 'done' && outcome
                ? outcome.report
                  ? `Tested ${plural(outcome.report.tested, 'image')}: ${pct(outcome.report.accuracy)} right.`
                  : `Classified ${plural(outcome.rows.length, 'image')}.`
                : ''}
      </p>
      {(reading || busy) && (
        <p className="row" aria-hidden={!busy || undefined}>
          <span>
            {reading
              ? 'Reading the folder…'
              : status === 'checking'
                ? `Checking ${plural(total, 'image')} against the project's images…`
                : `Testing ${done} of ${plural(total, 'image')}…`}
          </span>{' '}
          {status === 'testing' && <progress aria-label="Testing images" max={total} value={done} />}{' '}
          {busy && (
            <button type="button" onClick={stop}>
              Stop testing
            </button>
          )}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {note && !outcome && <p className="hint">{note}</p>}
      {outcome && <TestResults outcome={outcome} onClear={clear} />}
    </section>
  );
}
