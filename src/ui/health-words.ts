// How a health finding reads beside its pictures (HealthPanel.tsx). The engine's message names each
// image by file and class for the CLI and the tests; in the studio those names stand under the
// images' thumbnails, so a finding that shows its pictures drops the list from its words.
import type { HealthIssue } from '../core/data/health';

/** findings about particular images, shown as their thumbnails (the rest name a class or many files) */
const PICTURED: ReadonlySet<HealthIssue['kind']> = new Set(['exact-duplicate', 'near-duplicate', 'split-leak']);
export const showsPictures = (issue: HealthIssue): boolean => PICTURED.has(issue.kind) && issue.ids.length > 0;

/** a few pictures and "+N more": a frozen camera's 21 identical frames made a wall of them */
export const PICTURES_SHOWN = 4;
export function picturesOf<T>(present: readonly T[]): { shown: T[]; more: number } {
  if (present.length <= PICTURES_SHOWN) return { shown: [...present], more: 0 };
  const shown = present.slice(0, PICTURES_SHOWN - 1);
  return { shown, more: present.length - shown.length };
}

const NEAR_PLAIN = 'Nearly identical images (they look almost the same to the model)';
// "feature similarity above 0.98" said nothing to someone who has not read about cosines
const NEAR_JARGON = /^Nearly identical images \(feature similarity above [\d.]+\)/;
// the list is the first "name (class)." or "… and N more." up to a sentence's end; what follows
// (which files are identical copies, a frozen camera) is kept
const NEAR_LISTED = /^: [\s\S]*?(?:\)|more)\.(?= |$)/;
const EXACT_LISTED = /^Identical files: [\s\S]*\.$/;
// a leak within one class ends its first sentence on its list; one across classes names them
// mid-sentence and keeps it. What follows the list (which files are identical copies) is kept.
const LEAK_LISTED =
  /^((?:Copies|Nearly identical images) on both sides of the train\/validation split make validation accuracy look better than it is): [\s\S]*?(?:\)|more)\.(?= |$)/;

/** The words a finding is shown with: plain words, and no file list where its pictures name them. */
export function findingText(issue: HealthIssue, words: string): string {
  const pictured = showsPictures(issue);
  if (issue.kind === 'exact-duplicate' && pictured && EXACT_LISTED.test(words))
    return 'Identical files (the same picture more than once).';
  if (issue.kind === 'split-leak' && pictured) return words.replace(LEAK_LISTED, '$1.');
  if (issue.kind !== 'near-duplicate' || !NEAR_JARGON.test(words)) return words;
  const rest = words.replace(NEAR_JARGON, '');
  if (!pictured || !NEAR_LISTED.test(rest)) return `${NEAR_PLAIN}${rest}`;
  return `${NEAR_PLAIN}.${rest.replace(NEAR_LISTED, '')}`;
}
