import { useId } from 'react';
import { useTraining } from '../state/training';
import { Thumbnail } from './Thumbnail';
import { useDropZone } from './useDropZone';

export function TryIt() {
  const model = useTraining((s) => s.model);
  const prediction = useTraining((s) => s.prediction);
  const predictError = useTraining((s) => s.predictError);
  const predict = useTraining((s) => s.predict);
  const importModel = useTraining((s) => s.importModel);
  const importError = useTraining((s) => s.importError);
  const importId = useId();
  const { over, handlers } = useDropZone((files) => files[0] && void predict(files[0]));
  const inputId = useId();

  const ranked = prediction
    ? prediction.classes.map((name, i) => ({ name, p: prediction.probabilities[i] })).sort((a, b) => b.p - a.p)
    : [];
  return (
    <section className="panel" aria-labelledby="try-title">
      <h2 id="try-title">5. Try it</h2>
      <p className="row" data-testid="model-in-use">
        {model ? (
          <span>
            Model: <strong>{model.name}</strong> ({model.labels.length} classes)
          </span>
        ) : (
          <span>Train a model above, or import one to try it here and on the webcam.</span>
        )}{' '}
        <label htmlFor={importId} className="button-like">
          Import a model (zip)…
        </label>
        <input
          id={importId}
          className="visually-hidden"
          type="file"
          accept=".zip,application/zip"
          aria-label="Import a model zip (Transfer Studio or Teachable Machine export)"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importModel(f);
          }}
        />
      </p>
      {importError && (
        <p role="alert" className="error">
          {importError}
        </p>
      )}
      {model && (
      <div
          className={`try-drop${over ? ' drag-over' : ''}`}
          {...handlers}
          aria-label="Drop an image to classify"
          role="region"
        >
          Drop a new image here or{' '}
          <label htmlFor={inputId} className="file-label">
            choose one
          </label>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept="image/*"
            aria-label="Choose an image to classify"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void predict(f);
              e.target.value = '';
            }}
          />
        </div>
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
              Prediction: <strong>{ranked[0].name}</strong> ({(ranked[0].p * 100).toFixed(1)}%)
            </p>
            <ul className="bars" aria-label="Class probabilities">
              {ranked.map((r) => (
                <li key={r.name}>
                  <span className="bar-label">{r.name}</span>
                  <meter min={0} max={1} value={r.p} aria-label={`${r.name} probability`} />
                  <span>{(r.p * 100).toFixed(1)}%</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
