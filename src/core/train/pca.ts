import { createRng } from '../random';
import { nextTask } from '../yield';

export interface Projection {
  /** one [x, y, …] per input row, in input order */
  points: number[][];
  /** unit principal directions, largest variance first */
  components: Float64Array[];
  /** fraction of the total variance each component explains */
  explained: number[];
}

export interface PcaOptions {
  /** most power-iteration sweeps of the fit */
  maxIterations?: number;
  /** the fit stops when the found plane turns by less than this (1 − cos² of its largest angle) a sweep */
  tolerance?: number;
  /** most rows the directions are fitted on; every row is still projected */
  sampleSize?: number;
  /** each row's class, so the fitted rows keep the classes' proportions */
  labels?: readonly unknown[];
}

/**
 * Rows the directions are fitted on: on 10,000 images of 1280 features the fit on every row held
 * the studio worker for many seconds, and 2,000 rows spread over the classes find the same plane
 * for a picture.
 */
export const PCA_FIT_ROWS = 2000;
// 1 − cos² of 1e-6 is a turn of a milliradian a sweep, far below a pixel of the map; the old
// 1e-10 was out of reach on features of many classes, so such maps ran all 300 sweeps.
const TOLERANCE = 1e-6;
const MAX_ITERATIONS = 50;
// Directions carried beyond the k wanted: the plane then converges at the rate of the
// (k+extra+1)-th variance against the k-th. On features of many classes more than two cost more a
// sweep than they saved in sweeps.
const EXTRA = 2;
// rows between the generator's checkpoints in the passes over every row
const ROW_CHUNK = 256;

/**
 * At most `max` row indices, ascending, the same for the same input. With labels, each class gets
 * its share of the rows (at least one while there are fewer classes than `max`), spread evenly
 * over its rows; without, the rows are spread evenly over all of them.
 */
export function fitSample(n: number, max: number, labels?: readonly unknown[]): number[] {
  const m = Math.max(1, Math.floor(max));
  if (n <= m) return Array.from({ length: n }, (_, i) => i);
  const spread = (of: readonly number[], count: number) =>
    Array.from({ length: count }, (_, s) => of[Math.floor(((s + 0.5) * of.length) / count)]);
  if (!labels)
    return spread(
      Array.from({ length: n }, (_, i) => i),
      m,
    );
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(labels[i]);
    if (g) g.push(i);
    else groups.set(labels[i], [i]);
  }
  const classes = [...groups.values()];
  const least = classes.length <= m ? 1 : 0;
  const quota = classes.map((g) => Math.max(least, Math.floor((m * g.length) / n)));
  // the rows left (or taken back, when the one-row minimum overshoots) by the largest remainders
  const byRemainder = classes
    .map((g, c) => ({ c, r: ((m * g.length) / n) % 1 }))
    .sort((a, b) => b.r - a.r || a.c - b.c);
  let left = m - quota.reduce((a, b) => a + b, 0);
  for (let t = 0; left > 0; t++) {
    const { c } = byRemainder[t % byRemainder.length];
    if (quota[c] < classes[c].length) {
      quota[c]++;
      left--;
    }
  }
  for (let t = byRemainder.length - 1; left < 0; t = (t - 1 + byRemainder.length) % byRemainder.length) {
    const { c } = byRemainder[t];
    if (quota[c] > least) {
      quota[c]--;
      left++;
    }
  }
  return classes.flatMap((g, c) => spread(g, quota[c])).sort((a, b) => a - b);
}

/**
 * Principal component analysis by block power (subspace) iteration on X·Xᵀ products, never
 * forming the d×d covariance. The directions are fitted on `fitSample` rows (at most
 * PCA_FIT_ROWS) and every row is projected on them; `explained` is each direction's variance over
 * all the rows, so the map's percentages describe the whole data. Seeded, and each direction's
 * sign is fixed (largest |entry| positive), so the same features always draw the same picture.
 */
