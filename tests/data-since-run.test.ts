import { describe, expect, it } from 'vitest';
import { imageSetPrint } from '../src/core/data/image-set';
import { recordFor, type RunRecord } from '../src/state/run-record';
import { changeSince, dataSince, trainedOn, type ClassNow, type TrainedOn } from '../src/state/data-since-run';
import {
  changeList,
  changedShort,
  changedWhat,
  modelChangeWords,
  statusWithChange,
  withChange,
} from '../src/ui/data-change-words';
import type { TrainSummary } from '../src/worker/protocol';

const cls = (name: string, ids: string[]): ClassNow => ({ name, images: ids.map((id) => ({ id })) });
const ids = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

// three classes of 10; images 9 and 10 of each are the validation images
const project = (): ClassNow[] => [
  cls('cat', ids('c', 1, 10)),
  cls('dog', ids('d', 1, 10)),
  cls('street', ids('s', 1, 10)),
];
const printOf = (classes: ClassNow[]) =>
  imageSetPrint(classes.flatMap((c, label) => c.images.map((im) => ({ id: im.id, label }))));
const trained = (over: Partial<TrainedOn> = {}): TrainedOn => ({
  classes: ['cat', 'dog', 'street'],
  counts: [10, 10, 10],
  total: 30,
  val: ['c', 'd', 's'].flatMap((p, label) => [9, 10].map((n) => ({ id: `${p}${n}`, label }))),
  skipped: [],
  print: printOf(project()),
  ...over,
});
const none = { added: 0, removed: 0, moved: 0, classesAdded: [], classesRemoved: [], classesRenamed: [] };

describe('what changed in the project since the shown model was trained', () => {
  it('is nothing while the images and classes are the run’s, and again once an edit is undone', () => {
    const on = trained();
    expect(dataSince(on, project())).toBeNull();
    const deleted = [project()[0], project()[1]];
    expect(dataSince(on, deleted)).not.toBeNull();
    // the class put back where it was: a new array with the same images under the same names
    expect(dataSince(on, [...deleted, project()[2]])).toBeNull();
  });

  it('says a class removed by name and the images added to another by count', () => {
    const [cat, dog] = project();
    const change = dataSince(trained(), [cls('cat', [...cat.images.map((i) => i.id), ...ids('n', 1, 5)]), dog]);
    expect(change).toEqual({ ...none, added: 5, classesRemoved: ['street'] });
    expect(changeList(change!)).toBe('5 added, class “street” removed');
    expect(changedShort(change!)).toBe('images changed');
  });

  it('counts images deleted from a class that is still there', () => {
    const [cat, , street] = project();
    const change = dataSince(trained(), [cat, cls('dog', ids('d', 4, 10)), street]);
    expect(change).toEqual({ ...none, removed: 3 });
    expect(changeList(change!)).toBe('3 removed');
  });

  it('knows a validation image moved by its id, and a training image moved by the counts', () => {
    const [cat, , street] = project();
    // d10 (validation) to cat, and two new images in street
    const valMoved = dataSince(trained(), [
      cls('cat', [...cat.images.map((i) => i.id), 'd10']),
      cls('dog', ids('d', 1, 9)),
      cls('street', [...street.images.map((i) => i.id), 'x1', 'x2']),
    ]);
    expect(valMoved).toEqual({ ...none, moved: 1, added: 2 });
    // d1 (training) to cat: one class's loss and another's gain, nothing else
    const trainMoved = dataSince(trained(), [
      cls('cat', [...cat.images.map((i) => i.id), 'd1']),
      cls('dog', ids('d', 2, 10)),
      street,
    ]);
    expect(trainMoved).toEqual({ ...none, moved: 1 });
    expect(changeList(trainMoved!)).toBe('1 moved to another class');
  });

  it('tells a rename alone by the same images, and a rename with other changes by its validation images', () => {
    const [cat, dog, street] = project();
    const renamed = dataSince(trained(), [
      cat,
      dog,
      cls(
        'road',
        street.images.map((i) => i.id),
      ),
    ]);
    expect(renamed).toEqual({ ...none, classesRenamed: [{ from: 'street', to: 'road' }] });
    expect(changedWhat(renamed!)).toBe('classes');
    expect(changeList(renamed!)).toBe('“street” renamed “road”');
    const more = dataSince(trained(), [cat, dog, cls('road', [...street.images.map((i) => i.id), 'x1'])]);
    expect(more).toEqual({ ...none, added: 1, classesRenamed: [{ from: 'street', to: 'road' }] });
    // a new class holding none of the run's images is a class added, the old one removed
    const other = dataSince(trained(), [cat, dog, cls('road', ['x1', 'x2'])]);
    expect(other).toEqual({ ...none, added: 2, classesAdded: ['road'], classesRemoved: ['street'] });
  });

  it('says a class added, with its images or empty', () => {
    const withImages = dataSince(trained(), [...project(), cls('bird', ['b1', 'b2', 'b3'])]);
    expect(withImages).toEqual({ ...none, added: 3, classesAdded: ['bird'] });
    const empty = dataSince(trained(), [...project(), cls('bird', [])]);
    expect(empty).toEqual({ ...none, classesAdded: ['bird'] });
    expect(changedWhat(empty!)).toBe('classes');
    expect(changeList(empty!)).toBe('class “bird” added');
  });

  it('still says the images changed when only the fingerprint tells it (one swapped for another)', () => {
    const [, dog, street] = project();
    const swapped = dataSince(trained(), [cls('cat', [...ids('c', 2, 10), 'c11']), dog, street]);
    expect(swapped).toEqual(none);
    expect(changeList(swapped!)).toBe('other images, in the same numbers');
  });

  it('without a fingerprint (an older record), goes by the validation images and the counts', () => {
    const on = trained({ print: undefined });
    expect(dataSince(on, project())).toBeNull();
    const [cat, dog, street] = project();
    expect(dataSince(on, [cat, cls('dog', ids('d', 1, 9)), street])).toEqual({ ...none, removed: 1 });
    // no counts per class either (fine-tuning): the total
    const totals = trained({ print: undefined, counts: undefined });
    expect(dataSince(totals, [cat, dog])).toEqual({ ...none, removed: 10, classesRemoved: ['street'] });
    expect(dataSince(totals, project())).toBeNull();
  });

  it('leaves unreadable images out of the counts, as the run did', () => {
    const on = trained({ counts: [10, 9, 10], skipped: ['d5'] });
    expect(dataSince(on, project())).toBeNull();
    const [cat, dog, street] = project();
    expect(
      dataSince(on, [
        cat,
        cls(
          'dog',
          dog.images.filter((i) => i.id !== 'd5').map((i) => i.id),
        ),
        street,
      ]),
    ).toEqual(none);
  });
});

