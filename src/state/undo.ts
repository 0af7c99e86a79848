import { create } from 'zustand';
import { UNDO_MS } from './saved-undo';
import { projectLost } from './one-tab';
import { currentProject, onProjectChange, OtherProject } from './project-generations';
import { NoLongerUndoable } from './undo-errors';
import { heldBack, offeredFor, say } from './undo-words';

/**
 * Destructive actions are done at once and offered back for a while: each one leaves an undo
 * entry (shown as a toast) holding what it took away. Only when the entry expires is the loss made
 * final (its `finalise` frees the blobs, cached features and stashed model). While it is pending,
 * the autosave keeps the image blobs it names (`heldImageIds`) and stores its `saved` description,
 * so a reload during the window can still undo (see state/project-undo.ts).
 */

/** how long an undo stays offered; the toast pauses while it has focus or the pointer */
export { UNDO_MS };

export interface UndoOffer<S = unknown> {
  label: string;
  /** brings back what the action took */
  undo(): void | Promise<void>;
  /** the action becomes final: free what was kept for the undo */
  finalise(): void | Promise<void>;
  /** images whose stored blobs must outlive the autosave until then */
  heldImages: string[];
  /** the file of one of them, which the autosave stores if it had not yet (absent: storage's copy is the only one) */
  heldFile?(id: string): File | undefined;
  /** a plain description stored with the project, from which a reload rebuilds this undo */
  saved: S;
  /**
   * the project it belongs to (state/project-generations.ts), when its undo works only there: its
   * toast is shown only while that project is on the page. Absent: its description's `made` (a
   * deletion's or move's, state/saved-undo.ts), else it is shown in any project.
   */
  project?: number;
  /**
   * why its undo was refused before the page reloaded: it comes back refused, with that reason and,
   * unless put away, no time to run out, as it was (offered afresh, it ran out 15 s later and was made final)
   */
  refusedBefore?: string;
  /** and whether Undo was no longer offered then: revived with it, an Undo that could only fail came back */
  withoutUndoBefore?: UndoEntry['withoutUndo'];
}

/**
 * A pending undo as the autosave stores it with the project (state/project-undo.ts reviveUndos
 * brings it back): its description, and what the page marked on it, which its description does not say.
 */
export interface StoredUndo {
  saved: unknown;
  /** when it runs out; absent, `left` or refused with no time */
  expiresAt?: number;
  /** held by the pointer or the focus: the time it had left */
  left?: number;
  /** why its undo was refused: without a time to run out, it stays until it is taken or closed */
  refused?: string;
  withoutUndo?: UndoEntry['withoutUndo'];
  /** the project a refusal in another one told it it belongs to, where its description does not say */
  project?: number;
}

export interface UndoEntry {
  id: string;
  label: string;
  expiresAt: number;
  /** set while the undo runs; a failure is shown in the toast */
  state: 'pending' | 'undoing' | 'failed';
  error?: string;
  /**
   * no Undo is offered after its failure, only closing it: the reason will not pass
   * (NoLongerUndoable), or not until the project it belongs to is back
   */
  withoutUndo?: 'for good' | 'until its project is back';
  /** held by the pointer or the focus on its toast: its time does not run */
  paused?: boolean;
  /**
   * it belongs to a project that New or Open project replaced: no toast, no Ctrl+Z, until that
   * project is back (its replacement undone); its time runs meanwhile
   */
  otherProject?: boolean;
}

export { NoLongerUndoable };

interface UndoState {
  entries: UndoEntry[];
  /**
   * what the toasts' one live region says: the newest offer, or an undo's failure. A toast appearing
   * with its text already in it is a new live region, which screen readers often pass over.
   */
  said: { id: number; text: string } | null;
  /** a modal dialog is open that shows the toasts itself (the page behind it is inert) */
  inDialog: boolean;
  /**
   * the live region is on the page: what was said before (undos revived at start-up) is said again
   * once it is, into a region already there, not with the region's first render
   */
  listening: boolean;
}

export const useUndo = create<UndoState>(() => ({ entries: [], said: null, inDialog: false, listening: false }));

/** Said in the toasts' live region: an offer's words held back (undo-words.ts), with the account of its action. */
export const sayUndo = (text: string): void => useUndo.setState(say(text));

/** The toasts' live region is mounted: anything said before it was there is said again now. */
export function startListening(): void {
  const { listening, said } = useUndo.getState();
  if (listening) return;
  useUndo.setState({ listening: true, ...(said && say(said.text)) });
}

