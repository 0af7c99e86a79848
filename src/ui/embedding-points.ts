/**
 * What the feature map draws. recharts draws each point as its own SVG symbol in one task: 10,000
 * images took 14-18 s, so past a bound the map draws a sample, the same one for the same images,
 * that keeps each class's share and every image listed below the map. Worked out from the map's
 * own data and classes only, never from the project, so a rename or a move does not redraw it.
 */
import { mapOutliers, type MapOutlier } from '../core/features/map-outliers';
import type { Embedding, EmbeddingPoint } from '../worker/protocol';

/** at most this many points drawn (about 2 s of drawing) */
export const MAP_POINT_LIMIT = 1500;
/** a class keeps at least this many points (all of them when it has fewer), however small */
const MIN_PER_CLASS = 3;
/** rows of the list of images nearer another class */
export const SHOWN_STRAYS = 10;

/** a drawn point: its image by id, looked up by name only when a tooltip shows it */
export interface DrawnPoint {
  x: number;
  y: number;
  id: string;
  /** the class it was mapped as (index into the map's classes) */
  cls: number;
}

export interface MapView {
  series: { name: string; points: DrawnPoint[] }[];
  drawn: number;
  total: number;
  /** every point nearer another class's centre, deepest first */
  strays: MapOutlier[];
  /** under the map when it draws a sample; '' when it draws them all */
  note: string;
}

/** FNV-1a: a fixed pseudo-random order of images by id, the same in any order of the points */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * At most `limit` of the points, each class's count in proportion to its size (at least a few),
 * the `keep` ones among them; in the points' order.
 */
export function drawnPoints(
  points: readonly EmbeddingPoint[],
  keep: Iterable<string>,
  limit = MAP_POINT_LIMIT,
): readonly EmbeddingPoint[] {
  if (points.length <= limit) return points;
  const must = new Set(keep);
  const groups = new Map<number, { kept: EmbeddingPoint[]; rest: EmbeddingPoint[] }>();
  for (const p of points) {
    let g = groups.get(p.label);
    if (!g) groups.set(p.label, (g = { kept: [], rest: [] }));
    (must.has(p.id) ? g.kept : g.rest).push(p);
  }
  const list = [...groups].sort(([a], [b]) => a - b).map(([, g]) => g);
  const mustCount = list.reduce((n, g) => n + g.kept.length, 0);
  const least = Math.min(MIN_PER_CLASS, Math.floor(Math.max(0, limit - mustCount) / list.length));
  const size = (g: (typeof list)[number]) => g.kept.length + g.rest.length;
  const quota = (g: (typeof list)[number], share: number) =>
    Math.min(size(g), Math.max(g.kept.length, Math.min(size(g), least), Math.floor(size(g) * share)));
  const total = (share: number) => list.reduce((n, g) => n + quota(g, share), 0);
  // the largest share of each class that fits: the floors make the count a step function of it
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (total(mid) <= limit) lo = mid;
    else hi = mid;
  }
  const quotas = list.map((g) => quota(g, lo));
  let left = limit - quotas.reduce((a, b) => a + b, 0);
  // the rest of the bound to the classes nearest their next point, then in class order
  const order = list
    .map((g, k) => ({ k, frac: size(g) * lo - Math.floor(size(g) * lo) }))
    .sort((a, b) => b.frac - a.frac || a.k - b.k);
  while (left > 0) {
    let gave = false;
    for (const { k } of order) {
      if (left === 0) break;
      if (quotas[k] < size(list[k])) {
        quotas[k]++;
        left--;
        gave = true;
      }
    }
    if (!gave) break;
  }
  const chosen = new Set<EmbeddingPoint>();
  list.forEach((g, k) => {
    for (const p of g.kept) chosen.add(p);
    const ranked = g.rest
      .map((p) => ({ p, h: hash(p.id) }))
      .sort((a, b) => a.h - b.h || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
    for (const { p } of ranked.slice(0, quotas[k] - g.kept.length)) chosen.add(p);
  });
  return points.filter((p) => chosen.has(p));
}

const count = (n: number) => n.toLocaleString('en');

/** The map's series, its sample and its strays, from the map's data and classes. */
export function mapView(data: Embedding, classes: readonly string[], limit = MAP_POINT_LIMIT): MapView {
  const strays = mapOutliers(data.points, Infinity);
  const drawn = drawnPoints(
    data.points,
    strays.slice(0, SHOWN_STRAYS).map((o) => o.id),
    limit,
  );
  const byClass: DrawnPoint[][] = classes.map(() => []);
  for (const p of drawn) byClass[p.label]?.push({ x: p.x, y: p.y, id: p.id, cls: p.label });
  const total = data.points.length;
  const sampled = drawn.length < total;
  return {
    series: classes.map((name, k) => ({ name, points: byClass[k] })),
    drawn: drawn.length,
    total,
    strays,
    note: sampled
      ? `${count(drawn.length)} of ${count(total)} images drawn: a sample that keeps each class's share${
          strays.length ? ' and every image listed below' : ''
        }. Drawing them all would hold up the page for seconds.`
      : '',
  };
}

const views = new WeakMap<Embedding, { classes: readonly string[]; view: MapView }>();

/** mapView, kept per map: the same data and classes give the very same series, so the chart is not redrawn */
export function mapViewOf(data: Embedding, classes: readonly string[]): MapView {
  const had = views.get(data);
  if (had && had.classes === classes) return had.view;
  const view = mapView(data, classes);
  views.set(data, { classes, view });
  return view;
}

/**
 * Those images in the project as it is now (a name changes without redrawing the map), each with
 * the id of the class that holds it: the hover names them, the list under the map shows their
 * pictures and opens the review of their class at them.
 */
export function mapImages<I extends { id: string }>(
  project: readonly { id: string; images: readonly I[] }[],
  ids: Iterable<string>,
): Map<string, { image: I; classId: string }> {
  const want = new Set(ids);
  const found = new Map<string, { image: I; classId: string }>();
  if (!want.size) return found;
  for (const c of project)
    for (const image of c.images) if (want.has(image.id)) found.set(image.id, { image, classId: c.id });
  return found;
}
