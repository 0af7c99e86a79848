import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../src/state/run-record';
import { ConfusionMatrix } from '../src/ui/ConfusionMatrix';
import { CELL_PAGE, CellImages, cellStillOpen } from '../src/ui/ConfusionExplorer';
import type { TrainSummary } from '../src/worker/protocol';
import { byEpoch, runColour, runDash, runSeries } from '../src/ui/run-series';
import {
  SERIES_COLOURS,
  seriesColour,
  seriesDash,
  seriesFill,
  seriesHollow,
  seriesShape,
} from '../src/ui/series-style';
import { valueRows } from '../src/ui/chart-values';

// Evaluate with many classes and many runs: the matrix fits a phone, no two series look alike.

describe('series told apart', () => {
  it('gives 70 classes 70 different colour and shape pairs, where colours alone repeated at the 11th', () => {
    const looks = Array.from({ length: 70 }, (_, k) => `${seriesColour(k)}|${seriesShape(k)}`);
    expect(new Set(looks).size).toBe(70);
    expect(seriesColour(10)).toBe(seriesColour(0));
    expect(seriesShape(10)).not.toBe(seriesShape(0));
  });

  it('gives 140 classes 140 different looks: after the 70 filled ones the same shapes come hollow', () => {
    const looks = Array.from({ length: 140 }, (_, k) => `${seriesColour(k)}|${seriesShape(k)}|${seriesHollow(k)}`);
    expect(new Set(looks).size).toBe(140);
    expect(seriesHollow(69)).toBe(false);
    expect(seriesFill(0)).toBe(seriesColour(0));
    // class 71 has class 1's colour and shape, drawn as an outline on white
    expect([seriesColour(70), seriesShape(70), seriesHollow(70)]).toEqual([seriesColour(0), seriesShape(0), true]);
    expect(seriesFill(70)).toBe('#fff');
  });

  it('gives 40 runs 40 different colour and dash pairs; the first ten are solid', () => {
    const looks = Array.from({ length: 40 }, (_, k) => `${seriesColour(k)}|${seriesDash(k) ?? 'solid'}`);
    expect(new Set(looks).size).toBe(40);
    expect(Array.from({ length: SERIES_COLOURS.length }, (_, k) => seriesDash(k))).toEqual(
      Array(SERIES_COLOURS.length).fill(undefined),
    );
  });
});

const run = (n: number, accs: number[]): RunRecord =>
  ({
    n,
    history: accs.map((a, i) => ({ epoch: i, loss: 1 - a, accuracy: a, valLoss: 1 - a, valAccuracy: a })),
  }) as unknown as RunRecord;

describe('run comparison values', () => {
  const runs = [run(1, [0.5, 0.6, 0.7]), run(3, [0.55, 0.8])];

  it('lists every run per epoch, with a dash where a run had no such epoch', () => {
    const rows = valueRows(runSeries(runs, 'valAccuracy'));
    expect(rows).toEqual([
      { x: 1, values: [0.5, 0.55] },
      { x: 2, values: [0.6, 0.8] },
      { x: 3, values: [0.7, undefined] },
    ]);
    expect(runSeries(runs, 'loss').map((s) => s.name)).toEqual(['run 1', 'run 3']);
  });

  it("keeps a run's colour by its number, as the chart's line draws it", () => {
    const series = runSeries(runs, 'valAccuracy');
    expect(series[1].color).toBe(runColour(3));
    expect(runColour(11)).toBe(runColour(1));
    expect(runDash(11)).not.toBe(runDash(1));
    expect(byEpoch(runs, 'valAccuracy')[2]).toEqual({ epoch: 3, run1: 0.7 });
  });
});

describe('confusion matrix', () => {
  it('sits in a sideways-scrolling box, named as before', () => {
    const classes = Array.from({ length: 12 }, (_, i) => `a rather long class name number ${i}`);
    const matrix = classes.map((_, i) => classes.map((__, j) => (i === j ? 5 : 0)));
    const html = renderToStaticMarkup(createElement(ConfusionMatrix, { classes, matrix }));
    expect(html).toMatch(
      /^<div class="table-scroll confusion[^"]*"><table aria-label="Confusion matrix \(rows: true class, columns: predicted class\)">/,
    );
    expect(html.match(/<th scope="row"/g)).toHaveLength(12);
  });
});

describe('the images of a confusion cell', () => {
  const summary = (n: number) =>
    ({
      classes: ['cat', 'dog'],
      confusion: [
        [n, 0],
        [0, 1],
      ],
      valPredictions: [
        ...Array.from({ length: n }, (_, i) => ({ id: `c${i}`, label: 0, predicted: 0, probabilities: [0.9, 0.1] })),
        { id: 'd0', label: 1, predicted: 1, probabilities: [0.2, 0.8] },
      ],
    }) as unknown as TrainSummary;

  it('come a page at a time: a cell of thousands does not build thousands of tiles', () => {
    const html = renderToStaticMarkup(createElement(CellImages, { result: summary(1000), cell: [0, 0] }));
    expect(html.match(/<li[ >]/g)).toHaveLength(CELL_PAGE);
    expect(html).toContain('1000 cat images predicted as cat, the first 48 shown');
    expect(html).toContain('>Show 48 more</button>');
  });

  it('are all there, with no button, when they fit one page', () => {
    const html = renderToStaticMarkup(createElement(CellImages, { result: summary(30), cell: [0, 0] }));
    expect(html.match(/<li[ >]/g)).toHaveLength(30);
    expect(html).not.toContain('Show');
    expect(html).not.toContain('first');
  });
});

describe('a confusion cell opened while the full model trains', () => {
  const result = (classes: string[]) => ({ classes }) as unknown as TrainSummary;
  it('stays open when the full model replaces the first (same classes): its images and the focus stay', () => {
    const first = result(['cats', 'dogs']);
    const opened = { for: first, cell: [0, 1] as const };
    expect(cellStillOpen(opened, first)).toEqual([0, 1]);
    expect(cellStillOpen(opened, result(['cats', 'dogs']))).toEqual([0, 1]);
  });
  it('closes on a model of other classes (one chosen again), whose matrix it is not a cell of', () => {
    const opened = { for: result(['cats', 'dogs', 'birds']), cell: [2, 1] as const };
    expect(cellStillOpen(opened, result(['cats', 'dogs']))).toBeNull();
    expect(cellStillOpen(opened, result(['cats', 'dogs', 'owls']))).toBeNull();
    expect(cellStillOpen(null, result(['cats']))).toBeNull();
  });
});
