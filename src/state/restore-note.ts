/**
 * The line saying what a restore or an opened project could not bring back (state/persist.ts keeps
 * it): each failure is said once, and taken back once the page has that kind of model again.
 */

/** what a restore failure is about: the page having that again (a new run's model, an import) makes it moot */
export type RestoreFailure = 'model' | 'import' | 'runs' | 'start';

const failureAbout = new Map<string, RestoreFailure>();

/** `note` with `message` after what it said already (once) */
export function withFailure(note: string | null, message: string, about: RestoreFailure): string {
  failureAbout.set(message, about);
  if (note?.includes(message)) return note;
  return note ? `${note} ${message}` : message;
}

/**
 * `note` without what it said about `about`: "…could not be restored… Train again" stayed up, an
 * alert, over the model trained since
 */
export function withoutFailures(note: string | null, about: RestoreFailure): string | null {
  if (!note) return note;
  for (const [message, of] of failureAbout) if (of === about) note = note.replace(message, '');
  return note.replace(/\s+/g, ' ').trim() || null;
}
