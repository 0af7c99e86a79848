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
 * never answers). A holder still saving says so every SAVING_BEAT_MS, and each time the wait starts
 * again, up to HANDOVER_CAP_MS in all: a long save taken over midway lost the images not yet written.
 */
const HANDOVER_MS = 15_000;
const SAVING_BEAT_MS = 2_000;
const HANDOVER_CAP_MS = 300_000;

/** How this tab learns it no longer holds the project: asked (it saves first) or overtaken. */
export type Leave = (how: 'asked' | 'overtaken') => void;

const locks = (): LockManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/**
 * Holds the lock for the page's life. Resolves true once held, false when `signal` aborts the
 * wait first; after that, a steal by another tab calls `leave`.
 */
function hold(leave: Leave, options: LockOptions): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let held = false;
    locks()!
      .request(LOCK, options, () => {
        held = true;
        resolve(true);
        answerHandovers(leave);
        return new Promise<never>(() => undefined);
      })
      .catch((err: unknown) => {
        if (held) leave('overtaken');
        // the wait ran out (the signal's TimeoutError) or was called off
        else if (['AbortError', 'TimeoutError'].includes((err as Error).name)) resolve(false);
        else reject(err as Error);
      });
  });
}

let channel: BroadcastChannel | null = null;
function answerHandovers(leave: Leave): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type !== 'take-over') return;
    leave('asked');
    // until this page reloads (its save done), the asking tab hears it is still saving
    const beat = () => channel?.postMessage({ type: 'saving' });
    beat();
    setInterval(beat, SAVING_BEAT_MS);
  };
}

/**
 * A signal that aborts once `ms` pass with no call of the returned `heard`, or `cap` in all: the
 * wait for a holder that says, now and then, it is still saving.
 */
export function quietFor(ms: number, cap: number): { signal: AbortSignal; heard(): void; stop(): void } {
  const ctrl = new AbortController();
  const abort = () => ctrl.abort(new DOMException('no word from the holder', 'TimeoutError'));
  let quiet = setTimeout(abort, ms);
  const capped = setTimeout(abort, cap);
  return {
    signal: ctrl.signal,
    heard() {
      if (ctrl.signal.aborted) return;
      clearTimeout(quiet);
      quiet = setTimeout(abort, ms);
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
export async function claimProject(leave: Leave): Promise<boolean> {
  if (!locks()) return true;
  // a browser that refuses the lock here (an opaque origin) cannot coordinate tabs: the page works as before
  return hold(leave, { signal: timeout(RELOAD_GRACE_MS) }).catch(() => true);
}

/** Asks the tab holding the project to save and let go, then holds it here. */
export async function takeProject(leave: Leave): Promise<void> {
  if (!locks()) return;
  const ask = new BroadcastChannel(CHANNEL);
  const wait = quietFor(HANDOVER_MS, HANDOVER_CAP_MS);
  ask.onmessage = (e: MessageEvent<{ type?: string }>) => e.data?.type === 'saving' && wait.heard();
  ask.postMessage({ type: 'take-over' });
  const given = await hold(leave, { signal: wait.signal }).finally(() => {
    wait.stop();
    ask.close();
  });
  if (given) return;
  await hold(leave, { steal: true });
}
