import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import {
  heldOutSplit,
  leastSure,
  pathsInside,
  predictedCounts,
  predictionsCsv,
  topClass,
  type TestReport,
} from '../core/data/test-folder';
import { saveBlob } from './save-file';
import { neverPredicted } from '../core/train/metrics';
import { useModelInUse } from '../state/model-in-use';
import { keepsAsImage, nothingSkipped, rejectionNotice } from '../state/project-intake';
import { MISSES_SHOWN, useTestSet, type TestOutcome } from '../state/test-set';
import { isRunning, useTraining } from '../state/training';
import { ConfusionMatrix } from './ConfusionMatrix';
import { filesFromDirectoryInput, groupByFolder, type DroppedFile } from './dropFiles';
import { FilePicker } from './FilePicker';
import { Thumbnail } from './Thumbnail';
import { pct } from './percent';
import { canPickFolders, filesFromFolder, pickFolder } from './pickFolder';
import { FigureHeading, ScrollingTable } from './ScrollingTable';
import { useDropZone } from './useDropZone';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The folder's photos by class folder (its held-out split only), and what was left out of it in words. */
function grouped(files: DroppedFile[], unreadable: readonly string[]) {
  const { files: kept, kept: split, left } = heldOutSplit(files);
  const skipped = nothingSkipped();
  // what browsers decode: a HEIC photo would fail in the worker, each one a line of "could not be read"
  const images = kept.filter((f) => keepsAsImage(f.file, skipped));
  const { groups, loose, notice } = groupByFolder(images);
  const notes: string[] = [];
  if (left) notes.push(`Only ${split} was tested (${left} left out: the model may have trained on those)`);
  const refused = rejectionNotice(skipped);
  if (refused) notes.push(refused);
  if (notice) notes.push(notice);
  if (unreadable.length) notes.push(`The browser would not give ${count(unreadable.length, 'file')}`);
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
    const { photos, notes } = grouped(files, unreadable);
    void test(photos, notes);
  };
  // always this zone's: a folder dropped here while it cannot test must not fall through to the
  // page, whose drop handler adds folders to the project as training images
  const { over, handlers } = useDropZone(
    (_, read) => {
      if (blocked) useTestSet.setState({ error: `${blocked} The folder was not added to the project.` });
      else if (!busy) start(read.files, read.unreadable);
    },
    (err) => useTestSet.setState({ error: `The dropped folder could not be read: ${(err as Error).message}` }),
    setReading,
  );
  const pick = () => {
    void (async () => {
      const root = await pickFolder().catch(() => null);
      if (!root) return;
      setReading(true);
      try {
        const read = await filesFromFolder(root, () => undefined);
        start(read.files, read.unreadable);
      } catch (err) {
        useTestSet.setState({ error: `The folder “${root.name}” could not be read: ${(err as Error).message}` });
      } finally {
        setReading(false);
      }
    })();
    return true;
  };
  // the button that had the focus went (Stop at the end, Clear): it comes to the panel's heading
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = () => {
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  };
  useEffect(refocus, [busy, outcome]);
  return (
    <section className="panel" aria-labelledby="test-set-title">
      <h2 id="test-set-title" ref={heading} tabIndex={-1}>
        Test on other images
      </h2>
      <p className="hint">
        Photos the model has never seen tell how it will do on new ones. Add a folder with one folder per class, named
        as the model&apos;s classes, for its accuracy; or any photos, to see where it puts them. They are not added to
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
            ? `Checking ${count(total, 'photo')} against the project…`
            : status === 'testing'
              ? `Testing ${count(total, 'photo')}…`
              : status === 'done' && outcome
                ? outcome.report
                  ? `Tested ${count(outcome.report.tested, 'photo')}: ${pct(outcome.report.accuracy)} right.`
                  : `Classified ${count(outcome.rows.length, 'photo')}.`
                : ''}
      </p>
      {(reading || busy) && (
        <p className="row" aria-hidden={!busy || undefined}>
          <span>
            {reading
              ? 'Reading the folder…'
              : status === 'checking'
                ? `Checking ${count(total, 'photo')} against the project's images…`
                : `Testing ${done} of ${count(total, 'photo')}…`}
          </span>{' '}
          {status === 'testing' && <progress aria-label="Testing photos" max={total} value={done} />}{' '}
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

function TestResults({ outcome, onClear }: { outcome: TestOutcome; onClear: () => void }) {
  // Stop (or the picker) went with the test: the focus, left on the page, comes to the figures
  const head = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) head.current?.focus();
  }, []);
  return (
    <div className="test-results" data-testid="test-results">
      {outcome.report ? (
        <Scored outcome={outcome} report={outcome.report} head={head} />
      ) : (
        <Unlabelled outcome={outcome} head={head} />
      )}
      <p className="row">
        <button
          type="button"
          onClick={() =>
            saveBlob(new Blob([predictionsCsv(outcome.rows, outcome.classes)], { type: 'text/csv' }), 'predictions.csv')
          }
        >
          Download predictions (CSV)
        </button>{' '}
        <button type="button" onClick={onClear}>
          Clear test results
        </button>
      </p>
    </div>
  );
}