interface Held {
  offer: UndoOffer;
  timer: ReturnType<typeof setTimeout> | null;
  /** ms left when paused */
  left: number | null;
  /** its undo is running: a second Ctrl+Z or click would run it again (two earlier projects put back) */
  undoing?: boolean;
  /**
   * its undo was refused: it has no time left to run out until it is taken or closed. Resumed or
   * reloaded, a refused "Opened x.zip" finalised the earlier project it was refused to keep.
   */
  failed?: boolean;
  /** why it was refused last: stored with it (its entry's error is cleared while it is tried again) */
  refusal?: string;
  /** not tried again: for good, or until its project is back */
  withoutUndo?: UndoEntry['withoutUndo'];
  /** the project it belongs to (state/project-generations.ts); null: any */
  project: number | null;
  /** put away: that project is not on the page now */
  away: boolean;
}

const held = new Map<string, Held>();
let counter = 0;

function arm(id: string, ms: number) {
  const h = held.get(id);
  if (!h) return;
  if (h.timer) clearTimeout(h.timer);
  h.timer = setTimeout(() => void expire(id), ms);
}

function drop(id: string) {
  const h = held.get(id);
  if (h?.timer) clearTimeout(h.timer);
  held.delete(id);
  useUndo.setState((s) => ({ entries: s.entries.filter((e) => e.id !== id) }));
}

async function expire(id: string) {
  const h = held.get(id);
  if (!h) return;
  drop(id);
  lastWayBackGone(h);
  // Another tab took the project (one-tab.ts): what this undo would free (a stash, features, a
  // backbone's files) is in the storage that tab works on, and its reload revives the same undo.
  if (projectLost()) return;
  try {
    await h.offer.finalise();
  } catch (err) {
    console.warn(`Finishing "${h.offer.label}" failed: ${(err as Error).message}`);
  }
}

/** The project an undo belongs to (UndoOffer.project), or null: it works in any. */
function projectOf(offer: UndoOffer<unknown>): number | null {
  // a deletion or move revived after a reload may be another project's
  const made = (offer.saved as { made?: unknown } | null | undefined)?.made;
  return offer.project ?? (typeof made === 'number' ? made : null);
}

/**
 * Offers an undo for an action already done; `ms` is the time left (less after a reload). One
 * refused before a reload (`refusedBefore`) runs out only put away, in the time it had left then
 * (`ms`): with none, it was shown refused, and stays until it is taken or closed.
 */
