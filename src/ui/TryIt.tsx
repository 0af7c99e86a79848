import { useRef, useState } from 'react';
import { useBackbone } from '../state/backbone';
import { isFinding, useLrSuggestion } from '../state/lr-suggestion';
import { continues, useModelInUse } from '../state/model-in-use';
import { isRunning, useTraining } from '../state/training';
import { useWebcam } from '../state/webcam';
import { decide } from '../core/live/decision';
import { UNKNOWN_MEANS, UnknownThreshold } from './UnknownThreshold';
import { FilePicker } from './FilePicker';
import { Thumbnail } from './Thumbnail';
import { useDropZone } from './useDropZone';
import { handingFocusOn } from './focus-after-removal';
import { WaitingButton } from './WaitingButton';
import { startWatch, watchSwitch } from './switch-outcome';
import { useSinceTrained } from './useDataSinceRun';
import { SetAsideNote, useSetAsideFor } from './SetAsideNote';
import { usePhone } from './phone';

export function TryIt() {
  const model = useModelInUse((s) => s.model);
  const prediction = useModelInUse((s) => s.prediction);
  const predictError = useModelInUse((s) => s.predictError);
  const classifying = useModelInUse((s) => s.classifying);
  const predict = useModelInUse((s) => s.predict);
  const importModel = useModelInUse((s) => s.importModel);
  const importError = useModelInUse((s) => s.importError);
  const importNotKept = useModelInUse((s) => s.importNotKept);
  const switching = useModelInUse((s) => s.switching);
  const backToTrained = useModelInUse((s) => s.backToTrained);
  // the status line says the wait, then which model answers after it (state kept from render to render)
  const [watch, setWatch] = useState(() => startWatch(switching, model));
  const watched = watch.switching === switching && watch.model === model ? watch : watchSwitch(watch, switching, model);
  if (watched !== watch) setWatch(watched);
  // results on the page: the model trained here can answer again instead of an imported one
  const trainedHere = useTraining((s) => s.result !== null);
  const continueImported = useModelInUse((s) => s.continueImported);
  const continueError = useModelInUse((s) => s.continueError);
  const startFrom = useModelInUse((s) => s.startFrom);
  const loadedId = useBackbone((s) => s.loaded?.id);
  // continued already, and on its backbone: another import of the same file name is another model,
  // and a starting point waiting for its backbone (another one picked since) is continued again here
  const continued = continues(startFrom, model) && startFrom?.backboneId === loadedId;
  // while a run, the LR finder or a backbone load works on the worker's models, they stay as they are
  const busy = useTraining((s) => isRunning(s.status));
  const finding = useLrSuggestion(isFinding);
  const loading = useBackbone((s) => s.status === 'loading');
  const cannotRead = useModelInUse((s) => s.cannotRead);
  const sinceTrained = useSinceTrained(model);
  // a backbone switch set the trained model aside: said, with the way back, instead of "No model yet"
  const setAsideFor = useSetAsideFor();
  // a file the browser would not read, or a drop that failed, is said here, where it was dropped
  // several photos dropped: the first answers here, and the way to all of them is said
  const [many, setMany] = useState(0);
  const phone = usePhone();
  const choose = useRef<HTMLInputElement>(null);
  const chosen = ([f]: File[]) => {
    setMany(0);
    if (f) void predict(f);
  };
  const { over, handlers } = useDropZone(
    (files, read) => {
      setMany(files.length > 1 ? files.length : 0);
      if (files[0]) void predict(files[0]);
      else if (read.unreadable[0]) cannotRead(read.unreadable[0]);
    },
    (err) => cannotRead('The dropped file', err instanceof Error ? err.message : String(err)),
  );

  // the same "unknown" rule and threshold as the live camera: a photo of something else is not forced into a class
  const threshold = useWebcam((s) => s.threshold);
  const decision = prediction ? decide(prediction.classes, prediction.probabilities, threshold, Infinity) : null;
  const ranked = decision?.top ?? [];
  return (
    <section className="panel" aria-labelledby="try-title">
      <h2 id="try-title">Try it</h2>
      <p className="row" data-testid="model-in-use">
        {model ? (
          <span>
            Model: <strong>{model.name}</strong> ({model.labels.length} classes)
          </span>
        ) : setAsideFor ? (
          <SetAsideNote backboneId={setAsideFor} />
        ) : (
          <span>
            No model yet: <a href="#step-train">train one</a> or import one to try it here and on the webcam.
          </span>
        )}{' '}
        <FilePicker
          accept=".zip,application/zip"
          ariaLabel="a Transfer Studio or Teachable Machine export"
          disabled={busy || finding || loading}
          // waits (the focus stays on it) while the model it read becomes the one in use
          waiting={switching !== null}
          onFiles={([f]) => f && void importModel(f)}
        >
          Import a model (zip)…
        </FilePicker>{' '}
        <span role="status" aria-live="polite" className="hint">
          {switching ?? (watched.note && <span className="visually-hidden">{watched.note}</span>)}
        </span>
        {/* reading a model zip, or a whole model's layers as a backbone: seconds, shown moving */}
        {switching && <progress aria-label={switching} />}
      </p>
      {sinceTrained && (
        <p className="hint" data-testid="model-since">
          {sinceTrained}
        </p>
      )}
      {/* a model that is neither ours nor Teachable Machine's: its answers rest on a guess, said */}
      {model?.assumed && <p className="hint">{model.assumed}</p>}
      {model?.kind === 'imported' && !continued && (
        <p className="row">
          {/* keeps the focus while the model is read; then it goes to the Starting point notice's way back */}
          <WaitingButton
            className="continue-model"
            onClick={handingFocusOn(
              '.panel',
              '.continue-model',
              ['.from-scratch', 'button.run-train'],
              () => void continueImported(),
            )}
            waiting={switching !== null}
            disabled={busy || finding || loading}
          >
            Continue training this model
          </WaitingButton>
          <span className="hint">
            Its layers below the head become the backbone and its head the starting point; its classes are added to the
            project (add images to them, or add new classes).
          </span>
        </p>
      )}
      {model?.kind === 'imported' && trainedHere && (
        <p className="row">
          <WaitingButton
            className="back-to-trained"
            // it goes once the trained model answers: the focus stays in Try it, on the import picker
            onClick={handingFocusOn(
              '.panel',
              '.back-to-trained',
              '.panel input[type="file"]',
              () => void backToTrained(),
            )}
            waiting={switching !== null}
            disabled={busy || finding || loading}
          >
            Use the model trained here
          </WaitingButton>
          <span className="hint">The imported model stops answering; import it again to get it back.</span>
        </p>
      )}
      {/* an alert: a live region that comes with its words is often not read, and this one says work will be lost */}
      {importNotKept && (
        <p role="alert" className="hint">
          {importNotKept}
        </p>
      )}
      {continueError && (
        <p role="alert" className="error">
          {continueError}
        </p>
      )}
      {importError && (
        <p role="alert" className="error">
          {importError}
        </p>
      )}
      {model && phone && (
        // nothing can be dropped on a phone: a button the size of a finger opens its photo library or camera
        <p className="try-choose">
          <button type="button" className="primary" onClick={() => choose.current?.click()}>
            Choose an image to classify
          </button>
          <span className="hint">a photo from the library, or a new one from the camera</span>
          {/* opened by the button: out of the tab order and the accessibility tree, one control said once */}
          <input
            ref={choose}
            type="file"
            accept="image/*"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              // reset, so choosing the same photo again answers again
              e.target.value = '';
              chosen(files);
            }}
          />
        </p>
      )}
      {model && !phone && (
        <div
          className={`try-drop${over ? ' drag-over' : ''}`}
          {...handlers}
          aria-label="Drop an image to classify"
          role="region"
        >
          Drop an image here or{' '}
          <FilePicker className="file-label" accept="image/*" ariaLabel="Choose an image to classify" onFiles={chosen}>
            choose one
          </FilePicker>
        </div>
      )}
      {model && many > 0 && (
        <p className="hint" data-testid="try-many">
          The first of the {many} photos dropped is classified here. To classify them all, drop them on{' '}
          <a href="#test-set-title">Test on other images</a>.
        </p>
      )}
      {model && (
        // mounted with the model, so a screen reader hears the wait and then the answer
        <p role="status" className="hint" data-testid="classifying">
          {classifying ? (
            // the worker loads a backbone alone: an image chosen meanwhile is answered after it
            `Classifying ${classifying}…${loading ? ' (after the backbone being loaded)' : ''}`
          ) : prediction && ranked.length ? (
            <span className="visually-hidden">
              {prediction.name}: {decision?.label != null ? ranked[0].name : 'Unknown'},{' '}
              {(ranked[0].p * 100).toFixed(1)}%
            </span>
          ) : null}
        </p>
      )}
      {predictError && (
        <p role="alert" className="error">
          {predictError}
        </p>
      )}
      {prediction && (
        <div className="prediction">
          <Thumbnail file={prediction.file} url={prediction.url} alt={prediction.name} size={160} />
          <div>
            <p data-testid="prediction">
              {decision?.label != null ? (
                <>
                  Prediction: <strong>{ranked[0].name}</strong> ({(ranked[0].p * 100).toFixed(1)}%)
                </>
              ) : (
                <>
                  Prediction: <strong className="unknown">Unknown</strong> (closest: {ranked[0].name},{' '}
                  {(ranked[0].p * 100).toFixed(1)}%, not above {(threshold * 100).toFixed(0)}%)
                </>
              )}
            </p>
            <ul className="bars" aria-label="Class probabilities">
              {/* keyed by rank: names can repeat (an imported model's labels), and a bar per rank moves in place */}
              {ranked.map((r, i) => (
                <li key={i}>
                  <span className="bar-label" title={r.name}>
                    {r.name}
                  </span>
                  <meter min={0} max={1} low={threshold} optimum={1} value={r.p} aria-label={`${r.name} probability`} />
                  <span>{(r.p * 100).toFixed(1)}%</span>
                </li>
              ))}
            </ul>
            {/* a photo of none of the classes still gets the nearest one, often surely (a sunflower read
                as daisy at 93%): said with the answer, where it is seen */}
            <p className="hint" data-testid="unknown-means">
              {UNKNOWN_MEANS}
            </p>
          </div>
        </div>
      )}
      {model && (
        <p className="row threshold">
          {/* after the answer: between the drop zone and it, the slider and its two lines put the photo and
              its bars a screen's third below where it was chosen; its meaning is said under an answer
              (above), where a sure answer for a stranger is seen */}
          <UnknownThreshold why={false} />
          <span className="hint">The webcam uses it too.</span>
        </p>
      )}
    </section>
  );
}
