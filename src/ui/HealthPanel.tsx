import { useInsight } from '../state/dataset-insight';
import { WaitingButton } from './WaitingButton';
import { handingFocusOn } from './focus-after-removal';

/** Dataset problems found before training (core/data/health.ts), each with its fix where one exists. */
export function HealthPanel({ disabled }: { disabled: boolean }) {
  const { status, progress, report, error } = useInsight((s) => s.health);
  const { checkHealth, remove } = useInsight();
  return (
    <div>
      <div className="row">
        <WaitingButton
          id="check-health"
          onClick={() => void checkHealth()}
          disabled={disabled}
          waiting={status === 'running'}
        >
          Check dataset health
        </WaitingButton>
        {status === 'running' && (
          <progress aria-label="Dataset health check" max={Math.max(1, progress.total)} value={progress.done} />
        )}
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </div>
      {report && (
        <section aria-label="Dataset health">
          {report.issues.length === 0 ? (
            <ul className="health-issues">
              <li className="ok">No problems found in {report.checked} images.</li>
            </ul>
          ) : (
            <ul className="health-issues">
              {report.issues.map((issue, k) => (
                <li key={`${issue.kind}-${k}`} data-kind={issue.kind}>
                  {issue.message}{' '}
                  {issue.remove && issue.remove.length > 0 && (
                    <button
                      type="button"
                      className="health-fix"
                      // the fixed finding leaves the list: the focus goes to the next one's fix
                      onClick={handingFocusOn('[aria-label="Dataset health"]', '.health-fix', '#check-health', () =>
                        remove(issue.remove!),
                      )}
                    >
                      {issue.fixLabel ?? 'Remove'}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="hint">
            Checked {report.checked} images by file contents and backbone features
            {report.extracted
              ? ` (features extracted for ${report.extracted}; Train reuses them)`
              : ' (features from the cache)'}
            .
          </p>
        </section>
      )}
    </div>
  );
}
