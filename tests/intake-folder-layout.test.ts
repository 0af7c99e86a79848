import { beforeEach, describe, expect, it } from 'vitest';
import { useProject } from '../src/state/project';
import { groupByFolder, type DroppedFile } from '../src/ui/dropFiles';
import { addDropped } from '../src/ui/folderAdding';

// Which folder names a class when a drop, Add folders… or the folder input brings a dataset in
// (ui/dropFiles.ts groupByFolder), beside how the CLI reads a dataset folder (core/data/dataset-dir.ts).

const at = (path: string): DroppedFile => {
  const parts = path.split('/');
  return { file: new File([new Uint8Array([1])], parts.pop()!, { type: 'image/jpeg' }), folders: parts };
};
const shape = (groups: Map<string, File[]>) => [...groups].map(([name, files]) => [name, files.map((f) => f.name)]);

beforeEach(() => useProject.setState({ classes: [], notice: null, adding: null }));

describe('class folders each split into train/ and val/', () => {
  it('are classes by the class folders, not "train" and "val" each mixing them, and it is said', () => {
    const { groups, notice } = groupByFolder(
      ['data/cats/train/c1.jpg', 'data/cats/val/c2.jpg', 'data/dogs/train/d1.jpg', 'data/dogs/val/d2.jpg'].map(at),
    );
    expect(shape(groups)).toEqual([
      ['cats', ['c1.jpg', 'c2.jpg']],
      ['dogs', ['d1.jpg', 'd2.jpg']],
    ]);
    expect(notice).toBe(
      'Each class folder is split into train, val folders: the classes are named after the class folders (cats, dogs), and the studio picks its own validation images',
    );
  });

  it('one class folder so split dropped alone is that class', () => {
    expect(shape(groupByFolder(['cats/Train/a.jpg', 'cats/Validation/b.jpg'].map(at)).groups)).toEqual([
      ['cats', ['a.jpg', 'b.jpg']],
    ]);
  });

  it('a class named like a split, beside other classes, stays a class', () => {
    const { groups, notice } = groupByFolder(['data/test/a.jpg', 'data/other/b.jpg'].map(at));
    expect(shape(groups)).toEqual([
      ['test', ['a.jpg']],
      ['other', ['b.jpg']],
    ]);
    expect(notice).toBeNull();
  });

  it('train/cats and val/cats are one class cats, said of nothing', () => {
    const { groups, notice } = groupByFolder(['data/train/cats/a.jpg', 'data/val/cats/b.jpg'].map(at));
    expect(shape(groups)).toEqual([['cats', ['a.jpg', 'b.jpg']]]);
    expect(notice).toBeNull();
  });
});

describe('a file beside the class folders', () => {
  it('is left out and named, as the CLI skips it, instead of becoming a class of the dataset folder', () => {
    const { groups, loose, notice } = groupByFolder(
      ['data/cats/c1.jpg', 'data/dogs/d1.jpg', 'data/preview.jpg', 'data/train/labels.csv'].map(at),
    );
    expect(shape(groups)).toEqual([
      ['cats', ['c1.jpg']],
      ['dogs', ['d1.jpg']],
      ['train', ['labels.csv']],
    ]);
    expect(loose).toEqual([]);
    expect(notice).toBe('Skipped 1 file beside the class folders (a class is a folder of images): data/preview.jpg');
  });
});

describe('one class from folders in different places', () => {
  it('is said, naming the folders it joins', () => {
    const { groups, notice } = groupByFolder(['data/cats/images/a.jpg', 'data/dogs/images/b.jpg'].map(at));
    expect(shape(groups)).toEqual([['images', ['a.jpg', 'b.jpg']]]);
    expect(notice).toBe(
      'Folders of one name make one class: class "images" joins cats/images, dogs/images. Rename folders to keep them apart',
    );
  });
});

describe('a drop of such a dataset', () => {
  it('makes the classes cats and dogs and says why, beside the file it left out', async () => {
    await addDropped({
      files: ['data/cats/train/c1.jpg', 'data/cats/val/c2.jpg', 'data/dogs/train/d1.jpg', 'data/preview.jpg'].map(at),
      unreadable: [],
    });
    expect(useProject.getState().classes.map((c) => [c.name, c.images.length])).toEqual([
      ['cats', 2],
      ['dogs', 1],
    ]);
    expect(useProject.getState().notice).toMatch(
      /^Each class folder is split into train, val folders: .*\. Skipped 1 file beside the class folders \(a class is a folder of images\): data\/preview\.jpg$/,
    );
  });
});
