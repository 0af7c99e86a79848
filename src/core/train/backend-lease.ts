import * as tf from '@tensorflow/tfjs';

/**
 * The one global tfjs backend, lent to a head training elsewhere (head-backend.ts) while the
 * worker still answers Try it, the webcam and downloads between its steps. Run with the head's
 * backend active, a prediction's first op on the backbone's weights moves them there (tfjs moves
 * a tensor's data to the active backend when an op uses it), by synchronous GPU reads WebGPU does
 * not survive (on WebGL a long freeze). So page-facing tensor work runs through `atHome`: only
 * with the home backend active. A head training away gives the backend back whenever it waits
 * for a read of one of its own tensors (each batch's loss, each epoch's evaluation, each
 * cross-validation fold), runs what queued meanwhile there, and takes it again. Switching back
 * and forth moves nothing: reads and disposals go to a tensor's own backend, and nothing of the
 * training runs while it waits on that read.
 */

interface Away {
  home: string;
  name: string;
  /** the training is over (or failed): a hand-back in progress stays home */
  ended: boolean;
  /** the backend given back for queued work: the training's read waits for it */
  handingBack: Promise<void> | null;
  over: Promise<void>;
  end: () => void;
}

let away: Away | null = null;
/** page-facing calls running (with the home backend active) */
let running = 0;
const whenIdle: (() => void)[] = [];
/** page-facing calls waiting for the training's next read (or its end) */
const queued: (() => void)[] = [];

function admit(calls: (() => void)[]): void {
  running += calls.length;
  calls.forEach((go) => go());
}

const idle = () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenIdle.push(resolve)));

async function switchTo(name: string): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

/**
 * Runs page-facing tensor work with the home backend active: at once when no head trains
 * elsewhere (the common case), else at the training's next read. Not re-entrant: `work` must not
 * call atHome itself (a hand-back waits for it to end).
 */
export async function atHome<T>(work: () => Promise<T> | T): Promise<T> {
  if (away) await new Promise<void>((go) => queued.push(go));
  else running++;
  try {
    return await work();
  } finally {
    if (--running === 0) whenIdle.splice(0).forEach((resolve) => resolve());
  }
}

function handBack(phase: Away): Promise<void> {
  phase.handingBack ??= (async () => {
    try {
      await switchTo(phase.home);
      admit(queued.splice(0));
      await idle();
    } finally {
      if (!phase.ended) await switchTo(phase.name);
      phase.handingBack = null;
    }
  })();
  return phase.handingBack;
}

type Reader = tf.KernelBackend['read'];

/** The training's reads on its backend become the points where queued page work runs. */
function handBackAtReads(phase: Away): () => void {
  const backend = tf.engine().findBackend(phase.name) as tf.KernelBackend & { read: Reader };
  const own = Object.prototype.hasOwnProperty.call(backend, 'read');
  const read = backend.read;
  // a read during a hand-back is the page work's own (the training waits): it goes straight on
  backend.read = (dataId) =>
    queued.length && !phase.handingBack && !phase.ended
      ? handBack(phase).then(() => read.call(backend, dataId))
      : read.call(backend, dataId);
  return () => {
    if (own) backend.read = read;
    else delete (backend as Partial<typeof backend>).read;
  };
}

/**
 * Runs `work` with backend `name` active, lent from the home one: once page-facing calls in
 * flight have ended, `enter(home)` makes `name` active (restoring home itself if it fails), and
 * home comes back afterwards, whatever happens. One at a time: a second waits for the first.
 */
export async function lendBackend<T>(
  name: string,
  enter: (home: string) => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  while (away) await away.over;
  let end!: () => void;
  const over = new Promise<void>((resolve) => (end = resolve));
  const phase: Away = { home: tf.getBackend(), name, ended: false, handingBack: null, over, end };
  away = phase;
  try {
    await idle();
    phase.home = tf.getBackend();
    if (phase.home === name) {
      // home is where it trains (the backend changed while page work ended): nothing to lend, and
      // page calls must not queue behind the whole training
      release(phase);
      return await work();
    }
    await enter(phase.home);
    const restore = handBackAtReads(phase);
    try {
      return await work();
    } finally {
      restore();
      phase.ended = true;
      await switchTo(phase.home);
    }
  } finally {
    release(phase);
  }
}

/** the phase is over: the next lend may start, and page calls queued for it run */
function release(phase: Away): void {
  if (phase.ended && away !== phase) return;
  phase.ended = true;
  if (away === phase) away = null;
  phase.end();
  admit(queued.splice(0));
}
