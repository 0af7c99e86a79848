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

/**
 * The two classes most mixed on the map: the pair with the most images nearer the other's centre
 * (either way), and how many; null when every image sits nearest its own class. Ties go to the pair
 * met first in `strays` (deepest first).
 */
export function mostMixed(strays: readonly MapOutlier[]): { classes: [number, number]; images: number } | null {
  const counts = new Map<string, { classes: [number, number]; images: number }>();
  for (const s of strays) {
    const pair: [number, number] = s.label < s.nearer ? [s.label, s.nearer] : [s.nearer, s.label];
    const key = pair.join(',');
    const seen = counts.get(key) ?? { classes: pair, images: 0 };
    seen.images++;
    counts.set(key, seen);
  }
  let best: { classes: [number, number]; images: number } | null = null;
  for (const c of counts.values()) if (!best || c.images > best.images) best = c;
  return best;
}
