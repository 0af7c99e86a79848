/**
 * One tab at a time holds the project. Two tabs each kept their own idea of which images were
 * stored: the one that saved last overwrote the other's record, and a New project or an expired
 * delete in one deleted files the other still showed. A Web Lock names the holder; the browser
 * releases it when that tab's page goes, so a closed or reloaded tab never keeps it.
 */

const LOCK = 'transfer-studio:project';
const CHANNEL = 'transfer-studio:tabs';
/** a reload's page can ask before the page it replaces has let go: it waits this long first */
const RELOAD_GRACE_MS = 1500;
/**
 * The holder saves before it lets go; past this without word from it the lock is taken (a frozen tab
 * never answers). A holder still at work says so every SAVING_BEAT_MS, and each time the wait starts
 * again, up to HANDOVER_CAP_MS while it adds a drop and HANDOVER_CAP_MS more once it saves: a long
 * save taken over midway lost the images not yet written, and a cap counted from the ask left a
 * drop added for minutes too little time to be saved. Two caps at most, so a holder that says it
 * is at work for ever (a bug) does not keep the project from the asking tab for ever.
 */
const HANDOVER_MS = 15_000;
const SAVING_BEAT_MS = 2_000;
const HANDOVER_CAP_MS = 300_000;
/**
 * How long a holder asked to let go waits for images still coming in before it saves what it has
 * (a drop of thousands of photos in a hidden tab takes minutes): inside the asking tab's cap for the
 * adding, with a minute to spare, so its save begins (and gets a cap of its own) before that runs out.
 */
export const INTAKE_WAIT_MS = HANDOVER_CAP_MS - 60_000;

/** A drop's files added so far of all it holds ({ done: 0, total: 0 }: still being read). */
export interface Progress {
  done: number;
  total: number;
}

/** Images coming into the holder's project: it waits for them before it saves and lets go. */
export interface Intake {
  /** what is coming in now; null: nothing */
  coming(): Progress | null;
  /** calls `changed` on every change that may end it; returns the unsubscribe */
  watch(changed: () => void): () => void;
}

/** What the holder tells the asking tab, every SAVING_BEAT_MS, until its page goes. */
export interface Saving {
  type: 'saving';
  /** images still coming in there: it saves once they are in (a word without it: the save has begun) */
  adding?: Progress;
  /** it stopped waiting for them (INTAKE_WAIT_MS): what had not come in then is not in the project it saved */
  leftOut?: Progress;
}

/** How this tab learns it no longer holds the project: asked (it saves first) or overtaken. */
export type Leave = (how: 'asked' | 'overtaken') => void;

const locks = (): LockManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/** this page holds the project's Web Lock (false: it was not asked for, or the browser has none) */
let lockHeld = false;
/**
 * Whether no other tab can be writing the project: this page holds the lock. Without Web Locks
 * (plain http) another tab may be running on the same storage.
 */
export const holdsProjectLock = (): boolean => lockHeld;

/**
 * Another tab took the project from this page (it heard nothing from it, as from a frozen tab):
 * from now on that tab's project is in storage, and what this page would write there (a save its
 * timer still held, the record its page leaves, an undo's end) would land on it, stale.
 */
let lost = false;
export const projectLost = (): boolean => lost;

/**
 * Holds the lock for the page's life. Resolves true once held, false when `signal` aborts the
 * wait first; after that, a steal by another tab calls `leave`.
 */
function hold(leave: Leave, options: LockOptions, intake?: Intake): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let held = false;
    locks()!
      .request(LOCK, options, () => {
        held = true;
        lockHeld = true;
        resolve(true);
        answerHandovers(leave, intake);
        return new Promise<never>(() => undefined);
      })
      .catch((err: unknown) => {
        if (held) {
          lockHeld = false;
          lost = true;
          leave('overtaken');
        }
        // the wait ran out (the signal's TimeoutError) or was called off
        else if (['AbortError', 'TimeoutError'].includes((err as Error).name)) resolve(false);
        else reject(err as Error);
      });
  });
}

let channel: BroadcastChannel | null = null;
function answerHandovers(leave: Leave, intake?: Intake): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  let asked = false;
  channel.onmessage = (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type !== 'take-over' || asked) return;
    asked = true;
    let leftOut: Progress | undefined;
    // until this page reloads (its save done), the asking tab hears it is still saving, and what for
    const beat = () => {
      const adding = leftOut ? undefined : (intake?.coming() ?? undefined);
      const word: Saving = { type: 'saving', ...(adding && { adding }), ...(leftOut && { leftOut }) };
      channel?.postMessage(word);
    };
    beat();
    setInterval(beat, SAVING_BEAT_MS);
    // a drop still coming in is saved whole: the save went ahead while it was added, and the rest of
    // it was lost without a word (a 2,000-photo drop is slow to add in a hidden tab)
    void (intake ? intakeEnded(intake, INTAKE_WAIT_MS) : Promise.resolve(true)).then((ended) => {
      if (!ended) leftOut = intake?.coming() ?? undefined;
      // what it saves now, at once: the page may be gone before the next beat
      beat();
      leave('asked');
    });
  };
}

