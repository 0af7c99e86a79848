import { resolveSettings } from '../core/train/settings';
import { isFinding, sweepChanges, useLrSuggestion } from '../state/lr-suggestion';
import { useTraining } from '../state/training';
import { useRef } from 'react';
import { WaitingButton } from './WaitingButton';
import { useThrottledLive } from './announce';
import { useRunning } from './useRunLock';
import { FINDER_BUTTON_ID } from './train-panel-rules';
import { LrCurve, Sized, usePrefetchSvgCharts } from './chart-frame';

const show = (v: number) => Number(v.toPrecision(2)).toString();

/**
 * The learning-rate range test: a sweep, its loss curve on a log axis and a suggestion to apply.
 * `blocked`: what keeps the sweep from starting (the Train step lists it too, among what holds Train alone).
 */
export function LrFinder({ disabled, blocked = [] }: { disabled: boolean; blocked?: readonly string[] }) {
  const { status, extract, step, points, suggestion, diverged, stopped, error, notice, sweptWith, run, apply } =
    useLrSuggestion();
  const busy = isFinding({ status });
  const autoRecipe = useTraining((s) => resolveSettings(s.settings).recipe === 'auto');
  // a string, not a list: a new array from the selector each time never reads as unchanged
  const changed = useTraining((s) => sweepChanges(sweptWith, s.settings).join(', '));
  const running = useRunning();
  usePrefetchSvgCharts(busy);
  // the counts change with every step: heard at each stage and every few seconds (useThrottledLive)
  const statusText =
    status === 'extracting'
      ? `Extracting features ${extract.done}/${extract.total}`
      : status === 'sweeping'
        ? `Sweeping learning rates: step ${step.done} of ${step.total}`
        : status === 'done'
          ? suggestion !== null
            ? `Sweep finished: suggested learning rate ${show(suggestion)}.`
            : 'Sweep finished without a suggestion.'
          : status === 'idle'
            ? [stopped && 'Stopped before the sweep: no suggestion.', notice].filter(Boolean).join(' ')
            : '';
  const line = useRef<HTMLSpanElement>(null);
  useThrottledLive(
    line,
    status === 'extracting' || status === 'sweeping' ? status : `${status}:${statusText}`,
    statusText,
  );
  return (
    <div className="lr-finder">
      <div className="row">
        <WaitingButton
          id={FINDER_BUTTON_ID}
          onClick={() => void run()}
          disabled={disabled}
          waiting={busy}
          // its own reasons: the list under Train also holds problems of settings the sweep never reads
          aria-describedby={
            disabled
              ? running
                ? 'lr-locked'
                : blocked.length
                  ? 'lr-blocked'
                  : 'train-blocked'
              : autoRecipe && status === 'idle' && !statusText
                ? 'lr-what'
                : undefined
          }
        >
          Find learning rate
        </WaitingButton>
        {disabled && running && (
          <span className="hint" id="lr-locked">
            Training is running: find the learning rate once it has ended.
          </span>
        )}
        {/* seen in the list under Train: here the button's description only */}
        {disabled && !running && blocked.length > 0 && (
          <span id="lr-blocked" hidden>
            {blocked.join(' ')}
          </span>
        )}
        <span ref={line} role="status" aria-live="off">
          {statusText}
        </span>
        {/* what it is for, before it is pressed: under the default recipe a finished sweep was the first
            place that said its rate is used only by setting the recipe by hand */}
        {autoRecipe && status === 'idle' && !statusText && (
          <span className="hint" id="lr-what">
            Optional, for the manual recipe: sweeps learning rates to suggest one. The automatic recipe picks its own.
          </span>
        )}
      </div>
      {status === 'error' && error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status === 'done' && points.length > 0 && (
        <>
          <figure
            className="chart"
            aria-label={`Learning-rate finder: smoothed loss against learning rate, ${points.length} points`}
            data-points={points.length}
          >
            <figcaption>
              Learning-rate finder (smoothed training loss; log scale)
              {diverged ? ' · stopped where the loss exploded' : ''}
            </figcaption>
            <Sized height={220}>
              <LrCurve points={points} suggestion={suggestion} />
            </Sized>
          </figure>
          {suggestion !== null ? (
            <p className="row">
              <span data-testid="lr-suggestion">
                Suggested learning rate: <strong>{show(suggestion)}</strong> (a tenth of the rate at the lowest loss)
              </span>
              <button
                type="button"
                onClick={apply}
                // not the finder's blockers: a curve that still holds fills in a learning rate cleared or out of range
                disabled={running || changed !== ''}
                aria-describedby={changed ? 'lr-stale-hint' : autoRecipe ? 'lr-apply-hint' : undefined}
              >
                Use suggested learning rate ({show(suggestion)})
              </button>
              {changed ? (
                <span className="hint" id="lr-stale-hint" data-testid="lr-stale">
                  The curve was measured before {changed} changed: find the learning rate again to use its suggestion.
                </span>
              ) : (
                autoRecipe && (
                  <span className="hint" id="lr-apply-hint">
                    The automatic head recipe picks its own rate: using this one sets the recipe to manual.
                  </span>
                )
              )}
            </p>
          ) : (
            <p className="hint">
              {stopped
                ? 'Stopped before the loss turned up: no suggestion (the lowest point is only where the sweep was cut). Find again and let it finish.'
                : 'The sweep was too short for a suggestion.'}
            </p>
          )}
        </>
      )}
    </div>
  );
}
