/**
 * At most about `max` points for a chart's canvas: consecutive buckets are averaged (numeric
 * fields), the x field keeps the bucket's last value. Long runs stay cheap to draw while their
 * shape stays visible. A bucket ends where `phase` changes (a two-phase run's first model and full
 * model), so no drawn point mixes the two: one more point per change at most.
 * Only for drawing: a bucket's mean is no epoch's or batch's value, so what a chart says in words
 * (its summary line, its Values table) reads the points themselves.
 */
export function downsample<T extends object>(
  points: readonly T[],
  max: number,
  xKey: keyof T & string,
  phase?: (p: T) => unknown,
): T[] {
  if (points.length <= max) return points as T[];
  const size = Math.ceil(points.length / max);
  const out: T[] = [];
  let start = 0;
  while (start < points.length) {
    let end = Math.min(start + size, points.length);
    if (phase) {
      const at = phase(points[start]);
      for (let i = start + 1; i < end; i++)
        if (phase(points[i]) !== at) {
          end = i;
          break;
        }
    }
    out.push(mean(points.slice(start, end), xKey));
    start = end;
  }
  return out;
}

/**
 * A bucket's numeric fields averaged over the rows that have a number there (an epoch from before
 * rates were recorded has no `lr`); other fields, the same through a bucket within one phase, as
 * its first row has them.
 */
function mean<T extends object>(bucket: readonly T[], xKey: keyof T & string): T {
  const rows = bucket as unknown as Record<string, unknown>[];
  const out: Record<string, unknown> = {};
  for (const row of rows)
    for (const key of Object.keys(row)) {
      if (key in out) continue;
      let sum = 0;
      let n = 0;
      for (const r of rows)
        if (typeof r[key] === 'number') {
          sum += r[key];
          n++;
        }
      out[key] = n > 0 ? sum / n : row[key];
    }
  out[xKey] = rows[rows.length - 1][xKey];
  return out as T;
}
