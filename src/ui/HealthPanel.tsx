import { useMemo } from 'react';
import { findingApplies, findingWords } from '../core/data/health';
import { useInsight } from '../state/dataset-insight';
import { useTraining } from '../state/training';
import { useClassesSoon } from './useProjectSoon';
import { WaitingButton } from './WaitingButton';
import { handingFocusOn } from './focus-after-removal';
import { useProjectLock } from './useRunLock';

/** Dataset problems found before training (core/data/health.ts), each with its fix where one exists. */
export function HealthPanel({ disabled, describedBy }: { disabled: boolean; describedBy?: string }) {
  const { status, progress, report, error, stale } = useInsight((s) => s.health);
  const checkHealth = useInsight((s) => s.checkHealth);
  const fix = useInsight((s) => s.fix);
  // the imbalance finding's advice follows the box as it is now, not as it was when the check ran
  const classWeights = useTraining((s) => s.settings.classWeights);
  const classes = useClassesSoon();
  // a run holds the images: the store refuses a fix then, and its refusal (the lock's words as the
  // Data step's notice) is hidden while the lock is shown, so the button did nothing visible
  const locked = useProjectLock();
  const present = useMemo(() => new Set(classes.flatMap((c) => c.images.map((im) => im.id))), [classes]);
  // a finding its fix has nothing left to do for (it was pressed, or a pair lost one of its two) leaves
  // the list, and an undo that brings the images back brings it back too
  const issues = report?.issues.filter((i) => findingApplies(i, present)) ?? [];
  // the check ends with the list below it, which is not read out by itself: this line says how it went,
  // the one place the result is said (a green line below and a method line said it twice more)
  const clean = status === 'done' && !!report && issues.length === 0;
  const outcome =
    status === 'running'
      ? 'Checking the images…'
      : status === 'done' && report
        ? issues.length
          ? `Checked ${report.checked} images: ${issues.length} problem${issues.length > 1 ? 's' : ''} found, listed below.`
          : `Checked ${report.checked} images: no problems found.`
        : '';
  return (
    <div>
      <div className="row">
        <WaitingButton
          id="check-health"
          onClick={() => void checkHealth()}
          disabled={disabled}
          waiting={status === 'running'}
          aria-describedby={describedBy}
        >
          Check dataset health
        </WaitingButton>
        {status === 'running' && (
          <progress aria-label="Dataset health check" max={Math.max(1, progress.total)} value={progress.done} />
        )}
        {/* there before the check, so its words are read when they come */}
        <span role="status" className={clean ? 'hint health-ok' : 'hint'}>
          {outcome}
        </span>
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </div>
      {report && (
        <section aria-label="Dataset health">
          {/* there before it has words, so they are said; and it tells the disabled fixes' users why */}
          <p
            role="status"
            id="health-stale"
            className={stale ? 'notice' : 'visually-hidden'}
            data-testid={stale ? 'health-stale' : undefined}
          >
            {stale
              ? 'These results are from before your last change to the images, classes, split, crop or backbone — check again.'
              : ''}
          </p>
          {locked && issues.some((i) => i.remove?.length) && (
            <p className="hint" id="health-locked">
              {locked}
            </p>
          )}
          {issues.length > 0 && (
            <ul className="health-issues">
              {issues.map((issue, k) => (
                <li key={`${issue.kind}-${k}`} data-kind={issue.kind}>
                  {/* several fixes share a label ("Remove duplicate"): each is described by its finding */}
                  <span id={`health-issue-${k}`}>{findingWords(issue, classWeights)}</span>{' '}
                  {issue.remove && issue.remove.length > 0 && (
                    <button
                      type="button"
                      className="health-fix"
                      aria-describedby={`health-issue-${k}${stale ? ' health-stale' : ''}${locked ? ' health-locked' : ''}`}
                      // findings on the project as it was: what they would remove may no longer be a copy
                      disabled={stale || !!locked}
                      title={locked ?? undefined}
                      // the fixed finding leaves the list: the focus goes to the next one's fix
                      onClick={handingFocusOn('[aria-label="Dataset health"]', '.health-fix', '#check-health', () =>
                        fix(issue),
                      )}
                    >
                      {issue.fixLabel ?? 'Remove'}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
