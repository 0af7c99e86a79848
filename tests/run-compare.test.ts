import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { classRenames, dataChanges, recordRun, runBefore, type RunRecord } from '../src/state/run-record';
import { imageSetPrint } from '../src/core/data/image-set';
import { changed, duration } from '../src/ui/run-changes';
import { firstModelSentence } from '../src/ui/first-model-line';
import type { TrainSummary } from '../src/worker/protocol';
import type { FirstModel } from '../src/state/training';
import { trainSummary } from './fixtures/train-summary';

const epoch = (valAccuracy: number) => ({ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy, seconds: 1 });

const summary = (valAccuracy: number, over: Partial<TrainSummary> = {}) =>
  trainSummary({
    valAccuracy,
    history: [epoch(valAccuracy), epoch(valAccuracy)],
    images: { train: 40, val: 10 },
    seconds: { extract: 1.25, train: 2.5 },
    ...over,
  });

const record = (result: TrainSummary, n: number, backbone = 'mobilenet-v2-0.35'): RunRecord =>
  JSON.parse(JSON.stringify(recordRun(result, n, [], backbone))) as RunRecord;

describe('which run a result is compared with', () => {
  const r1 = summary(0.8);
  const r2 = summary(0.6, { seconds: { extract: 1, train: 3.1 } });
  const runs = [record(r1, 1), record(r2, 2)];

  it('the latest run against the one before it', () => {
    expect(runBefore(r2, runs)?.n).toBe(1);
  });

  it('a model chosen again and read back after a reload: against the run before its own, not itself', () => {
    // a reload brings the result back through storage: the same numbers, other objects
    const restored = JSON.parse(JSON.stringify(r1)) as TrainSummary;
    expect(runBefore(restored, runs)).toBeNull();
  });

  it('a first model while its run goes on, or a run stopped before its first epoch: against the latest recorded', () => {
    const first = summary(0.7, { history: [epoch(0.7)], phase: 'first' });
    expect(runBefore(first, runs)?.n).toBe(2);
  });

  it('a result that is not known to be the latest and has no record: compared with nothing', () => {
    expect(runBefore(summary(0.5, { history: [] }), runs, false)).toBeNull();
    expect(runBefore(r2, runs, false)?.n).toBe(1);
  });
});

