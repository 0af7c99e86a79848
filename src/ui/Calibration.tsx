import { useId } from 'react';
import { findBackboneSpec } from '../core/backbones/registry';
import type { CalibrationRow } from '../core/backend-timing';
import { CLEARLY_SLOWER, type TimedFigure } from '../core/calibration-bar';
import { useBackbone } from '../state/backbone';
import { useBackboneJob } from './useBackboneJob';
import { useRunning } from './useRunLock';
import { FigureHeading, ScrollingTable } from './ScrollingTable';
import { WaitingButton } from './WaitingButton';
import { handingFocusOn } from './focus-after-removal';
import { movingTo, useUnkeptModelGuard } from './useUnkeptModelGuard';
import type { MeasuredCalibration } from '../worker/calibrate-backends';
import type { Calibration as Measured } from '../worker/protocol';

const ms = (v: number | null | undefined) => (typeof v === 'number' ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : '—');
/** A figure with "(1 run)" where it was clearly slower than the fastest so far and not repeated. */
const figure = (r: CalibrationRow, key: TimedFigure) => `${ms(r[key])}${r.once?.includes(key) ? ' (1 run)' : ''}`;

const nameOf = (id: string) => findBackboneSpec(id)?.name ?? id;

/** What the figures were measured with: they hold for that backbone only, not one loaded since. */
function MeasuredWith({ calibration, loaded }: { calibration: Measured; loaded: string | null }) {
  const id = (calibration as Partial<MeasuredCalibration>).backboneId;
  if (!id) return null;
  return (
    <p data-testid="calibration-backbone">
      Measured with <strong>{nameOf(id)}</strong>
      {loaded && loaded !== id && (
        <> — not the backbone loaded now ({nameOf(loaded)}): its figures may differ, calibrate again to measure it</>
      )}
      .
    </p>
  );
}

/** Measures every backend with the loaded backbone and offers the fastest. */
export function Calibration() {
  const { calibration, calibrating, calibrationError, calibrate, pickBackend, status, backend, loaded } = useBackbone();
  const training = useRunning();
  const job = useBackboneJob();
  const busy = !!calibrating || status !== 'ready' || training || job !== null;
  const jobId = useId();
  const best = calibration?.best;
  // extraction and head training follow the calibration by themselves; fine-tuning trains where
  // the backbone lives, so moving there is the user's call
  const offer = best?.fineTuning && best.fineTuning !== backend?.active ? best.fineTuning : null;
  const { guard, dialog } = useUnkeptModelGuard();
  return (
    <div className="calibration">
      {dialog}
      <WaitingButton
        onClick={() =>
          guard({
            title: 'Calibrate the backends?',
            confirm: 'Calibrate anyway',
            does: 'Calibrating may move the backbone to a faster backend, loading it again there',
            go: () => void calibrate(),
          })
        }
        waiting={busy}
        aria-describedby={job ? jobId : undefined}
      >
        Calibrate backends
      </WaitingButton>
      {job && (
        <span id={jobId} className="hint">
          {' '}
          {job}
        </span>
      )}
      {calibrating && (
        <span role="status" aria-live="polite">
          {' '}
          Calibrating {calibrating.detail} ({calibrating.done}/{calibrating.total}){' '}
          <progress aria-label="Calibration" max={Math.max(1, calibrating.total)} value={calibrating.done} />
        </span>
      )}
      {calibrationError && (
        <p role="alert" className="error">
          Calibration failed: {calibrationError}
        </p>
      )}
      {calibration && (
        <>
          <MeasuredWith calibration={calibration} loaded={loaded?.id ?? null} />
          <ScrollingTable label="Backend calibration">
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <FigureHeading>First pass (warm-up)</FigureHeading>
                <FigureHeading>Forward, batch 1</FigureHeading>
                <FigureHeading>Forward, batch 8</FigureHeading>
                <FigureHeading>Head step</FigureHeading>
                <th scope="col">Fine-tune step</th>
              </tr>
            </thead>
            <tbody>
              {calibration.rows.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  {r.ok ? (
                    <>
                      <td className="num">{ms(r.warmupMs)}</td>
                      <td className="num">{figure(r, 'forwardMsBatch1')}</td>
                      <td className="num">{figure(r, 'forwardMsBatch8')}</td>
                      <td className="num">{figure(r, 'headStepMs')}</td>
                      <td title={r.finetuneError}>
                        {r.finetuneStepMs == null ? `— ${r.finetuneError ?? ''}` : figure(r, 'finetuneStepMs')}
                      </td>
                    </>
                  ) : (
                    <td colSpan={5}>failed: {r.error}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
          <p data-testid="calibration-best">
            Fastest for feature extraction: <strong>{best?.extraction ?? 'none'}</strong> · head training:{' '}
            <strong>{best?.headTraining ?? 'none'}</strong> · fine-tuning: <strong>{best?.fineTuning ?? 'none'}</strong>{' '}
            (medians of 3 after a warm-up pass; a figure over {CLEARLY_SLOWER}× the fastest backend measured before it
            is one run, marked “1 run”)
          </p>
          {backend && (
            <p data-testid="calibration-applied">
              Now: feature extraction on <strong>{backend.active}</strong>, head training on{' '}
              <strong>{backend.head?.name ?? backend.active}</strong>. Kept for your next visits on this hardware; the
              selects above override it.
            </p>
          )}
          {offer && (
            <button
              type="button"
              className="use-offer"
              disabled={busy}
              // taken, the offer goes: the focus goes back to Calibrate backends
              onClick={handingFocusOn('.calibration', '.use-offer', '.calibration > button', () =>
                guard(movingTo(offer, () => void pickBackend(offer, 'fastest for fine-tuning in the calibration'))),
              )}
            >
              Use {offer} (fastest for fine-tuning backbone blocks)
            </button>
          )}
        </>
      )}
    </div>
  );
}
