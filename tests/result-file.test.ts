import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { readRuns, readTrained, runsBytes, trainedBytes } from '../src/state/result-file';
import type { RunRecord } from '../src/state/run-record';
import type { TrainSummary } from '../src/worker/protocol';
import { trainSummary } from './fixtures/train-summary';

const epoch = (n: number) => ({ epoch: n, loss: 1 / n, accuracy: 0.5, valLoss: 0.7, valAccuracy: 0.6, seconds: 0.4 });

const chosen = { hiddenUnits: 0, dropout: 0, weightDecay: 1e-4, standardise: true, views: false, epochs: 30 };
// every optional field a finished run fills in, besides the fixture's
const result = trainSummary({
  history: [epoch(1), { ...epoch(2), lr: 0.001, penalty: 0.25, stopLoss: 0.3 }],
  bestEpoch: 2,
  classes: ['cats', 'dogs'],
  settings: { ...DEFAULT_SETTINGS, epochs: 2, recipe: 'manual' },
  recipe: { chosen, table: [{ recipe: chosen, accuracy: 0.8, loss: 0.4 }], folds: 5, seconds: 1.2 },
  heldForEarlyStop: 2,
  earlyStopSkipped: null,
  valPredictions: [
    { id: 'i1', label: 0, predicted: 0, probabilities: [0.9, 0.1] },
    { id: 'i2', label: 1, predicted: 1, probabilities: [0.4, 0.6] },
  ],
  skipped: [{ id: 'i9', reason: 'not an image' }],
  boundary: 'pooled',
  phase: 'final',
  backends: { extraction: 'webgl', training: 'wasm' },
});

const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

describe("a project zip carries its model's results and its run history", () => {
  it('the results come back as they were shown; a diverged loss (NaN, null in JSON) stays NaN', () => {
    const saved = { result, savedAt: '2026-12-02T03:00:00.000Z', backboneId: 'mobilenet-v1-0.25', headOnly: false };
    expect(readTrained(trainedBytes(saved))).toEqual(saved);
    const diverged = { ...result, history: [{ ...epoch(1), loss: NaN }], bestEpoch: null };
    expect(readTrained(trainedBytes({ ...saved, result: diverged })).result.history[0].loss).toBeNaN();
  });

  it("the delivered model's own validation loss comes back (a first model kept by Stop: over every validation image)", () => {
    const saved = { result: { ...result, valLoss: 0.4242 }, savedAt: 'x', backboneId: 'mobilenet-v1-0.25' };
    expect(readTrained(trainedBytes(saved)).result.valLoss).toBe(0.4242);
  });

  it('results a component would misread are refused with the reason', () => {
    const file = (r: unknown) => bytes({ version: 1, savedAt: 'x', result: r });
    expect(() => readTrained(file({ ...result, classes: 'cats' }))).toThrow(
      'model/result.json is not results this studio reads (result.classes: missing or not the kind of value it should be)',
    );
    expect(() => readTrained(file({ ...result, confusion: [[1, 0]] }))).toThrow('its confusion matrix is not 2×2');
    const stray = [...result.valPredictions, { id: 'i3', label: 5, predicted: 0, probabilities: [1, 0] }];
    expect(() => readTrained(file({ ...result, valPredictions: stray }))).toThrow('names a class it does not have');
    expect(() => readTrained(file({ ...result, bestEpoch: 9 }))).toThrow('best epoch 9 is not one of its 2 epochs');
    expect(() => readTrained(bytes({ version: 2, savedAt: 'x', result }))).toThrow('version');
    expect(() => readTrained(new TextEncoder().encode('{'))).toThrow('is not valid JSON');
  });

  it("a hand-edited setting in the results goes back to its default, as a project's does", () => {
    const odd = { ...result, settings: { ...result.settings, dropout: 'lots' } };
    expect(readTrained(bytes({ version: 1, savedAt: 'x', result: odd })).result.settings.dropout).toBe(
      DEFAULT_SETTINGS.dropout,
    );
  });

  it('the run history comes back whole; a bad one is refused', () => {
    const runs: RunRecord[] = [
      {
        n: 1,
        label: 'head only, lr 0.001',
        valAccuracy: 0.5,
        history: [epoch(1)],
        valLoss: 0.7,
        seconds: 4,
        batches: [
          { step: 1, loss: 0.9, first: true },
          { step: 2, loss: 0.8 },
        ],
        settings: { ...DEFAULT_SETTINGS },
        // what says the data changed between runs, and whether two accuracies compare at all
        backboneId: 'mobilenet-v1-0.25',
        classes: ['cats', 'dogs'],
        images: { train: 40, val: 10 },
        // which images: a project opened elsewhere still tells runs on other images of the same counts apart
        valSet: '0123456789abcdef',
        imageSet: 'fedcba9876543210',
      },
      { n: 2, label: 'older run', valAccuracy: 0.75, history: [] },
    ];
    expect(readRuns(runsBytes(runs))).toEqual(runs);
    expect(() => readRuns(bytes({ version: 1, runs: [{ n: 1 }] }))).toThrow('runs.json is not a run history');
  });
});

/** every key path in a value, arrays by their first item ("perClass.0.predicted") */
const paths = (v: unknown, at = ''): string[] =>
  v && typeof v === 'object'
    ? Object.entries(Array.isArray(v) ? v.slice(0, 1) : v).flatMap(([k, x]) => [`${at}${k}`, ...paths(x, `${at}${k}.`)])
    : [];

describe("a project zip's results, every field filled", () => {
  it('keeps every key: one the file leaves out reads as missing after the zip (imagesPerClass read "other images")', () => {
    // Required: a field added to TrainOutcome or TrainSummary fails here until it is filled, and then
    // until result-file.ts keeps it
    const full: Required<TrainSummary> = {
      ...(result as Required<TrainSummary>),
      history: [{ ...epoch(1), lr: 0.001, penalty: 0.25, stopLoss: 0.3 }],
      bestEpoch: 1,
      valLoss: 0.4,
      trainedWith: { ...DEFAULT_SETTINGS, epochs: 2, recipe: 'manual' },
      earlyStopSkipped: { smallestClass: 1, needed: 2 },
      perClass: result.perClass.map((m) => ({ ...m, predicted: 1 })),
      lifted: 4,
      partOf: { train: 16, val: 4 },
      imagesPerClass: { train: [4, 4], val: [1, 1] },
      firstOnAllVal: 0.5,
      resumedFrom: 3,
      startedFrom: 'h.zip',
      split: 2,
    };
    const back = readTrained(trainedBytes({ result: full, savedAt: 'x' })).result;
    const kept = new Set(paths(back));
    expect(paths(full).filter((p) => !kept.has(p))).toEqual([]);
    expect(back.imagesPerClass).toEqual({ train: [4, 4], val: [1, 1] });
    const short = { ...full, imagesPerClass: { train: [4], val: [1, 1] } };
    expect(() => readTrained(trainedBytes({ result: short, savedAt: 'x' }))).toThrow(
      'its images per class are not 2 counts',
    );
  });
});