describe('what changed from the run before', () => {
  it('names the backbone, the classes and the image counts, and the settings the table left out', () => {
    const a = record(summary(0.8), 1, 'mobilenet-v2-0.35');
    const b = record(
      summary(0.9, {
        classes: ['cats', 'birds'],
        images: { train: 60, val: 15 },
        settings: { ...DEFAULT_SETTINGS, recipe: 'manual', backboneLrScale: 0.25 },
      }),
      2,
      'mobilenet-v1-0.25',
    );
    const said = changed(b, a);
    expect(said).toContain('backbone MobileNetV2 α0.35 → MobileNet v1 α0.25');
    expect(said).toContain('class added: birds, class removed: dogs');
    expect(said).toContain('images 40 + 10 → 60 + 15');
    expect(said).toContain('head recipe auto → manual');
    // two head-only runs: the fine-tuning knobs were read by neither
    expect(said).not.toContain('backbone lr ×');
  });

  it("is said of what each run trained with: the automatic recipe's own rate and head, not the form's fields", () => {
    const auto = { ...DEFAULT_SETTINGS, recipe: 'auto' as const };
    const a = record(
      summary(0.8, { settings: auto, trainedWith: { ...auto, learningRate: 0.01, hiddenUnits: 0, dropout: 0 } }),
      1,
    );
    const manual = { ...DEFAULT_SETTINGS, recipe: 'manual' as const, learningRate: 0.0005 };
    const b = record(summary(0.9, { settings: manual, trainedWith: manual }), 2);
    const said = changed(b, a);
    expect(said).toContain('lr 0.01 → 0.0005');
    expect(said).toContain('units 0 → 512');
    expect(said).toContain('head recipe auto → manual');
  });

  it("a first model kept by Stop, trained on part of the images and judged on every validation image, is recorded on the run's data (all of them)", () => {
    const kept = summary(0.8, { phase: 'first', images: { train: 16, val: 10 }, partOf: { train: 40, val: 10 } });
    expect(changed(record(kept, 2), record(summary(0.7), 1))).toBe('same data and settings');
  });

  it('says "same data and settings" only when nothing differs', () => {
    expect(changed(record(summary(0.8), 2), record(summary(0.7), 1))).toBe('same data and settings');
  });

  it('other images of the same counts are other data: a relabelled or swapped image is said, in the table and by Evaluate', () => {
    const val = (ids: string[]) => ids.map((id, i) => ({ id, label: i % 2, predicted: 0, probabilities: [1, 0] }));
    const a = summary(0.8, { valPredictions: val(['i1', 'i2', 'i3', 'i4']) });
    // one validation image moved to the other class
    const relabelled = summary(0.7, {
      valPredictions: [...val(['i1', 'i2', 'i3']), { id: 'i4', label: 0, predicted: 0, probabilities: [1, 0] }],
    });
    expect(dataChanges(record(relabelled, 2), record(a, 1))).toEqual(['other validation images (the same counts)']);
    expect(changed(record(relabelled, 2), record(a, 1))).toBe('other validation images (the same counts)');
    // the same validation images, a training image relabelled: the run table says so (Evaluate compares alike)
    const r1 = recordRun(a, 1, [], 'x', imageSetPrint([{ id: 't1', label: 0 }]));
    const r2 = recordRun(
      summary(0.7, { valPredictions: a.valPredictions }),
      2,
      [],
      'x',
      imageSetPrint([{ id: 't1', label: 1 }]),
    );
    expect(changed(r2, r1)).toBe('other training images (the same counts)');
  });

  it('a renamed class is the same data: the table says the rename, Evaluate still compares the two', () => {
    const val = [
      { id: 'i1', label: 0, predicted: 0, probabilities: [1, 0] },
      { id: 'i2', label: 1, predicted: 1, probabilities: [0, 1] },
    ];
    const set = imageSetPrint([{ id: 't1', label: 0 }]);
    const before = recordRun(summary(0.8, { classes: ['cat', 'dgo'], valPredictions: val }), 1, [], 'x', set);
    const after = recordRun(summary(0.8, { classes: ['cat', 'dog'], valPredictions: val }), 2, [], 'x', set);
    expect(dataChanges(after, before)).toEqual([]);
    expect(classRenames(after, before)).toEqual(['class renamed: dgo → dog']);
    expect(changed(after, before)).toBe('class renamed: dgo → dog');
    // without knowing which images (runs recorded before), a changed name is a class added and one removed
    const { valSet: _v, imageSet: _i, ...older } = before;
    expect(dataChanges(after, older)).toEqual(['class added: dog', 'class removed: dgo']);
  });

  it("an image set's fingerprint is its images and their classes, in any order", () => {
    const a = [
      { id: 'a', label: 0 },
      { id: 'b', label: 1 },
    ];
    expect(imageSetPrint(a)).toBe(imageSetPrint([...a].reverse()));
    expect(imageSetPrint(a)).not.toBe(imageSetPrint([a[0], { id: 'b', label: 0 }]));
    expect(imageSetPrint(a)).not.toBe(imageSetPrint([a[0], { id: 'c', label: 1 }]));
    expect(imageSetPrint(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a run of 119.6 s is 2 min 0 s, not 1 min 60 s', () => {
    expect(duration(119.6)).toBe('2 min 0 s');
    expect(duration(61.2)).toBe('1 min 1 s');
    expect(duration(12.34)).toBe('12.3 s');
    expect(duration(59.96)).toBe('1 min 0 s');
  });
});

describe("the first model's line", () => {
  const first: FirstModel = {
    valAccuracy: 0.75,
    epochs: [epoch(0.75)],
    seconds: 3.2,
    images: { train: 16, val: 4 },
    partOf: { train: 40, val: 10 },
  };

  it('kept because Stop came while the other images were read: its figures rest on the part, not on all', () => {
    const kept = summary(0.75, { phase: 'first', stopped: true, images: { train: 16, val: 4 }, partOf: first.partOf });
    const said = firstModelSentence(first, kept, false);
    expect(said).not.toContain('on all');
    expect(said).toContain('kept: 75.0% on 4 of 10 validation images');
    expect(said).toContain('stopped before the other images were read, so this figure rests on those 4 alone');
  });

  it('kept after being judged on every validation image: says so', () => {
    const kept = summary(0.7, { phase: 'first', stopped: true, images: { train: 40, val: 10 }, partOf: first.partOf });
    expect(firstModelSentence(first, kept, false)).toContain(
      'kept: 70.0% on all 10 validation images; the run was stopped before a better one.',
    );
  });

  it('a full model below the first one on every validation image: says whether the images can tell them apart', () => {
    const close = summary(0.7, { images: { train: 160, val: 40 }, firstOnAllVal: 0.75 });
    expect(firstModelSentence(first, close, false)).toContain(
      '75.0% on all 40 validation images. Full model (augmented views): 70.0%. The first model did a little better on these 40 images, by less than they can tell apart.',
    );
    const clear = summary(0.6, { images: { train: 800, val: 200 }, firstOnAllVal: 0.8 });
    expect(firstModelSentence(first, clear, false)).toMatch(
      /The first model did clearly better on these 200 images: .*Head recipe "manual" in Training settings/,
    );
    // the full model ahead, or level: nothing more to say
    const ahead = firstModelSentence(
      first,
      summary(0.8, { images: { train: 160, val: 40 }, firstOnAllVal: 0.75 }),
      false,
    );
    expect(ahead).toContain('75.0% on all 40 validation images. Full model (augmented views): 80.0%.');
    expect(ahead).not.toMatch(/did (a little|clearly) better/);
  });

  it('kept because the full model failed: says so, not that the run was stopped', () => {
    const kept = summary(0.7, { phase: 'first', stopped: false, images: { train: 40, val: 10 }, partOf: first.partOf });
    const said = firstModelSentence(first, kept, false);
    expect(said).toContain('kept: 70.0% on all 10 validation images; the full model failed');
    expect(said).not.toContain('stopped');
  });
});
