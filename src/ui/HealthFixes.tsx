import type { HealthIssue } from '../core/data/health';
import { useInsight } from '../state/dataset-insight';
import { handingFocusOn } from './focus-after-removal';
import type { FindingImage } from './HealthPictures';

/** findings about copies of one picture: where they sit in two classes, which label is right is the person's to say */
const COPIES: ReadonlySet<HealthIssue['kind']> = new Set(['exact-duplicate', 'near-duplicate', 'split-leak']);

/** The first present image of each class a finding's copies are in, in the finding's order. */
export function keepChoices(issue: HealthIssue, byId: ReadonlyMap<string, FindingImage>) {
  if (!COPIES.has(issue.kind)) return [];
  const firsts = new Map<string, string>();
  for (const id of issue.ids) {
    const found = byId.get(id);
    if (found && !firsts.has(found.className)) firsts.set(found.className, id);
  }
  return firsts.size > 1 ? [...firsts].map(([className, id]) => ({ className, id })) : [];
}

/**
 * A finding's fix, under its words and pictures. Copies filed in two classes get a button per
 * class ("Keep in rose", "Keep in tulip"): the one fix offered kept the first class's copy, the
 * tool choosing the label. The fixed finding leaves the list: the focus goes to the next fix.
 */
export function HealthFixes({
  issue,
  byId,
  askId,
  describedBy,
  disabled,
  title,
}: {
  issue: HealthIssue;
  byId: ReadonlyMap<string, FindingImage>;
  /** the id of the question the keep buttons answer */
  askId: string;
  describedBy: string;
  disabled: boolean;
  title?: string;
}) {
  const fix = useInsight((s) => s.fix);
  if (!issue.remove?.length) return null;
  const fixing = (keep?: string) =>
    handingFocusOn('[aria-label="Dataset health"]', '.health-fix', '#check-health', () => fix(issue, keep));
  const choices = keepChoices(issue, byId);
  if (!choices.length)
    return (
      <button
        type="button"
        className="health-fix"
        aria-describedby={describedBy}
        disabled={disabled}
        title={title}
        onClick={fixing()}
      >
        {issue.fixLabel ?? 'Remove'}
      </button>
    );
  return (
    <span className="row health-keep" role="group" aria-labelledby={askId}>
      {/* said where it is seen: the words above name identical files, the classes are under the pictures */}
      <span className="hint" id={askId}>
        Which class is right?
      </span>
      {choices.map(({ className, id }) => (
        <button
          key={className}
          type="button"
          className="health-fix"
          aria-describedby={describedBy}
          disabled={disabled}
          title={title ?? `Keeps the copy in ${className} and removes the others`}
          onClick={fixing(id)}
        >
          Keep in {className}
        </button>
      ))}
    </span>
  );
}
