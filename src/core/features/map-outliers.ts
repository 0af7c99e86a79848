/**
 * Points of the 2-D feature map (PCA) that lie nearer another class's centre than their own: the
 * images a person would hover to find (a mislabelled photo, or a class that overlaps another),
 * listed so the keyboard and a screen reader reach them too.
 */

export interface MapPoint {
  id: string;
  label: number;
  x: number;
  y: number;
}

export interface MapOutlier {
  id: string;
  label: number;
  /** the class whose centre is nearest */
  nearer: number;
}

/** Those points, the deepest inside another class first (by how much nearer that centre is), at most `limit`. */
export function mapOutliers(points: readonly MapPoint[], limit = 10): MapOutlier[] {
  const sums = new Map<number, { x: number; y: number; n: number }>();
  for (const p of points) {
    const s = sums.get(p.label) ?? { x: 0, y: 0, n: 0 };
    sums.set(p.label, { x: s.x + p.x, y: s.y + p.y, n: s.n + 1 });
  }
  const centres = [...sums].map(([label, s]) => ({ label, x: s.x / s.n, y: s.y / s.n }));
  const found: (MapOutlier & { by: number })[] = [];
  for (const p of points) {
    const distance = (c: { x: number; y: number }) => Math.hypot(p.x - c.x, p.y - c.y);
    const own = distance(centres.find((c) => c.label === p.label)!);
    let best: { label: number; d: number } | null = null;
    for (const c of centres) {
      if (c.label === p.label) continue;
      const d = distance(c);
      if (!best || d < best.d) best = { label: c.label, d };
    }
    if (best && best.d < own) found.push({ id: p.id, label: p.label, nearer: best.label, by: own - best.d });
  }
  return found
    .sort((a, b) => b.by - a.by)
    .slice(0, limit)
    .map(({ id, label, nearer }) => ({ id, label, nearer }));
}