export function offerUndo<S>(offer: UndoOffer<S>, ms?: number): string {
  const id = `undo-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const project = projectOf(offer);
  const withoutUndo = offer.withoutUndoBefore;
  // refused as another project's, which is on the page again: offered afresh, as showProject does
  const why =
    withoutUndo === 'until its project is back' && project === currentProject() ? undefined : offer.refusedBefore;
  // a toast that is not shown is not said either; one refused without Undo stays where it was refused
  // (showProject puts it away once another project takes the page's place)
  const away =
    project !== null && project !== currentProject() && !(why !== undefined && ms === undefined && withoutUndo);
  const shown = { id, label: offer.label, otherProject: away || undefined };
  const base = { offer: offer as UndoOffer, timer: null, left: null, project, away };
  if (why !== undefined) {
    held.set(id, { ...base, left: away ? (ms ?? null) : null, failed: true, refusal: why, withoutUndo });
    const error = { expiresAt: Date.now(), state: 'failed' as const, error: why, withoutUndo };
    useUndo.setState((s) => ({
      entries: [...s.entries, { ...shown, ...error }],
      ...(!away &&
        say(
          withoutUndo === 'for good'
            ? `${offer.label}: can no longer be undone (${why}).`
            : `${offer.label}: undo failed before the page reloaded (${why}). It stays until you undo it or close it.`,
        )),
    }));
    if (away) runTime(id);
    return id;
  }
  const time = ms ?? UNDO_MS;
  held.set(id, base);
  const unsaid = away || heldBack(id, offer, time);
  useUndo.setState((s) => ({
    entries: [...s.entries, { ...shown, expiresAt: Date.now() + time, state: 'pending' }],
    ...(!unsaid && say(`${offer.label}. ${offeredFor(time)}`)),
  }));
  arm(id, time);
  return id;
}

/**
 * Its time runs again (put away, whatever held it: no toast is left to close a refused one, or to
 * let go of one the pointer or the focus was holding, and a project never put back would keep it,
 * and what it holds, for good).
 */
function runTime(id: string): void {
  const h = held.get(id);
  if (!h || h.timer || h.undoing) return;
  const ms = h.left ?? UNDO_MS;
  h.left = null;
  patch(id, { expiresAt: Date.now() + ms, paused: false });
  arm(id, ms);
}

/** Another project took the page's place: the undos of the others are put away, its own come back. */
function showProject(current: number): void {
  for (const [id, h] of held) {
    if (h.project === null) continue;
    const away = h.project !== current;
    if (!away && h.withoutUndo === 'until its project is back') {
      // refused as the other project's: it is offered afresh
      Object.assign(h, { failed: false, withoutUndo: undefined, refusal: undefined, away });
      patch(id, { state: 'pending', error: undefined, withoutUndo: undefined, otherProject: undefined });
      runTime(id);
      continue;
    }
    if (away === h.away) continue;
    h.away = away;
    patch(id, { otherProject: away || undefined });
    if (away) runTime(id);
    else if (h.failed && h.timer) {
      // back on the page refused: it stays until it is taken or closed, as it did before
      clearTimeout(h.timer);
      h.timer = null;
    }
  }
}
onProjectChange(showProject);

const patch = (id: string, p: Partial<UndoEntry>) =>
  useUndo.setState((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, ...p } : e)) }));

const REPLACED_FOR_GOOD = 'it belongs to a project that was replaced';
const bringsBack = (o: Held, project: unknown) =>
  (o.offer.saved as { replaced?: unknown } | null | undefined)?.replaced === project;

/**
 * The last undo that could bring a replaced project back was made final: the undos refused "until its
 * project is back" can never be taken. They said "undo “Started a new project” first" of a toast
 * that was gone, and offered nothing but ×, for good.
 */
function lastWayBackGone(gone: Held): void {
  const project = (gone.offer.saved as { replaced?: unknown } | null | undefined)?.replaced;
  if (typeof project !== 'number' || [...held.values()].some((o) => bringsBack(o, project))) return;
  const orphans = [...held].filter(([, h]) => h.project === project && h.withoutUndo === 'until its project is back');
  for (const [id, h] of orphans) {
    Object.assign(h, { withoutUndo: 'for good', refusal: REPLACED_FOR_GOOD });
    patch(id, { error: REPLACED_FOR_GOOD, withoutUndo: 'for good' });
  }
  if (orphans.length)
    useUndo.setState(
      say(`${orphans.map(([, h]) => h.offer.label).join('; ')}: can no longer be undone (${REPLACED_FOR_GOOD})`),
    );
}

/** Runs the undo; on failure the entry stays (with the reason) so nothing is finalised by surprise. */
export async function runUndo(id: string): Promise<boolean> {
  const h = held.get(id);
  // put away, or with no Undo offered: a click or Ctrl+Z that reached it all the same does nothing
  if (!h || h.undoing || h.away || h.withoutUndo) return false;
  if (h.timer) {
    clearTimeout(h.timer);
    // stored as held meanwhile: a reload while a slow undo runs found its window run out, and made it final
    const entry = useUndo.getState().entries.find((e) => e.id === id);
    h.left = Math.max(0, (entry?.expiresAt ?? Date.now()) - Date.now());
  }
  h.timer = null;
  h.undoing = true;
  patch(id, { state: 'undoing', error: undefined });
  try {
    await h.offer.undo();
    drop(id);
    // Ctrl+Z from elsewhere on the page gives no other sign that it worked
    useUndo.setState(say(`Undone: ${h.offer.label}.`));
    return true;
  } catch (err) {
    const { why, withoutUndo } = refused(h, err);
    h.undoing = false;
    h.failed = true;
    h.withoutUndo = withoutUndo;
    h.refusal = why;
    // paused before the click: the pointer leaving must not start a timer that finalises it
    h.left = null;
    patch(id, { state: 'failed', error: why, paused: false, withoutUndo });
    useUndo.setState(
      say(
        withoutUndo === 'for good'
          ? `${h.offer.label}: can no longer be undone (${why})`
          : `${h.offer.label}: undo failed (${why})`,
      ),
    );
    // replaced while it ran (the project is put away under it): it runs out as the others there
    if (h.away) runTime(id);
    return false;
  }
}

/**
 * Why an undo was refused, in the toast's words, and whether it is offered again. One of another
 * project that reached it all the same (an offer that does not say its project: UndoOffer.project)
 * learns it there, and names the toast that brings that project back.
 */
function refused(h: Held, err: unknown): { why: string; withoutUndo?: UndoEntry['withoutUndo'] } {
  if (err instanceof NoLongerUndoable) return { why: err.message, withoutUndo: 'for good' };
  if (!(err instanceof OtherProject)) return { why: (err as Error).message };
  h.project = err.project;
  const ways = [...held.values()].filter((o) => bringsBack(o, err.project));
  // its project replaced and no undo left to put it back: it is gone
  if (!ways.length) return { why: REPLACED_FOR_GOOD, withoutUndo: 'for good' };
  const shown = ways.find((o) => !o.away);
  return {
    why: shown ? `this belongs to the previous project: undo “${shown.offer.label}” first` : err.message,
    withoutUndo: 'until its project is back',
  };
}

/**
 * What Ctrl+Z undoes: the newest offer shown whose undo is not under way already (pressed twice, it
 * takes the next one) nor refused for good.
 */
export function newestUndoable(): UndoEntry | undefined {
  const { entries } = useUndo.getState();
  for (let i = entries.length - 1; i >= 0; i--) {
    const h = held.get(entries[i].id);
    if (h && !h.undoing && !h.away && !h.withoutUndo) return entries[i];
  }
  return undefined;
}

/** The person closed the toast: the action is final now (not while its undo is under way: that goes on). */
export const dismissUndo = async (id: string): Promise<void> => {
  if (!held.get(id)?.undoing) await expire(id);
};

/** A toast that has focus or the pointer keeps its undo (WCAG 2.2.1: time limits can be paused). */
export function pauseUndo(id: string): void {
  const h = held.get(id);
  // put away, it has no toast to hold it (runTime)
  if (!h || !h.timer || h.away) return;
  clearTimeout(h.timer);
  h.timer = null;
  const entry = useUndo.getState().entries.find((e) => e.id === id);
  h.left = Math.max(0, (entry?.expiresAt ?? Date.now()) - Date.now());
  // marked in the store, so the autosave stores it as paused: a reload while it is held does not find it run out
  patch(id, { paused: true });
}

export function resumeUndo(id: string): void {
  const h = held.get(id);
  // an undo under way has no time to run out: started again, it finalised what was being put back
  if (!h || h.undoing || h.failed || h.timer || h.left === null) return;
  // never less than a few seconds after the person looks away
  const ms = Math.max(h.left, 5_000);
  h.left = null;
  patch(id, { expiresAt: Date.now() + ms, paused: false });
  arm(id, ms);
}

/** Image ids whose stored blobs a pending undo still needs. */
export function heldImageIds(): Set<string> {
  return new Set([...held.values()].flatMap((h) => h.offer.heldImages));
}

/** The files of those images the pending undos have on the page. */
export function heldImageFiles(): Map<string, File> {
  const files = new Map<string, File>();
  for (const { offer } of held.values())
    for (const id of offer.heldImages) {
      const file = offer.heldFile?.(id);
      if (file) files.set(id, file);
    }
  return files;
}

/**
 * The pending undos as stored with the project: each one's description and when it expires, why it
 * was refused and whether Undo is still offered, and the project it learnt it belongs to.
 */
export function savedUndos(): StoredUndo[] {
  const at = new Map(useUndo.getState().entries.map((e) => [e.id, e.expiresAt]));
  // a paused one keeps the time it had left, however long the page stays open or away after this save;
  // a refused one has no time: the page a reload brings shows it refused, with the reason, until it is taken or closed
  // one put away runs out as a pending one does (runTime), and is stored so, refused or not
  return [...held].map(([id, h]) => ({
    ...(h.failed && !h.timer ? {} : h.left !== null ? { left: h.left } : { expiresAt: at.get(id) ?? Date.now() }),
    ...(h.failed ? { refused: h.refusal ?? '' } : {}),
    ...(h.withoutUndo ? { withoutUndo: h.withoutUndo } : {}),
    // its description does not say it (state/project-undo.ts reviveUndos gives it back)
    ...(h.project !== null && h.project !== projectOf(h.offer) ? { project: h.project } : {}),
    saved: h.offer.saved,
  }));
}
