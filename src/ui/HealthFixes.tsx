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

/** near duplicates offered one by one to keep: past this many, the plain fix (keep the first) */
const FILES_OFFERED = 4;

/**
 * Nearly identical images in one class, each offered to keep: which goes is the person's to say (the
 * sharper one stays), where "Remove near duplicate" did not say which file it took.
 */
export function fileChoices(issue: HealthIssue, byId: ReadonlyMap<string, FindingImage>) {
  if (issue.kind !== 'near-duplicate') return [];
  const present = issue.ids.filter((id) => byId.has(id));
  if (present.length < 2 || present.length > FILES_OFFERED) return [];
  if (new Set(present.map((id) => byId.get(id)!.className)).size > 1) return [];
  return present.map((id) => ({ id, name: byId.get(id)!.image.file.name }));
}

/**
 * A finding's fix, under its words and pictures. Copies filed in two classes get a button per
 * class ("Keep in rose", "Keep in tulip"): the one fix offered kept the first class's copy, the
 * tool choosing the label. A few near duplicates in one class get a button per file. The fixed
 * finding leaves the list: the focus goes to the next fix.
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
  const classes = keepChoices(issue, byId);
  const files = classes.length ? [] : fileChoices(issue, byId);
  const choices = classes.length
    ? classes.map(({ className, id }) => ({
        id,
        label: `Keep in ${className}`,
        title: `Keeps the copy in ${className} and removes the others`,
      }))
    : files.map(({ id, name }) => ({ id, label: `Keep ${name}`, title: `Keeps ${name} and removes the others` }));
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
        {classes.length ? 'Which class is right?' : 'Which one to keep?'}
      </span>
      {choices.map(({ id, label, title: why }) => (
        <button
          key={id}
          type="button"
          className="health-fix"
          aria-describedby={describedBy}
          disabled={disabled}
          title={title ?? why}
          onClick={fixing(id)}
        >
          {label}
        </button>
      ))}
    </span>
  );
}
