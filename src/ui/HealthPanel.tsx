import { useMemo } from 'react';
import { findingApplies, findingWords, fixRemoves, type HealthIssue } from '../core/data/health';
import type { HealthReport } from '../worker/protocol';
import { useInsight } from '../state/dataset-insight';
import { useTraining } from '../state/training';
import { useClassesSoon } from './useProjectSoon';
import { WaitingButton } from './WaitingButton';
import { handingFocusOn } from './focus-after-removal';
import { HealthFixes, keepChoices } from './HealthFixes';
import { HealthPictures, imagesById } from './HealthPictures';
import { findingText, showsPictures } from './health-words';
import { useProjectLock } from './useRunLock';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** what a fix of each kind removes, in the words of its finding */
const REMOVED: Partial<Record<HealthIssue['kind'], [one: string, many?: string]>> = {
  'exact-duplicate': ['duplicate'],
  'near-duplicate': ['near duplicate'],
  'split-leak': ['copy', 'copies'],
  unreadable: ['unreadable file'],
};

/** findings fixed in one press too when there are several: each removes copies of one picture */
const BULK: [HealthIssue['kind'], string][] = [
  ['exact-duplicate', 'duplicates'],
  ['split-leak', 'copies across the split'],
];

/**
 * The check's one line, the one place its result is said (the list below is not read out by itself;
 * a green line and a method line said it twice more). Once a fix has removed images, the figures
 * checked are no longer the project's: the line says what the fixes removed and how to look again,
 * and a result the project has moved on from leaves the words to the note that says so.
 */
export function healthOutcome(
  status: string,
  report: HealthReport | null,
  present: ReadonlySet<string>,
  fixed: ReadonlySet<string> | undefined,
  stale: boolean,
): { words: string; clean: boolean } {
  if (status === 'running') return { words: 'Checking the images…', clean: false };
  if (status !== 'done' || !report || stale) return { words: '', clean: false };
  const left = report.issues.filter((i) => findingApplies(i, present)).length;
  const problems = plural(left, 'problem');
  const removed = [...(fixed ?? [])].filter((id) => !present.has(id));
  if (!removed.length)
    return left
      ? { words: `Checked ${report.checked} images: ${problems} found, listed below.`, clean: false }
      : { words: `Checked ${report.checked} images: no problems found.`, clean: true };
  const gone = new Set(removed);
  const kinds = new Set(report.issues.filter((i) => i.remove?.some((id) => gone.has(id))).map((i) => i.kind));
  const [one, many] = (kinds.size === 1 && REMOVED[[...kinds][0]]) || ['image'];
  const rest = left ? `; ${problems} left, listed below` : '';
  return { words: `Removed ${plural(removed.length, one, many)}${rest}. Check again to re-scan.`, clean: false };
}

/** Dataset problems found before training (core/data/health.ts), each with its fix where one exists. */
export function HealthPanel({ disabled, describedBy }: { disabled: boolean; describedBy?: string }) {
  const health = useInsight((s) => s.health);
  const { status, progress, report, error, stale } = health;
  const checkHealth = useInsight((s) => s.checkHealth);
  const fixAll = useInsight((s) => s.fixAll);
  // the imbalance finding's advice follows the box as it is now, not as it was when the check ran
  const classWeights = useTraining((s) => s.settings.classWeights);
  const classes = useClassesSoon();
  // a run holds the images: the store refuses a fix then, and its refusal (the lock's words as the
  // Data step's notice) is hidden while the lock is shown, so the button did nothing visible
  const locked = useProjectLock();
  const byId = useMemo(() => imagesById(classes), [classes]);
  const present = useMemo(() => new Set(byId.keys()), [byId]);
  // a finding its fix has nothing left to do for (it was pressed, or a pair lost one of its two) leaves
  // the list, and an undo that brings the images back brings it back too
  const issues = report?.issues.filter((i) => findingApplies(i, present)) ?? [];
  const pictured = (issue: HealthIssue) => showsPictures(issue) && issue.ids.some((id) => byId.has(id));
  const outcome = healthOutcome(status, report, present, health.basis?.fixed, stale);
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
        <span role="status" className={outcome.clean ? 'hint health-ok' : 'hint'}>
          {outcome.words}
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
              ? `These results (${report.checked} images checked) are from before your last change to the images, classes, split, crop or backbone — check again.`
              : ''}
          </p>
          {locked && issues.some((i) => i.remove?.length) && (
            <p className="hint" id="health-locked">
              {locked}
            </p>
          )}
          {BULK.map(([kind, what]) => {
            // copies in two classes wait for the person to say which label is right (HealthFixes)
            const many = issues.filter((i) => i.kind === kind && i.remove?.length && !keepChoices(i, byId).length);
            if (many.length < 2) return null;
            const count = many.reduce((n, i) => n + fixRemoves(i, present).length, 0);
            return (
              <p className="row" key={kind}>
                <button
                  type="button"
                  className="health-fix-all"
                  aria-describedby={[`health-all-${kind}`, stale && 'health-stale', locked && 'health-locked']
                    .filter(Boolean)
                    .join(' ')}
                  disabled={stale || !!locked}
                  title={locked ?? undefined}
                  onClick={handingFocusOn('[aria-label="Dataset health"]', '.health-fix', '#check-health', () =>
                    fixAll(many),
                  )}
                >
                  Remove all {count} {what}
                </button>{' '}
                <span className="hint" id={`health-all-${kind}`}>
                  The {many.length} fixes below in one press: each keeps what its own button keeps, and one Undo brings
                  every image back.
                </span>
              </p>
            );
          })}
          {issues.length > 0 && (
            <ul className="health-issues">
              {issues.map((issue, k) => (
                <li key={`${issue.kind}-${k}`} data-kind={issue.kind}>
                  {/* several fixes share a label ("Remove duplicate"): each is described by its finding and its pictures' names */}
                  <p id={`health-issue-${k}`}>{findingText(issue, findingWords(issue, classWeights))}</p>
                  {pictured(issue) && <HealthPictures id={`health-pictures-${k}`} ids={issue.ids} byId={byId} />}
                  {/* under the finding's words and pictures, whatever its kind: one place to look for it */}
                  <HealthFixes
                    issue={issue}
                    byId={byId}
                    askId={`health-ask-${k}`}
                    describedBy={[
                      `health-issue-${k}`,
                      pictured(issue) && `health-pictures-${k}`,
                      stale && 'health-stale',
                      locked && 'health-locked',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                    // findings on the project as it was: what they would remove may no longer be a copy
                    disabled={stale || !!locked}
                    title={locked ?? undefined}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