export function pca(rows: readonly ArrayLike<number>[], k = 2, opts: PcaOptions = {}): Projection {
  const steps = pcaSteps(rows, k, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface PcaSliceOptions extends PcaOptions {
  /** how far it is (done of total), at each pause and at its end */
  onProgress?: (done: number, total: number) => void;
  /** work between pauses, ms */
  sliceMs?: number;
  /** the pause itself (a task boundary unless told) */
  pause?: () => Promise<void>;
}

const PROGRESS_STEPS = 1000;

/**
 * `pca` in slices of about `sliceMs` with a pause between them, so the studio worker answers
 * Try it, Train and the LR finder while the feature map is fitted. The same result as `pca`.
 */
export async function pcaSliced(
  rows: readonly ArrayLike<number>[],
  k = 2,
  { onProgress, sliceMs = 50, pause = nextTask, ...opts }: PcaSliceOptions = {},
): Promise<Projection> {
  const steps = pcaSteps(rows, k, opts);
  const say = (fraction: number) => onProgress?.(Math.round(fraction * PROGRESS_STEPS), PROGRESS_STEPS);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      say(1);
      return step.value;
    }
    if (performance.now() - since >= sliceMs) {
      say(step.value);
      await pause();
      since = performance.now();
    }
  }
}

// Rough shares of the time: the mean, the fit, the projection of every row.
const MEAN_SHARE = 0.1;
const FIT_SHARE = 0.7;

/** The work of `pca`, yielding the fraction done at each checkpoint (a few ms apart at most). */
function* pcaSteps(rows: readonly ArrayLike<number>[], k: number, opts: PcaOptions): Generator<number, Projection> {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  const { maxIterations = MAX_ITERATIONS, tolerance = TOLERANCE, sampleSize = PCA_FIT_ROWS, labels } = opts;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < d; j++) mean[j] += r[j];
    if (i % ROW_CHUNK === ROW_CHUNK - 1) yield (MEAN_SHARE * i) / n;
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  const x = fitSample(n, sampleSize, labels).map((i) => {
    const r = rows[i];
    const c = new Float64Array(d);
    for (let j = 0; j < d; j++) c[j] = r[j] - mean[j];
    return c;
  });
  yield MEAN_SHARE;

  let sampleTotal = 0;
  for (const r of x) sampleTotal += dot(r, r);
  const dims = Math.min(k, d, Math.max(0, n - 1));
  if (!dims || sampleTotal === 0)
    return {
      points: rows.map(() => new Array<number>(k).fill(0)),
      components: [],
      explained: new Array<number>(k).fill(0),
    };

  const sweeps = Math.max(1, maxIterations);
  const block = Math.min(dims + EXTRA, d, Math.max(dims, x.length - 1));
  const rng = createRng(7);
  let v: Float64Array[] = Array.from({ length: block }, () => Float64Array.from({ length: d }, () => rng() - 0.5));
  orthonormalize(v);
  let found: Float64Array[] = [];
  let fitDone = 0;
  for (let it = 0; it < sweeps; it++) {
    const av = v.map(() => new Float64Array(d));
    for (let from = 0; from < x.length; from += ROW_CHUNK) {
      covTimesInto(av, x, v, from, Math.min(x.length, from + ROW_CHUNK));
      yield MEAN_SHARE + FIT_SHARE * fitDone;
    }
    // Rayleigh–Ritz inside the block: sorts directions by variance and splits near-equal pairs cleanly.
    const next = ritz(v, av).slice(0, dims);
    // converged when the plane of the top directions no longer turns (their order within it may)
    const moved = found.length ? Math.max(...next.map((c) => 1 - found.reduce((s, f) => s + dot(c, f) ** 2, 0))) : 1;
    found = next;
    fitDone = Math.max(
      fitDone,
      (it + 1) / sweeps,
      Math.min(1, Math.log(Math.max(moved, 1e-300)) / Math.log(tolerance)),
    );
    if (moved < tolerance) break;
    v = av;
    orthonormalize(v);
  }
  for (const c of found) {
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(c[j]) > Math.abs(c[big])) big = j;
    if (c[big] < 0) for (let j = 0; j < d; j++) c[j] = -c[j];
  }

  const points: number[][] = new Array(n);
  const along = new Array<number>(k).fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const p = new Array<number>(k).fill(0);
    for (let j = 0; j < d; j++) {
      const centred = r[j] - mean[j];
      total += centred * centred;
      for (let c = 0; c < dims; c++) p[c] += centred * found[c][j];
    }
    for (let c = 0; c < dims; c++) along[c] += p[c] * p[c];
    points[i] = p;
    if (i % ROW_CHUNK === ROW_CHUNK - 1) yield MEAN_SHARE + FIT_SHARE + ((1 - MEAN_SHARE - FIT_SHARE) * i) / n;
  }
  return { points, components: found, explained: along.map((s) => (total > 0 ? s / total : 0)) };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/**
 * Adds Xᵀ(X c) over rows [from, to) of x into out, for every c in v: the covariance times each
 * direction, up to the 1/(n−1) that power iteration does not need. Each row is read once for all
 * the directions.
 */
