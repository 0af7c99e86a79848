import type { DataChange } from '../state/data-since-run';

// What the steps say of a model trained before the project's images or classes changed.

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');
const classes = (names: readonly string[], what: string) =>
  `class${names.length > 1 ? 'es' : ''} ${quoted(names)} ${what}`;

/** "5 added, class “street” removed" */
export function changeList(c: DataChange): string {
  const parts = [
    ...(c.added ? [`${c.added} added`] : []),
    ...(c.removed ? [`${c.removed} removed`] : []),
    ...(c.moved ? [`${c.moved} moved to another class`] : []),
    ...(c.classesRemoved.length ? [classes(c.classesRemoved, 'removed')] : []),
    ...(c.classesAdded.length ? [classes(c.classesAdded, 'added')] : []),
    ...c.classesRenamed.map(({ from, to }) => `“${from}” renamed “${to}”`),
  ];
  // the fingerprint differs where no count does: an image deleted and another added in its class
  return parts.length ? parts.join(', ') : 'other images, in the same numbers';
}

/** what changed, in a word: a class removed takes its images with it, a rename or an empty class added does not */
export const changedWhat = (c: DataChange): 'images' | 'classes' =>
  !c.added && !c.removed && !c.moved && !c.classesRemoved.length && (c.classesAdded.length || c.classesRenamed.length)
    ? 'classes'
    : 'images';

/** the step bar's few words: "images changed" (with "since", the end of the line was cut at 1280 px) */
export const changedShort = (c: DataChange) => `${changedWhat(c)} changed`;

/** a step's status words with the change after them ("finished · images changed") */
export const withChange = (words: string, c: DataChange | null) => (c ? `${words} · ${changedShort(c)}` : words);

/** The Train step's status line: its words with the change after them, or the change alone. */
export function statusWithChange<T extends { text: string }>(words: T, c: DataChange | null): T {
  if (!c) return words;
  return {
    ...words,
    text: words.text
      ? `${words.text} · the ${changedWhat(c)} changed since`
      : `The model was trained before the ${changedWhat(c)} changed (${changeList(c)}): train again to update it.`,
  };
}

/**
 * What Try it says of a model trained here before the change: the labels it answers that the
 * project no longer has (a renamed one by its new name).
 */
export function modelChangeWords(c: DataChange | null, labels: readonly string[], names: readonly string[]): string {
  const have = new Set(names);
  const renamed = new Map((c?.classesRenamed ?? []).map(({ from, to }) => [from, to]));
  const gone = labels.filter((l) => !have.has(l) && !renamed.has(l));
  const words = [
    ...(c ? [`Trained before the latest changes to the ${changedWhat(c)} (${changeList(c)}).`] : []),
    ...(gone.length
      ? [`It answers ${quoted(gone)}, ${gone.length > 1 ? 'classes' : 'a class'} the project no longer has.`]
      : []),
    ...labels.flatMap((l) => (renamed.has(l) ? [`It answers “${l}”, now named “${renamed.get(l)}”.`] : [])),
  ];
  return words.join(' ');
}
