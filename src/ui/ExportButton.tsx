import { useId, useState } from 'react';
import type { ExportBundle } from '../core/export/bundle';
import { useBackbone } from '../state/backbone';
import { useTraining, type TrainingState } from '../state/training';
import { useStoreSoon } from './useStoreSoon';
import { exportFor } from '../state/model-store';
import { exportForSaved } from '../state/saved-export';
import { converterLines, exportCheckWords } from './export-lines';
import { exportOffer, MODEL_ZIP, type Download, type Pick } from './export-offer';
import { modelZipDownloaded } from '../state/coordinator';
import { WaitingButton } from './WaitingButton';
import { saveBlob } from './save-file';

const save = (bytes: Uint8Array, name: string, type: string) =>
  saveBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);

function onnxLine(b: ExportBundle): string | null {
  if (!b.onnx) return null;
  if ('refused' in b.onnx) return b.onnx.refused;
  const { opset, layout, bytes, ms } = b.onnx;
  return `ONNX: model.onnx (opset ${opset}, float32, ${layout} input, BatchNorm folded), ${(bytes / 1e6).toFixed(2)} MB, written in ${Math.round(ms)} ms`;
}

function tfliteLine(b: ExportBundle): string | null {
  if (!b.tflite) return null;
  if ('refused' in b.tflite) return b.tflite.refused;
  const { layout, bytes, ms } = b.tflite;
  return `TFLite: model.tflite (float32, ${layout} input, BatchNorm folded, ReLU6 fused), ${(bytes / 1e6).toFixed(2)} MB, written in ${Math.round(ms)} ms`;
}

const wrote = (converted: ExportBundle['onnx'] | ExportBundle['tflite']) => !!converted && !('refused' in converted);

const resultOf = (s: TrainingState) => s.result;

/** The export downloads; the export is built (and its zip re-imported and checked) once per trained model. */
export function ExportButton() {
  // as the results around it: a transition (useStoreSoon), not in the task of the worker's event
  const result = useStoreSoon(useTraining, resultOf);
  // the results' model, not the one answering Try it: an imported model on top of a model read back
  // from storage (after a reload) made every download fail with "Train a model first"
  const stored = useTraining((s) => s.resultStored);
  const { downloads } = exportOffer(useBackbone((s) => s.loaded?.id));
  const [busy, setBusy] = useState(false);
  const ids = useId();
  // said of the model it was asked for: a model trained or read back since is another one
  const [error, setError] = useState<{ for: unknown; message: string } | null>(null);
  const [check, setCheck] = useState<{
    for: unknown;
    check: ExportBundle['check'];
    onnx: string | null;
    tflite: string | null;
    /** which converters wrote their file: their lines are figures (opset, size, time), a refusal is not */
    wrote: { onnx: boolean; tflite: boolean };
  } | null>(null);

  const download = async (pick: Pick) => {
    setBusy(true);
    setError(null);
    try {
      // a model read back from storage: its downloads come out of the zip kept with it
      const bundle = stored || !result ? await exportForSaved() : await exportFor(result);
      setCheck({
        for: result,
        check: bundle.check,
        onnx: onnxLine(bundle),
        tflite: tfliteLine(bundle),
        wrote: { onnx: wrote(bundle.onnx), tflite: wrote(bundle.tflite) },
      });
      const [bytes, name, type] = pick(bundle);
      const converted = name === 'model.onnx' ? bundle.onnx : name === 'model.tflite' ? bundle.tflite : null;
      if (!bytes && converted && 'refused' in converted) throw new Error(converted.refused);
      // a model kept in storage by a studio from before it wrote this file
      if (!bytes && bundle.files['model.json'])
        throw new Error(`This model was kept before the studio wrote ${name}: train again to download it`);
      if (!bytes)
        throw new Error(`This backbone is a graph model, so there is no standalone ${name}: download the head only`);
      save(bytes, name, type);
      // the whole model, which Import brings back: one storage refused no longer goes with the page
      if (name === MODEL_ZIP && result && !stored) modelZipDownloaded(result);
    } catch (err) {
      setError({ for: result, message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const current = check?.for === result ? check : null;
  const shown = current?.check ?? null;
  const alert = error?.for === result ? error.message : null;
  const lines = converterLines(current, alert);
  const button = (d: Download, describedBy?: string) => (
    <WaitingButton key={d.label} onClick={() => void download(d.pick)} waiting={busy} aria-describedby={describedBy}>
      {d.label}
    </WaitingButton>
  );
  const singles = downloads.filter((d) => d.part);
  const converterLine = (kind: 'onnx' | 'tflite', written: boolean) =>
    lines[kind] &&
    !!current?.wrote[kind] === written && (
      <p className="hint" data-testid={`export-${kind}`}>
        {lines[kind]}
      </p>
    );
  return (
    <div className="export">
      <div role="group" aria-label="Export">
        {/* which download for what, each beside its button: seven buttons in a row said neither, nor
            that the zip's README holds the code. The zip's row first: under Try it and the camera
            it is what a 1280×800 screen reaches */}
        <ul className="export-guide">
          {downloads
            .filter((d) => d.use)
            .map((d, i) => (
              <li key={d.label}>
                <span id={`${ids}use${i}`} className="export-use">
                  {d.use}
                </span>
                {button(d, d.note ? `${ids}use${i} ${ids}note${i}` : `${ids}use${i}`)}
                {d.note && (
                  <span id={`${ids}note${i}`} className="export-note">
                    {d.note}
                  </span>
                )}
              </li>
            ))}
        </ul>
        {singles.length > 0 && (
          <details className="export-single">
            <summary>Single files</summary>
            <div className="row export-parts">{singles.map((d) => button(d))}</div>
          </details>
        )}
      </div>
      <p role="status" className={shown && !shown.ok ? 'error' : 'hint'} data-testid="export-checked">
        {busy && !shown
          ? 'Preparing the export and re-importing it to check it…'
          : shown
            ? exportCheckWords(shown)
            : ''}
      </p>
      {/* seconds for a large model (build, convert, check): moving, so the wait reads as work */}
      {busy && !shown && <progress aria-label="Preparing the export" />}
      {/* a converter's refusal says what is missing, in view; what the written files are, with the
          check's figures, is for those who look further */}
      {converterLine('onnx', false)}
      {converterLine('tflite', false)}
      {shown && (
        // open where the check failed: its figures say by how much
        <details className="run-more export-check-more" open={!shown.ok || undefined}>
          <summary>Details</summary>
          <p className="hint" data-testid="export-check">
            {shown.message}
          </p>
          {converterLine('onnx', true)}
          {converterLine('tflite', true)}
        </details>
      )}
      {alert !== null && (
        <span role="alert" className="error">
          {alert}
        </span>
      )}
    </div>
  );
}