function covTimesInto(out: Float64Array[], x: Float64Array[], v: Float64Array[], from: number, to: number): void {
  const s = new Float64Array(v.length);
  for (let i = from; i < to; i++) {
    const r = x[i];
    for (let b = 0; b < v.length; b++) s[b] = dot(r, v[b]);
    for (let b = 0; b < v.length; b++) {
      const o = out[b];
      const sb = s[b];
      for (let j = 0; j < r.length; j++) o[j] += sb * r[j];
    }
  }
}

/**
 * Gram–Schmidt in place, each vector twice against those before it (once loses orthogonality when
 * most of a vector lies in their span, as with more directions carried than the data has); a
 * vector with nothing left of its own is replaced by the first axis outside their span.
 */
function orthonormalize(v: Float64Array[]): void {
  const against = (c: Float64Array, i: number) => {
    for (let pass = 0; pass < 2; pass++)
      for (let p = 0; p < i; p++) {
        const s = dot(c, v[p]);
        for (let j = 0; j < c.length; j++) c[j] -= s * v[p][j];
      }
    return Math.sqrt(dot(c, c));
  };
  v.forEach((c, i) => {
    const before = Math.sqrt(dot(c, c));
    let norm = against(c, i);
    for (let axis = i; !(norm > 1e-9 * before && norm > 0) && axis < i + c.length; axis++) {
      c.fill(0);
      c[axis % c.length] = 1;
      norm = against(c, i);
      if (norm < 0.5) norm = 0;
    }
    for (let j = 0; j < c.length; j++) c[j] /= norm || 1;
  });
}

/**
 * The eigenvectors of the covariance restricted to an orthonormal basis v (given av, the
 * covariance times each of v), largest variance first: Jacobi on the k×k matrix vᵀ·av.
 */
function ritz(v: Float64Array[], av: Float64Array[]): Float64Array[] {
  const k = v.length;
  const m = v.map((a, i) => av.map((b, j) => (dot(a, b) + dot(v[j], av[i])) / 2));
  const rot = v.map((_, i) => v.map((__, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mp = m[r][p];
          const mq = m[r][q];
          m[r][p] = c * mp - s * mq;
          m[r][q] = s * mp + c * mq;
        }
        for (let r = 0; r < k; r++) {
          const mp = m[p][r];
          const mq = m[q][r];
          m[p][r] = c * mp - s * mq;
          m[q][r] = s * mp + c * mq;
        }
        for (let r = 0; r < k; r++) {
          const rp = rot[r][p];
          const rq = rot[r][q];
          rot[r][p] = c * rp - s * rq;
          rot[r][q] = s * rp + c * rq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => m[b][b] - m[a][a]);
  return order.map((col) => {
    const out = new Float64Array(v[0].length);
    for (let r = 0; r < k; r++) for (let j = 0; j < out.length; j++) out[j] += rot[r][col] * v[r][j];
    return out;
  });
}
