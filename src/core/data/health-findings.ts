// What a health report's findings say and fix once shown, as the project changes after the check
// (health.ts makes the report).
import type { HealthIssue } from './health';

/**
 * The words a finding is shown with, by the class-weights setting as it is now: the imbalance one
 * says whether class weights compensate (with them off nothing does: saying they did left the
 * checkbox unticked).
 */
export function findingWords(issue: HealthIssue, classWeights: boolean): string {
  if (issue.kind !== 'imbalance' || issue.smallClass === undefined) return issue.message;
  const weights = classWeights
    ? 'Class weights (on in Training settings) compensate in part'
    : 'Class weights are off: turning on "Balance classes (class weights)" in Training settings compensates in part';
  return `${issue.message} ${weights}; adding images to "${issue.smallClass}" helps more.`;
}

/**
 * What a finding's fix removes now, from the images still in the project: a report outlives the
 * deletions made after it (a thumbnail's ×, another finding's fix), and the ids it chose when the
 * check ran could take the last copy of a picture. The fix keeps as many images as it meant to
 * (ids ahead of `remove`: one of a group of copies, none of the unreadable files), the first ones
 * present, and removes the rest.
 */
export function fixRemoves(issue: HealthIssue, present: ReadonlySet<string>, keep?: string): string[] {
  if (!issue.remove?.length) return [];
  const keeps = issue.ids.length - issue.remove.length;
  // `keep`: the copy the person chose to keep (copies in two classes: which label is right is theirs to say)
  const ids = keep && present.has(keep) ? [keep, ...issue.ids.filter((id) => id !== keep)] : issue.ids;
  return ids.filter((id) => present.has(id)).slice(keeps);
}

/** A finding with a fix is shown while its fix has something left to remove (a pair with one image left is no pair). */
export function findingApplies(issue: HealthIssue, present: ReadonlySet<string>): boolean {
  return !issue.remove?.length || fixRemoves(issue, present).length > 0;
}
