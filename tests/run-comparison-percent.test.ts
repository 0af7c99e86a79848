import { createElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { RunRecord } from '../src/state/run-record';

// Evaluate's run comparison read accuracy as 0.87 on its axis and in its values while the results
// and the train status said 87%.

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the props each chart was drawn with (the real one is drawn by recharts, which needs a DOM) */
const drawn = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('../src/ui/chart-frame', async () => {
  const { cloneElement } = await import('react');
  return {
    usePrefetchSvgCharts: () => undefined,
    Sized: ({ children }: { children: ReactElement<{ width?: number; height?: number }> }) =>
      cloneElement(children, { width: 400, height: 170 }),
    RunLines: (props: Record<string, unknown>) => {
      drawn.push(props);
      return null;
    },
  };
});
// the values table open, as after a click on "Values"
vi.mock('../src/ui/ChartValues', async (original) => {
  const { ValuesTable } = await original<typeof import('../src/ui/ChartValues')>();
  return { ChartValues: ValuesTable };
});
// recharts' pieces as plain elements: what the run chart hands its axis and tooltip is what is read
const axes = vi.hoisted(() => ({ y: [] as Record<string, unknown>[], tip: [] as Record<string, unknown>[] }));
vi.mock('recharts', () => ({
  LineChart: ({ children }: { children: ReactNode }) => createElement('svg', null, children),
  YAxis: (props: Record<string, unknown>) => (axes.y.push(props), null),
  Tooltip: (props: Record<string, unknown>) => (axes.tip.push(props), null),
  CartesianGrid: () => null,
  Legend: () => null,
  Line: () => null,
  XAxis: () => null,
}));

const { useTraining } = await import('../src/state/training');
const { RunComparison } = await import('../src/ui/RunComparison');
const { RunLines } = await import('../src/ui/svg-charts');

const epoch = (e: number, accuracy: number, loss: number): EpochMetrics => ({
  epoch: e,
  accuracy,
  valAccuracy: accuracy,
  loss,
  valLoss: loss,
  seconds: 1,
});
const run = (n: number, history: EpochMetrics[]): RunRecord => ({
  n,
  label: `run ${n}`,
  valAccuracy: history.at(-1)!.valAccuracy,
  valLoss: history.at(-1)!.valLoss,
  history,
});

function comparison(): string {
  useTraining.setState({
    runs: [run(1, [epoch(1, 0.5, 0.9), epoch(2, 0.87, 0.412)]), run(2, [epoch(1, 0.625, 0.7)])],
  });
  drawn.length = 0;
  return renderToStaticMarkup(createElement(RunComparison));
}

describe('the run comparison reads accuracy in %', () => {
  it('its values table writes each accuracy as a percentage, not a fraction', () => {
    const html = comparison();
    expect(html).toContain('<td class="num">87%</td>');
    expect(html).toContain('<td class="num">62.5%</td>');
    expect(html).not.toMatch(/>0\.87</);
  });

  it('hands its chart the percent format for an accuracy (the metric it opens on)', () => {
    comparison();
    expect(drawn.at(-1)).toMatchObject({ format: 'percent', domain: [0, 1] });
  });

  it('draws the accuracy axis and tooltip in %, and a loss as a number', () => {
    const data = [{ epoch: 1, run1: 0.5 }];
    axes.y.length = 0;
    axes.tip.length = 0;
    renderToStaticMarkup(createElement(RunLines, { data, runs: [1], domain: [0, 1], format: 'percent' }));
    const tick = axes.y[0].tickFormatter as (v: number) => string;
    const value = axes.tip[0].formatter as (v: unknown) => string;
    expect([0, 0.25, 1].map(tick)).toEqual(['0%', '25%', '100%']);
    expect(value(0.8734)).toBe('87.3%');

    axes.y.length = 0;
    axes.tip.length = 0;
    renderToStaticMarkup(createElement(RunLines, { data, runs: [1] }));
    expect((axes.y[0].tickFormatter as (v: number) => string)(0.412)).toBe('0.412');
    expect((axes.tip[0].formatter as (v: unknown) => string)(0.41234)).toBe('0.412');
  });
});
