import { describe, expect, it } from 'vitest';
import {
  leastSure,
  matchTestClasses,
  heldOutSplit,
  pathsInside,
  predictedCounts,
  predictionsCsv,
  testReport,
} from '../src/core/data/test-folder';

const file = (name: string) => ({ name });
const placed = (path: string) => {
  const parts = path.split('/');
  return { file: file(parts.at(-1)!), folders: parts.slice(0, -1) };
};

describe('a test folder', () => {
  it('keeps only the test/ split of a dataset folder, and says which folders it left out', () => {
    const files = [
      'data/train/cats/a.jpg',
      'data/train/dogs/b.jpg',
      'data/test/cats/c.jpg',
      'data/Test/dogs/d.jpg',
    ].map(placed);
    const { files: kept, kept: split, left } = heldOutSplit(files);
    expect(kept.map((f) => f.file.name)).toEqual(['c.jpg', 'd.jpg']);
    expect(split).toBe('Test/, test/');
    expect(left).toBe('train/');
  });

  it('without test/, the validation split; without either, all but train/', () => {
    const val = ['d/train/cats/a.jpg', 'd/val/cats/b.jpg'].map(placed);
    expect(heldOutSplit(val)).toMatchObject({ kept: 'val/', left: 'train/' });
    expect(heldOutSplit(val).files.map((f) => f.file.name)).toEqual(['b.jpg']);
    const other = ['d/train/cats/a.jpg', 'd/extra/cats/b.jpg'].map(placed);
    expect(heldOutSplit(other).files.map((f) => f.file.name)).toEqual(['b.jpg']);
  });

  it("a class named like a split is a class (a vehicles model's train/), and the usual spellings of splits are splits", () => {
    const vehicles = ['vehicles/bus/a.jpg', 'vehicles/train/b.jpg'].map(placed);
    expect(heldOutSplit(vehicles, ['bus', 'Train']).files).toHaveLength(2);
    const kaggle = ['d/training_set/cats/a.jpg', 'd/test_set/cats/b.jpg', 'd/seg_train/cats/c.jpg'].map(placed);
    expect(heldOutSplit(kaggle).files.map((f) => f.file.name)).toEqual(['b.jpg']);
    // what was kept and left is named by its folders, not "other"
    const other = ['d/train/cats/a.jpg', 'd/holdout/cats/b.jpg'].map(placed);
    expect(heldOutSplit(other)).toMatchObject({ kept: 'holdout/', left: 'train/' });
  });

  it('train/ and test/ dropped side by side are told apart by their own names', () => {
    const files = ['train/cats/a.jpg', 'test/cats/b.jpg'].map(placed);
    expect(heldOutSplit(files).files.map((f) => f.file.name)).toEqual(['b.jpg']);
    expect(pathsInside(files).get(files[1].file)).toBe('test/cats/b.jpg');
  });

  it('takes every file when there is no split, or when the folder chosen is the test folder itself', () => {
    const plain = ['shots/cats/a.jpg', 'shots/dogs/b.jpg'].map(placed);
    expect(heldOutSplit(plain)).toEqual({ files: plain, kept: null, left: null });
    // the chosen folder's own name is no split inside it
    const chosen = ['test/cats/a.jpg', 'test/dogs/b.jpg'].map(placed);
    expect(heldOutSplit(chosen)).toEqual({ files: chosen, kept: null, left: null });
  });

  it('names each photo by its path inside the folder chosen: two IMG_0001.jpg stay apart', () => {
    const files = ['Photos/2019/01/IMG_0001.jpg', 'Photos/2020/01/IMG_0001.jpg'].map(placed);
    expect([...pathsInside(files).values()]).toEqual(['2019/01/IMG_0001.jpg', '2020/01/IMG_0001.jpg']);
  });

  it('labels each folder with the class of the same name (case and spaces aside) and names the folders that match none', () => {
    const groups = new Map([
      ['Cats', [file('a.jpg'), file('b.jpg')]],
      [' dogs ', [file('c.jpg')]],
      ['birds', [file('d.jpg'), file('e.jpg'), file('f.jpg')]],
    ]);
    const { items, unmatched, missing } = matchTestClasses(groups, ['cats', 'dogs', 'fish']);
    expect(items.map((i) => [i.name, i.label])).toEqual([
      ['cats/a.jpg', 0],
      ['cats/b.jpg', 0],
      ['dogs/c.jpg', 1],
    ]);
    expect(unmatched).toEqual([{ folder: 'birds', count: 3 }]);
    expect(missing).toEqual(['fish']);
  });

  it('reports accuracy with its Wilson interval, per-class figures, the confusion and the misses most confident first', () => {
    const item = (label: number, n: string) => ({ file: n, label, name: `c${label}/${n}` });
    const report = testReport(
      [
        { ...item(0, 'a'), probabilities: [0.9, 0.1] },
        { ...item(0, 'b'), probabilities: [0.4, 0.6] },
        { ...item(1, 'c'), probabilities: [0.2, 0.8] },
        { ...item(1, 'd'), probabilities: [0.95, 0.05] },
      ],
      ['c0', 'c1'],
    );
    expect(report.tested).toBe(4);
    expect(report.accuracy).toBe(0.5);
    expect(report.confusion).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(report.interval[0]).toBeGreaterThan(0.1);
    expect(report.interval[1]).toBeLessThan(0.9);
    expect(report.perClass.map((c) => c.count)).toEqual([2, 2]);
    expect(report.misses.map((m) => [m.item.file, m.predicted, m.confidence])).toEqual([
      ['d', 0, 0.95],
      ['b', 1, 0.6],
    ]);
  });

  it('an empty test reports nothing right and the widest interval', () => {
    const report = testReport([], ['a', 'b']);
    expect(report).toMatchObject({ tested: 0, accuracy: 0, interval: [0, 1], misses: [] });
  });

  it('writes every answer as CSV: quoted where a name needs it, the label empty when there was none', () => {
    const rows = [
      { file: 1, name: 'cats/a, b.jpg', label: 0, probabilities: [0.75, 0.25] },
      { file: 2, name: 'say "hi".jpg', label: null, probabilities: [0.1, 0.9] },
    ];
    expect(predictionsCsv(rows, ['cats', 'big dogs'])).toBe(
      '\uFEFFfile,label,predicted,confidence,cats,big dogs\r\n' +
        '"cats/a, b.jpg",cats,cats,0.7500,0.7500,0.2500\r\n' +
        '"say ""hi"".jpg",,big dogs,0.9000,0.1000,0.9000\r\n',
    );
  });

  it('a name a spreadsheet would run as a formula is written as text; a signed number is left as it is', () => {
    const rows = [{ file: 1, name: '=cmd|calc.jpg', label: 0, probabilities: [1, 0] }];
    expect(predictionsCsv(rows, ['+a', '-1']).split('\r\n')).toEqual([
      "\uFEFFfile,label,predicted,confidence,'+a,-1",
      "'=cmd|calc.jpg,'+a,'+a,1.0000,1.0000,0.0000",
      '',
    ]);
  });

  it('counts the answers per class and finds the least sure ones first', () => {
    const rows = [0.9, 0.55, 0.2, 0.6].map((p, i) => ({
      file: i,
      name: `p${i}`,
      label: null,
      probabilities: [p, 1 - p],
    }));
    expect(predictedCounts(rows, ['a', 'b'])).toEqual([3, 1]);
    expect(leastSure(rows, 2).map((r) => [r.name, r.predicted])).toEqual([
      ['p1', 0],
      ['p3', 0],
    ]);
  });
});