/**
 * Resolves true once nothing comes in (at once when nothing does), false once `capMs` pass first: a
 * drop that never ends must not keep the project from the tab that asked for it.
 */
export function intakeEnded(intake: Intake, capMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (!intake.coming()) return resolve(true);
    let unwatch: (() => void) | null = null;
    let over = false;
    const end = (ended: boolean) => {
      if (over) return;
      over = true;
      clearTimeout(capped);
      unwatch?.();
      resolve(ended);
    };
    const capped = setTimeout(() => end(false), capMs);
    unwatch = intake.watch(() => {
      if (!intake.coming()) end(true);
    });
    if (over) unwatch();
  });
}

/** What the page that took the project says of a drop the holder stopped waiting for (null: none was left out). */
export function leftOutNotice(word: Saving | null): string | null {
  const left = word?.leftOut;
  if (!left) return null;
  if (!left.total)
    return 'The other tab was still reading a dropped folder when the project moved here, and none of its images were added: drop or pick that folder again here.';
  const missing = left.total - left.done;
  return `The other tab was still adding a drop when the project moved here: the last ${missing} of its ${left.total} files (in name order) were not added. Add those files again here.`;
}

/**
 * A signal that aborts once `ms` pass with no call of the returned `heard`, or `cap` in all: the
 * wait for a holder that says, now and then, it is still saving.
 */
export function quietFor(
  ms: number,
  cap: number,
): { signal: AbortSignal; heard(): void; capAgain(): void; stop(): void } {
  const ctrl = new AbortController();
  const abort = () => ctrl.abort(new DOMException('no word from the holder', 'TimeoutError'));
  let quiet = setTimeout(abort, ms);
  let capped = setTimeout(abort, cap);
  let recapped = false;
  return {
    signal: ctrl.signal,
    heard() {
      if (ctrl.signal.aborted) return;
      clearTimeout(quiet);
      quiet = setTimeout(abort, ms);
    },
    /** a second cap, from now, once only: a holder that says again and again that it began gets no more */
    capAgain() {
      if (ctrl.signal.aborted || recapped) return;
      recapped = true;
      clearTimeout(capped);
      capped = setTimeout(abort, cap);
    },
    stop() {
      clearTimeout(quiet);
      clearTimeout(capped);
    },
  };
}

/**
 * A signal that aborts after `ms`: AbortSignal.timeout is newer than Web Locks (Safari 15.4-15.x,
 * Chrome 69-102 have the locks without it), and its TypeError left the page blank.
 */
function timeout(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const ctrl = new AbortController();
  setTimeout(() => ctrl.abort(), ms);
  return ctrl.signal;
}

/** True when this tab holds the project now (or the browser has no Web Locks); false: another tab does. */
export async function claimProject(leave: Leave, intake?: Intake): Promise<boolean> {
  if (!locks()) return true;
  // a browser that refuses the lock here (an opaque origin) cannot coordinate tabs: the page works as before
  return hold(leave, { signal: timeout(RELOAD_GRACE_MS) }, intake).catch(() => true);
}

/**
 * Asks the tab holding the project to save and let go, then holds it here. `heard` gets each word
 * of the holder; resolves with its last (null: none came, as from a frozen tab).
 */
export async function takeProject(
  leave: Leave,
  intake?: Intake,
  heard?: (word: Saving) => void,
): Promise<Saving | null> {
  if (!locks()) return null;
  const ask = new BroadcastChannel(CHANNEL);
  const wait = quietFor(HANDOVER_MS, HANDOVER_CAP_MS);
  let last: Saving | null = null;
  ask.onmessage = (e: MessageEvent<Partial<Saving>>) => {
    if (e.data?.type !== 'saving') return;
    last = e.data as Saving;
    wait.heard();
    // the drop is in (or none was coming): its save may take minutes more than the adding left of the cap
    if (!last.adding) wait.capAgain();
    heard?.(last);
  };
  ask.postMessage({ type: 'take-over' });
  const given = await hold(leave, { signal: wait.signal }, intake).finally(() => {
    wait.stop();
    ask.close();
  });
  if (!given) await hold(leave, { steal: true }, intake);
  return last;
}
