import { plural } from '../core/data/problems';
import { useMemo, useState } from 'react';
import { leastSure, predictedCounts, predictionsCsv, topClass, type TestReport } from '../core/data/test-folder';
import { ClassMetricsTable } from './ClassMetricsTable';
import { MISSES_SHOWN, type TestOutcome } from '../state/test-set';
import { useTraining } from '../state/training';
import { ConfusionMatrix } from './ConfusionMatrix';
import { LearnFromMisses } from './LearnFromMisses';
import { pct } from './percent';
import { saveBlob } from './save-file';
import { ClassFigures, Photo } from './TestPhotos';

/** The figures of "Test on other images" (TestSetPanel.tsx): scored when the folders gave labels, else the model's answers. */

export function TestResults({ outcome, onClear }: { outcome: TestOutcome; onClear: () => void }) {
  return (
    <div className="test-results" data-testid="test-results">
      {outcome.report ? <Scored outcome={outcome} report={outcome.report} /> : <Unlabelled outcome={outcome} />}
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
      {/* the test photos are never the project's (state/test-set.ts): a reload finds nothing of this */}
      <p className="hint" data-testid="test-not-saved">
        Not saved with the project: test again after a reload.
      </p>
    </div>
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

function Scored({ outcome, report }: { outcome: TestOutcome; report: TestReport<File> }) {
  const { classes } = outcome;
  const [lo, hi] = report.interval;
  // the model trained here was measured on its validation images too: the two side by side say
  // whether the validation figure holds on photos from elsewhere
  const val = useTraining((s) => (outcome.model.kind !== 'imported' && s.result ? s.result : null));
  // folders for some classes only: the figure says nothing of the others (one class's is its recall)
  const testedClasses = new Set(outcome.rows.map((r) => r.label).filter((l) => l !== null)).size;
  return (
    <>
      <p className="test-accuracy" tabIndex={-1}>
        Test accuracy: <strong>{pct(report.accuracy)}</strong> of {plural(report.tested, 'image')}
        {testedClasses < classes.length && ` in ${testedClasses} of ${classes.length} classes`} · 95% interval {pct(lo)}{' '}
        to {pct(hi)} · model: {outcome.model.name}
      </p>
      {val && (
        <p className="hint" data-testid="test-vs-validation">
          The same model scored {pct(val.valAccuracy)} on its {plural(val.images.val, 'validation image')}.
        </p>
      )}
      <Notes outcome={outcome} tested={report.tested} />
      <ClassMetricsTable
        label="Per-class test metrics"
        images="Test images"
        counted="Tested"
        classes={classes}
        perClass={report.perClass}
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
          <ul className="gallery" aria-label="Most confidently wrong test images">
            {report.misses.slice(0, MISSES_SHOWN).map((m) => (
              <Photo
                key={m.item.name}
                file={m.item.file}
                words={`${m.item.name}: labelled ${classes[m.item.label]}, predicted ${classes[m.predicted]} (${(m.confidence * 100).toFixed(0)}%)`}
              />
            ))}
          </ul>
        ) : (
          <p className="hint">Every test image was classified correctly.</p>
        )}
        {report.misses.length > MISSES_SHOWN && (
          <p className="hint">
            The {MISSES_SHOWN} most confident of the {report.misses.length} mistakes are shown; the CSV has them all.
          </p>
        )}
        {report.misses.length > 0 && <LearnFromMisses misses={report.misses} classes={classes} />}
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
        <ul className="gallery" aria-label={`Test images labelled ${classes[cell[0]]}, predicted ${classes[cell[1]]}`}>
          {photos.map((r) => (
            <Photo
              key={r.name}
              file={r.file}
              words={`${r.name}: ${(r.probabilities[cell[1]] * 100).toFixed(0)}% ${classes[cell[1]]}`}
            />
          ))}
        </ul>
      )}
      {cell && report.confusion[cell[0]][cell[1]] > CELL_SHOWN && (
        <p className="hint">
          {CELL_SHOWN} of the cell&apos;s {report.confusion[cell[0]][cell[1]]} images are shown; the CSV has them all.
        </p>
      )}
    </>
  );
}

/** Photos without labels: where the model put them, and the ones it was least sure of. */
function Unlabelled({ outcome }: { outcome: TestOutcome }) {
  const { classes, rows } = outcome;
  const counts = useMemo(() => predictedCounts(rows, classes), [rows, classes]);
  const unsure = useMemo(() => leastSure(rows, MISSES_SHOWN), [rows]);
  return (
    <>
      <p className="test-accuracy" tabIndex={-1}>
        Classified <strong>{plural(rows.length, 'image')}</strong> without labels · model: {outcome.model.name}
      </p>
      <Notes outcome={outcome} tested={rows.length} />
      <ClassFigures
        label="Images by predicted class"
        head="Predicted class"
        classes={classes}
        columns={[
          ['Images', (i) => counts[i]],
          ['Share', (i) => (rows.length ? pct(counts[i] / rows.length) : '—')],
        ]}
      />
      <details>
        <summary>Least sure ({unsure.length})</summary>
        <ul className="gallery" aria-label="Images the model was least sure of">
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
