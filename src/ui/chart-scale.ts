/**
 * Axis maths for the live canvas charts (ChartCanvas.tsx): domains and round tick values, free of
 * the DOM so they are unit-tested in Node.
 */

/** Round tick values for an epoch axis from 1 to `span` (1, 20, 40, … rather than 1, 101, 201). */
export function epochTicks(span: number): number[] {
  const raw = Math.max(1, span / 5);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks = [1];
  for (let t = step; t <= span; t += step) if (t > 1) ticks.push(t);
  return ticks;
}

/**
 * Ticks of a log axis from `lo` to `hi`: the powers of ten within (1e-6, 1e-5, …), and where fewer
 * than three fall inside, their 2× and 5× too. recharts' own log ticks were every so many data points
 * (3e-6, 6e-6, 3e-5, 7e-5, 2e-4…), no two decades alike.
 */
export function decadeTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const within = (steps: number[]) => {
    const ticks: number[] = [];
    for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++)
      for (const m of steps) {
        // 10 ** p is exact where 1 * 10 ** -7 is not (1.0000000000000001e-7 read as off the axis)
        const t = p < 0 ? m / 10 ** -p : m * 10 ** p;
        if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
      }
    return ticks;
  };
  const decades = within([1]);
  return decades.length >= 3 ? decades : within([1, 2, 5]);
}

/**
 * The epoch axis while a run goes on: room ahead of the newest epoch in round steps, never past
 * the planned end, so a long plan (or an early stop at 23 of 60) doesn't leave most of the chart
 * blank; the axis grows as the run does.
 */
export function runningEpochSpan(done: number, planned: number): number {
  const want = Math.max(10, Math.ceil(done * 1.25));
  const step = want <= 50 ? 10 : want <= 200 ? 50 : 100;
  return Math.max(done, Math.min(planned, Math.ceil(want / step) * step));
}

/** A round step near (max − min) / count: 1, 2 or 5 times a power of ten. */
function niceStep(min: number, max: number, count: number): number {
  const raw = (max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw * 0.999) ?? raw;
}

/** Round ticks covering [min, max], about `count` of them, and the domain widened to the outer ticks. */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; domain: [number, number] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [0, 1], domain: [0, 1] };
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const step = niceStep(min, max, count);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  // values rounded to the step's precision, so 0.30000000000000004 reads 0.3
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toFixed(digits)));
  return { ticks, domain: [lo, hi] };
}

/** Ticks for a fixed domain (e.g. accuracy 0–1): round values inside it, ends included. */
export function ticksWithin(domain: [number, number], count = 5): number[] {
  return niceTicks(domain[0], domain[1], count).ticks.filter((t) => t >= domain[0] - 1e-9 && t <= domain[1] + 1e-9);
}

/** The y values' extent over every series, ignoring missing and non-finite values. */
export function extent(values: Iterable<number | undefined>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** A linear map from `domain` onto the pixel range [a, b]. */
export function linear(domain: [number, number], a: number, b: number): (v: number) => number {
  const span = domain[1] - domain[0] || 1;
  return (v) => a + ((v - domain[0]) / span) * (b - a);
}

/** Three significant digits, without trailing zeros (0.123, 1.5, 120). */
export const short = (v: number): string => String(Number(v.toPrecision(3)));

/**
 * How a chart writes its y values: `short` (three significant digits), `exponential` (1.0e-3, a
 * learning rate) or `percent` (a fraction as Evaluate writes an accuracy: 0.85 → "85%", 0.727 →
 * "72.7%"; a tick of 0.2 → "20%").
 */
export type ValueFormat = 'short' | 'exponential' | 'percent';
export const formatValue = (format: ValueFormat | undefined, v: number): string =>
  format === 'exponential' ? v.toExponential(1) : format === 'percent' ? `${Number((v * 100).toFixed(1))}%` : short(v);

/**
 * A value as read out to a person (a chart's readout, its table, the words under it): as
 * formatValue, but a loss that has all but reached zero reads "< 0.001", not "2.38e-7". Tick labels
 * keep formatValue: on an axis that spans a millionth, each tick has to differ.
 */
export const readValue = (format: ValueFormat | undefined, v: number): string =>
  (format ?? 'short') === 'short' && v !== 0 && Math.abs(v) < 0.001
    ? v > 0
      ? '< 0.001'
      : '> −0.001'
    : formatValue(format, v);
