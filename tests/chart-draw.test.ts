import { describe, expect, it } from 'vitest';
import { CHART_INKS, drawChart, packSeries, type ChartFrame } from '../src/ui/chart-draw';
import { formatValue, readValue } from '../src/ui/chart-scale';
import { valueRows } from '../src/ui/chart-values';

/** a canvas whose 2D context records the path calls, for the drawing's logic in Node */
function recordingCanvas() {
  const calls: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, name: string) =>
        name === 'canvas' ? undefined : (...args: unknown[]) => calls.push(`${name}(${args.map(String).join(',')})`),
      // a style set is recorded too ("strokeStyle=#e5e7eb"), to tell which inks a drawing used
      set: (_t, name: string, value: unknown) => calls.push(`${name}=${String(value)}`) > 0,
    },
  );
  const canvas = { width: 0, height: 0, getContext: () => ctx } as unknown as OffscreenCanvas;
  return { canvas, calls };
}

const axes = { x: { title: 'epoch', domain: [1, 4] as [number, number], ticks: [1, 2, 3, 4] }, y: { title: 'loss' } };

describe('chart drawing', () => {
  it('packs points into typed arrays, a missing value as NaN', () => {
    const [s] = packSeries([
      {
        name: 'a',
        color: '#000',
        points: [
          { x: 1, y: 0.5 },
          { x: 2, y: undefined },
        ],
      },
    ]);
    expect(Array.from(s.xs)).toEqual([1, 2]);
    expect(s.ys[0]).toBe(0.5);
    expect(Number.isNaN(s.ys[1])).toBe(true);
  });

  it('sizes the canvas for the pixel ratio and breaks a line where a value is missing', () => {
    const { canvas, calls } = recordingCanvas();
    const points = [
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: undefined },
      { x: 4, y: 1 },
    ];
    const frame: ChartFrame = {
      width: 300,
      height: 100,
      ratio: 2,
      axes,
      series: packSeries([{ name: 'a', color: '#123456', points }]),
    };
    drawChart(canvas, frame);
    expect([canvas.width, canvas.height]).toEqual([600, 200]);
    const line = calls.slice(calls.lastIndexOf('setLineDash()') + 1);
    // the line stops at the gap; the point after it has no neighbour: a line to itself draws nothing, so a dot
    expect(line.filter((c) => c.startsWith('moveTo')).length).toBe(1);
    expect(line.filter((c) => c.startsWith('lineTo')).length).toBe(2);
    const dots = line.slice(line.indexOf('stroke()') + 1);
    expect(dots.filter((c) => c.startsWith('arc(')).length).toBe(1);
    expect(dots.slice(-2)).toEqual(['fill()', 'restore()']);
  });

  it("draws grid, labels and axes in the frame's inks (the dark scheme's), the light ones without", () => {
    const draw = (inks?: ChartFrame['inks']) => {
      const { canvas, calls } = recordingCanvas();
      drawChart(canvas, { width: 300, height: 100, ratio: 1, axes, series: [], inks });
      return calls.filter((c) => /^(strokeStyle|fillStyle)=/.test(c));
    };
    expect(draw(CHART_INKS.dark)).toEqual([
      `strokeStyle=${CHART_INKS.dark.grid}`,
      `fillStyle=${CHART_INKS.dark.ink}`,
      `strokeStyle=${CHART_INKS.dark.axis}`,
    ]);
    expect(draw()).toEqual([
      `strokeStyle=${CHART_INKS.light.grid}`,
      `fillStyle=${CHART_INKS.light.ink}`,
      `strokeStyle=${CHART_INKS.light.axis}`,
    ]);
  });

  it('writes values short or exponential', () => {
    expect(formatValue(undefined, 0.123456)).toBe('0.123');
    expect(formatValue('exponential', 0.001)).toBe('1.0e-3');
  });

  it('reads a loss that has all but reached zero as "< 0.001" to a person, not on its ticks', () => {
    expect(readValue(undefined, 2.38e-7)).toBe('< 0.001');
    expect(readValue('short', 0.00123)).toBe('0.00123');
    expect(readValue('short', 0)).toBe('0');
    expect(readValue('exponential', 2e-7)).toBe('2.0e-7');
    expect(readValue('percent', 0.0001)).toBe('0%');
    expect(formatValue(undefined, 2.38e-7)).toBe('2.38e-7');
  });
});

describe("a chart's values as a table", () => {
  it('one row per x any series has, each series its value there or none', () => {
    const rows = valueRows([
      {
        name: 'train',
        color: '#000',
        points: [
          { x: 1, y: 0.9 },
          { x: 2, y: 0.5 },
        ],
      },
      { name: 'first model', color: '#111', points: [{ x: 3, y: 0.7 }] },
    ]);
    expect(rows).toEqual([
      { x: 1, values: [0.9, undefined] },
      { x: 2, values: [0.5, undefined] },
      { x: 3, values: [undefined, 0.7] },
    ]);
  });
});