/** A row per class, a figure per column. */
function ClassFigures({
  label,
  head = 'Class',
  classes,
  columns,
}: {
  label: string;
  head?: string;
  classes: readonly string[];
  columns: [string, (i: number) => string | number][];
}) {
  return (
    <ScrollingTable label={label}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {columns.map(([name]) => (
            <FigureHeading key={name}>{name}</FigureHeading>
          ))}
        </tr>
      </thead>
      <tbody>
        {classes.map((name, i) => (
          <tr key={`${i}-${name}`}>
            <th scope="row">{name}</th>
            {columns.map(([column, cell]) => (
              <td key={column} className="num">
                {cell(i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** What the reading of the folder and the test left out, and a stop before the end. */
function Notes({ outcome, tested }: { outcome: TestOutcome; tested: number }) {
  return (
    <>
      {outcome.stopped && (
        <p className="hint">
          Stopped after {tested} of {outcome.planned}: the figures are for those tested.
        </p>
      )}
      {outcome.notes.map((n) => (
        <p key={n} className="hint">
          {n}.
        </p>
      ))}
      {outcome.unreadable.length > 0 && (
        <details>
          <summary>Files not tested</summary>
          <ul>
            {outcome.unreadable.slice(0, 20).map((u) => (
              <li key={u}>{u}</li>
            ))}
            {outcome.unreadable.length > 20 && <li>and {outcome.unreadable.length - 20} more</li>}
          </ul>
        </details>
      )}
    </>
  );
}

type Head = RefObject<HTMLParagraphElement | null>;

function Scored({ outcome, report, head }: { outcome: TestOutcome; report: TestReport<File>; head: Head }) {
  const { classes } = outcome;
  const [lo, hi] = report.interval;
  // the model trained here was measured on its validation images too: the two side by side say
  // whether the validation figure holds on photos from elsewhere
  const val = useTraining((s) => (outcome.model.kind !== 'imported' && s.result ? s.result : null));
  return (
    <>
      <p className="test-accuracy" ref={head} tabIndex={-1}>
        Test accuracy: <strong>{pct(report.accuracy)}</strong> of {count(report.tested, 'photo')} · 95% interval{' '}
        {pct(lo)} to {pct(hi)} · model: {outcome.model.name}
      </p>
      {val && (
        <p className="hint" data-testid="test-vs-validation">
          The same model scored {pct(val.valAccuracy)} on its {count(val.images.val, 'validation image')}.
        </p>
      )}
      <Notes outcome={outcome} tested={report.tested} />
      <ClassFigures
        label="Per-class test metrics"
        classes={classes}
        columns={[
          ['Test photos', (i) => report.perClass[i].count],
          ['Recall', (i) => (report.perClass[i].count ? pct(report.perClass[i].accuracy) : '—')],
          [
            'Precision',
            (i) => (neverPredicted(report.perClass[i]) ? 'never predicted' : pct(report.perClass[i].precision)),
          ],
        ]}
      />
      <details>
        <summary>Test confusion matrix</summary>
        <CellPhotos outcome={outcome} report={report} />
      </details>
      <details>
        <summary>
          Mistakes ({report.misses.length} of {report.tested})
        </summary>
        {report.misses.length ? (
          <ul className="gallery" aria-label="Most confidently wrong test photos">
            {report.misses.slice(0, MISSES_SHOWN).map((m) => (
              <Photo
                key={m.item.name}
                file={m.item.file}
                words={`${m.item.name}: labelled ${classes[m.item.label]}, predicted ${classes[m.predicted]} (${(m.confidence * 100).toFixed(0)}%)`}
              />
            ))}
          </ul>
        ) : (
          <p className="hint">Every test photo was classified correctly.</p>
        )}
      </details>
    </>
  );
}

/** photos of one confusion cell shown at most (the CSV has them all) */
const CELL_SHOWN = 24;

/** The test confusion matrix; a cell pressed shows its photos under it (pressed again, hides them). */
function CellPhotos({ outcome, report }: { outcome: TestOutcome; report: TestReport<File> }) {
  const { classes, rows } = outcome;
  const [cell, setCell] = useState<readonly [number, number] | null>(null);
  const photos = useMemo(
    () =>
      cell ? rows.filter((r) => r.label === cell[0] && topClass(r.probabilities) === cell[1]).slice(0, CELL_SHOWN) : [],
    [rows, cell],
  );
  return (
    <>
      <ConfusionMatrix
        classes={classes}
        matrix={report.confusion}
        selected={cell}
        onOpen={(a, p) => setCell(cell && cell[0] === a && cell[1] === p ? null : [a, p])}
      />
      {cell && (
        <ul className="gallery" aria-label={`Test photos labelled ${classes[cell[0]]}, predicted ${classes[cell[1]]}`}>
          {photos.map((r) => (
            <Photo
              key={r.name}
              file={r.file}
              words={`${r.name}: ${(r.probabilities[cell[1]] * 100).toFixed(0)}% ${classes[cell[1]]}`}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** Photos without labels: where the model put them, and the ones it was least sure of. */
function Unlabelled({ outcome, head }: { outcome: TestOutcome; head: Head }) {
  const { classes, rows } = outcome;
  const counts = useMemo(() => predictedCounts(rows, classes), [rows, classes]);
  const unsure = useMemo(() => leastSure(rows, MISSES_SHOWN), [rows]);
  return (
    <>
      <p className="test-accuracy" ref={head} tabIndex={-1}>
        Classified <strong>{count(rows.length, 'photo')}</strong> without labels · model: {outcome.model.name}
      </p>
      <Notes outcome={outcome} tested={rows.length} />
      <ClassFigures
        label="Photos by predicted class"
        head="Predicted class"
        classes={classes}
        columns={[
          ['Photos', (i) => counts[i]],
          ['Share', (i) => (rows.length ? pct(counts[i] / rows.length) : '—')],
        ]}
      />
      <details>
        <summary>Least sure ({unsure.length})</summary>
        <ul className="gallery" aria-label="Photos the model was least sure of">
          {unsure.map((r) => (
            <Photo
              key={r.name}
              file={r.file}
              words={`${r.name}: predicted ${classes[r.predicted]} (${(r.probabilities[r.predicted] * 100).toFixed(0)}%)`}
            />
          ))}
        </ul>
      </details>
    </>
  );
}

/** a gallery picture's width, as the validation galleries show theirs */
const PHOTO_SIDE = 150;

/**
 * A test photo as the project's are shown: a small picture the file-facts worker makes (a phone's
 * 12-megapixel photo was decoded whole on the page for a 150-px tile), the photo's own URL only
 * where none can be made, revoked when the tile goes.
 */
function Photo({ file, words }: { file: File; words: string }) {
  const made = useRef<string | null>(null);
  const url = useCallback(() => (made.current ??= URL.createObjectURL(file)), [file]);
  useEffect(
    () => () => {
      if (made.current) URL.revokeObjectURL(made.current);
      made.current = null;
    },
    [file],
  );
  return (
    <li>
      {/* the caption says it all: an alt repeating it was read twice */}
      <Thumbnail file={file} url={url} alt="" size={PHOTO_SIDE} />
      <span>{words}</span>
    </li>
  );
}
