import { beforeEach, describe, expect, it } from 'vitest';
import { trainValSplit } from '../src/core/data/train-val';
import { useProject } from '../src/state/project';
import { groupByFolder, type DroppedFile } from '../src/ui/dropFiles';
import { addDropped } from '../src/ui/folderAdding';

// A dataset's train/cats/0001.jpg and val/cats/0001.jpg make one class of two same-named files. A
// drop lists folders as the browser does, Add folders… and the folder input in name order: which
// of the two the split validates must not follow the way the folder came.

const image = (bytes: number) => new File([new Uint8Array(bytes)], '0001.jpg', { type: 'image/jpeg' });
const fromTrain = image(3);
const fromVal = image(4);
const walks: DroppedFile[][] = [
  [
    { file: fromTrain, folders: ['ds', 'train', 'cats'] },
    { file: fromVal, folders: ['ds', 'val', 'cats'] },
  ],
  [
    { file: fromVal, folders: ['ds', 'val', 'cats'] },
    { file: fromTrain, folders: ['ds', 'train', 'cats'] },
  ],
];

beforeEach(() => useProject.setState({ classes: [], adding: null, notice: null }));

describe('same-named files from several folders of one class', () => {
  it('are grouped in the same order whichever order the folders were walked in', () => {
    const orders = walks.map((w) => groupByFolder(w).groups.get('cats')!);
    expect(orders[0]).toEqual([fromTrain, fromVal]);
    expect(orders[1]).toEqual(orders[0]);
  });

  it('give the class the same images in the same order, so the split validates the same one', async () => {
    const validated: File[] = [];
    for (const files of walks) {
      useProject.setState({ classes: [], adding: null, notice: null });
      await addDropped({ files, unreadable: [] });
      const [cats] = useProject.getState().classes;
      expect(cats.images.map((i) => i.file)).toEqual([fromTrain, fromVal]);
      const images = cats.images.map((i) => ({ id: i.id, label: 0, name: i.file.name }));
      const { val } = trainValSplit(images, { has: () => true }, { valSplit: 0.2, seed: 1 });
      expect(val).toHaveLength(1);
      validated.push(cats.images.find((i) => i.id === val[0].id)!.file);
    }
    expect(validated[1]).toBe(validated[0]);
  });
});