const summary = (over: Partial<TrainSummary> = {}) =>
  ({
    classes: ['cat', 'dog', 'street'],
    images: { train: 24, val: 6 },
    imagesPerClass: { train: [8, 8, 8], val: [2, 2, 2] },
    valPredictions: trained().val.map((v) => ({ ...v, predicted: v.label, probabilities: [] })),
    skipped: [],
    valAccuracy: 0.9,
    history: [{}, {}],
    seconds: { extract: 1, train: 2 },
    ...over,
  }) as unknown as TrainSummary;
const record = (over: Partial<RunRecord> = {}) =>
  ({ n: 1, valAccuracy: 0.9, history: [{}, {}], seconds: 3, imageSet: printOf(project()), ...over }) as RunRecord;

describe('what a shown model was trained on', () => {
  it('is its result’s classes, counts and validation images, and its run record’s fingerprint', () => {
    const on = trainedOn(summary(), record());
    expect(on).toMatchObject({
      classes: ['cat', 'dog', 'street'],
      counts: [10, 10, 10],
      total: 30,
      print: printOf(project()),
    });
    // a first model on part of the images: its counts are its part's, the run's total is all of them
    const part = trainedOn(summary({ images: { train: 12, val: 6 }, partOf: { train: 24, val: 6 } }), undefined);
    expect(part.counts).toBeUndefined();
    expect(part.total).toBe(30);
    expect(part.print).toBeUndefined();
  });

  it('finds the run’s own record among the runs, not the latest one', () => {
    const own = record();
    const later = record({ n: 2, valAccuracy: 0.5 });
    expect(recordFor(summary(), [own, later])).toBe(own);
    expect(recordFor(summary({ valAccuracy: 0.7 }), [own, later])).toBeUndefined();
  });

  it('is worked out once per classes array and result, and again when that array changes', () => {
    const result = summary();
    const runs = [record()];
    const classes = [cls('cat', ids('c', 1, 10)), cls('dog', ids('d', 1, 10))];
    const first = changeSince(result, runs, classes);
    expect(first).toEqual({ ...none, classesRemoved: ['street'] });
    expect(changeSince(result, runs, classes)).toBe(first);
    expect(changeSince(result, runs, project())).toBeNull();
    // another record for it (the run history restored) is asked again
    expect(changeSince(result, [record({ imageSet: 'other' })], project())).toEqual(none);
  });
});

describe('the words for it', () => {
  const change = { ...none, added: 5, classesRemoved: ['street'] };

  it('follow a step’s own words in the step bar and the status line', () => {
    expect(withChange('finished', change)).toBe('finished · images changed');
    expect(withChange('finished', null)).toBe('finished');
    const line = { stage: 'done', text: 'Training finished' };
    expect(statusWithChange(line, change)).toEqual({
      stage: 'done',
      text: 'Training finished · the images changed since',
    });
    expect(statusWithChange({ stage: 'idle', text: '' }, change).text).toBe(
      'The model was trained before the images changed (5 added, class “street” removed): train again to update it.',
    );
    expect(statusWithChange(line, null)).toBe(line);
  });

  it('name the classes the model answers that the project no longer has, a renamed one by its new name', () => {
    expect(modelChangeWords(change, ['cat', 'dog', 'street'], ['cat', 'dog'])).toBe(
      'Trained before the latest changes to the images (5 added, class “street” removed). It answers “street”, a class the project no longer has.',
    );
    const renamed = { ...none, classesRenamed: [{ from: 'street', to: 'road' }] };
    expect(modelChangeWords(renamed, ['cat', 'street'], ['cat', 'road'])).toBe(
      'Trained before the latest changes to the classes (“street” renamed “road”). It answers “street”, now named “road”.',
    );
    expect(modelChangeWords(null, ['cat', 'dog'], ['cat', 'dog'])).toBe('');
  });
});
