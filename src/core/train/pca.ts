import { createRng } from '../random';

export interface Projection {
  /** one [x, y, …] per input row, in input order */
  points: number[][];
  /** unit principal directions, largest variance first */
  components: Float64Array[];
  /** fraction of the total variance each component explains */
  explained: number[];
}

/**
 * Principal component analysis by block power (subspace) iteration on X·Xᵀ products, never
 * forming the d×d covariance: with a few hundred images of 256–1280 features that is the cheap
 * side, and k = 2 directions converge in a few dozen sweeps. Seeded, and each direction's sign
 * is fixed (largest |entry| positive), so the same features always draw the same picture.
 */
export function pca(
  rows: readonly ArrayLike<number>[],
  k = 2,
  opts: { maxIterations?: number; tolerance?: number } = {},
): Projection {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  const { maxIterations = 300, tolerance = 1e-10 } = opts;
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += r[j] / n;
  const x = rows.map((r) => Float64Array.from({ length: d }, (_, j) => r[j] - mean[j]));
  let total = 0;
  for (const r of x) for (let j = 0; j < d; j++) total += r[j] * r[j];
  const dims = Math.min(k, d, Math.max(0, n - 1));
  if (!dims || total === 0)
    return {
      points: rows.map(() => new Array<number>(k).fill(0)),
      components: [],
      explained: new Array<number>(k).fill(0),
    };

  const rng = createRng(7);
  let v: Float64Array[] = Array.from({ length: dims }, () => Float64Array.from({ length: d }, () => rng() - 0.5));
  orthonormalize(v);
  for (let it = 0; it < maxIterations; it++) {
    const next = v.map((c) => covTimes(x, c));
    orthonormalize(next);
    // converged when every new direction is (up to sign) the old one
    const moved = next.reduce((m, c, i) => Math.max(m, 1 - Math.abs(dot(c, v[i]))), 0);
    v = next;
    if (moved < tolerance) break;
  }
  // Rayleigh–Ritz inside the found subspace: sorts directions by variance and splits near-equal pairs cleanly.
  v = ritz(x, v);
  for (const c of v) {
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(c[j]) > Math.abs(c[big])) big = j;
    if (c[big] < 0) for (let j = 0; j < d; j++) c[j] = -c[j];
  }
  const points = x.map((r) => Array.from({ length: k }, (_, i) => (i < dims ? dot(r, v[i]) : 0)));
  const explained = Array.from({ length: k }, (_, i) =>
    i < dims ? points.reduce((s, p) => s + p[i] * p[i], 0) / total : 0,
  );
  return { points, components: v, explained };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** Xᵀ(X c): the covariance times c, up to the 1/(n−1) that power iteration does not need. */
function covTimes(x: Float64Array[], c: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  for (const r of x) {
    const s = dot(r, c);
    for (let j = 0; j < r.length; j++) out[j] += s * r[j];
  }
  return out;
}

/** Modified Gram–Schmidt in place; a collapsed vector is replaced by a fresh axis. */
function orthonormalize(v: Float64Array[]): void {
  v.forEach((c, i) => {
    for (let p = 0; p < i; p++) {
      const s = dot(c, v[p]);
      for (let j = 0; j < c.length; j++) c[j] -= s * v[p][j];
    }
    let norm = Math.sqrt(dot(c, c));
    if (norm < 1e-12) {
      c.fill(0);
      c[i % c.length] = 1;
      for (let p = 0; p < i; p++) {
        const s = dot(c, v[p]);
        for (let j = 0; j < c.length; j++) c[j] -= s * v[p][j];
      }
      norm = Math.sqrt(dot(c, c)) || 1;
    }
    for (let j = 0; j < c.length; j++) c[j] /= norm;
  });
}

/** Rotates an orthonormal basis to the eigenvectors of the covariance restricted to it (Jacobi on a k×k matrix). */
function ritz(x: Float64Array[], v: Float64Array[]): Float64Array[] {
  const k = v.length;
  const av = v.map((c) => covTimes(x, c));
  const m = v.map((a) => av.map((b) => dot(a, b)));
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
