import { describe, expect, it } from 'vitest';
import { mapOutliers } from '../src/core/features/map-outliers';
import { MAP_POINT_LIMIT, SHOWN_STRAYS, drawnPoints, mapView, mapViewOf } from '../src/ui/embedding-points';
import type { Embedding, EmbeddingPoint } from '../src/worker/protocol';

// The feature map of 10,000 images in 100 classes drew every point as an SVG symbol (14-18 s in one
// task) and drew them all again after every rename or move: it draws a bounded sample now.

/** classes of uneven sizes in rings around their own centre, a few of each sitting in the next class */
function points(classes: number, per: (c: number) => number): EmbeddingPoint[] {
  const out: EmbeddingPoint[] = [];
  for (let c = 0; c < classes; c++) {
    const cx = Math.cos(c) * 50;
    const cy = Math.sin(c) * 50;
    for (let i = 0; i < per(c); i++) {
      const stray = i % 97 === 5;
      const [x, y] = stray ? [Math.cos(c + 1) * 50, Math.sin(c + 1) * 50] : [cx, cy];
      out.push({ id: `c${c}-i${i}`, label: c, x: x + Math.cos(i) * 3, y: y + Math.sin(i) * 3 });
    }
  }
  return out;
}

const embedding = (p: EmbeddingPoint[]): Embedding => ({ points: p, explained: [0.3, 0.2], extracted: 0, failed: [] });

describe('feature map sample', () => {
  const all = points(100, (c) => 20 + ((c * 37) % 180));
  const listed = mapOutliers(all, SHOWN_STRAYS).map((o) => o.id);

  it('draws at most the bound, every class in proportion, and every listed stray', () => {
    expect(all.length).toBeGreaterThan(MAP_POINT_LIMIT * 5);
    const drawn = drawnPoints(all, listed);
    expect(drawn.length).toBeLessThanOrEqual(MAP_POINT_LIMIT);
    expect(drawn.length).toBeGreaterThan(MAP_POINT_LIMIT * 0.95);
    const ids = new Set(drawn.map((p) => p.id));
    for (const id of listed) expect(ids.has(id)).toBe(true);
    const count = (ps: readonly EmbeddingPoint[], c: number) => ps.filter((p) => p.label === c).length;
    for (let c = 0; c < 100; c++) {
      const share = (count(all, c) / all.length) * drawn.length;
      expect(count(drawn, c)).toBeGreaterThanOrEqual(3);
      expect(Math.abs(count(drawn, c) - share)).toBeLessThanOrEqual(Math.max(2, share * 0.1) + 1);
    }
  });

  it('keeps a few of each class when one class holds nearly all images', () => {
    const skewed = points(60, (c) => (c === 0 ? 20_000 : 2 + (c % 3)));
    const drawn = drawnPoints(skewed, []);
    expect(drawn.length).toBeLessThanOrEqual(MAP_POINT_LIMIT);
    for (let c = 1; c < 60; c++) {
      const n = skewed.filter((p) => p.label === c).length;
      expect(drawn.filter((p) => p.label === c)).toHaveLength(Math.min(n, 3));
    }
  });

  it('draws the same points for the same images, in any order', () => {
    const a = drawnPoints(all, listed).map((p) => p.id);
    expect(drawnPoints([...all], [...listed]).map((p) => p.id)).toEqual(a);
    const shuffled = [...all].reverse();
    expect(new Set(drawnPoints(shuffled, listed).map((p) => p.id))).toEqual(new Set(a));
  });

  it('draws every point of a small map and says nothing about a sample', () => {
    const few = points(3, () => 40);
    const view = mapView(embedding(few), ['a', 'b', 'c']);
    expect(view.drawn).toBe(120);
    expect(view.note).toBe('');
    expect(view.series.map((s) => s.points.length)).toEqual([40, 40, 40]);
  });

  it('says how many it drew when it drew a sample', () => {
    const classes = Array.from({ length: 100 }, (_, c) => `class ${c}`);
    const view = mapView(embedding(all), classes);
    expect(view.total).toBe(all.length);
    expect(view.series).toHaveLength(100);
    expect(view.series.reduce((n, s) => n + s.points.length, 0)).toBe(view.drawn);
    expect(view.note).toMatch(
      new RegExp(`^${view.drawn.toLocaleString('en')} of ${all.length.toLocaleString('en')} images drawn`),
    );
    expect(view.strays.slice(0, SHOWN_STRAYS).map((o) => o.id)).toEqual(listed);
  });

  it('keeps the drawn series while only the project (file names, moves) changes', () => {
    // the map's data and classes are the insight store's, untouched by a rename; the series are
    // worked out from those alone, so the chart is handed the very same series
    const data = embedding(all);
    const classes = Array.from({ length: 100 }, (_, c) => `class ${c}`);
    const first = mapViewOf(data, classes);
    expect(mapViewOf(data, classes)).toBe(first);
    expect(mapViewOf(data, classes).series).toBe(first.series);
    // a map shown again is new data: new series
    expect(mapViewOf(embedding(all), classes)).not.toBe(first);
    expect(mapViewOf(data, [...classes])).not.toBe(first);
    // the points carry the image's id, not its name, for the tooltip to look up when shown
    expect(Object.keys(first.series[0].points[0]).sort()).toEqual(['cls', 'id', 'x', 'y']);
  });
});
