/**
 * At most `max` points for a chart: consecutive buckets are averaged (numeric fields), the x field
 * keeps the bucket's last value. Long runs stay cheap to draw while their shape stays visible.
 */
export function downsample<T extends object>(points: readonly T[], max: number, xKey: keyof T & string): T[] {
  if (points.length <= max) return points as T[];
  const size = Math.ceil(points.length / max);
  const out: T[] = [];
  for (let start = 0; start < points.length; start += size) {
    const bucket = points.slice(start, start + size);
    const rows = bucket as unknown as Record<string, number>[];
    const avg: Record<string, number> = {};
    for (const key of Object.keys(rows[0])) avg[key] = rows.reduce((sum, p) => sum + p[key], 0) / rows.length;
    avg[xKey] = rows[rows.length - 1][xKey];
    out.push(avg as unknown as T);
  }
  return out;
}
