import { describe, expect, it } from 'vitest';
import { filesFromDirectoryInput, groupByFolder } from '../src/ui/dropFiles';

const file = (name: string, relativePath = '') => {
  const f = new File(['x'], name, { type: 'image/jpeg' });
  if (relativePath) Object.defineProperty(f, 'webkitRelativePath', { value: relativePath });
  return f;
};

describe('groupByFolder', () => {
  it('makes a class of each folder that directly holds images, whether a dataset folder or class folders were dropped', () => {
    const { groups, loose } = groupByFolder([
      { file: file('a.jpg'), folders: ['dataset', 'cats'] },
      { file: file('b.jpg'), folders: ['dataset', 'dogs'] },
      { file: file('c.jpg'), folders: ['birds'] },
      { file: file('d.jpg'), folders: ['dataset', 'cats'] },
      { file: file('e.jpg'), folders: [] },
      { file: file('.DS_Store'), folders: ['dataset', 'cats'] },
    ]);
    expect([...groups.keys()].sort()).toEqual(['birds', 'cats', 'dogs']);
    expect(groups.get('cats')!.map((f) => f.name)).toEqual(['a.jpg', 'd.jpg']);
    expect(loose.map((f) => f.name)).toEqual(['e.jpg']);
  });

  it("leaves out files in the system's and tools' folders (.git, .thumbnails, __MACOSX), but not a chosen folder so named", () => {
    const { groups } = groupByFolder([
      { file: file('a.jpg'), folders: ['dataset', 'cats'] },
      { file: file('b.jpg'), folders: ['dataset', '.thumbnails'] },
      { file: file('c.jpg'), folders: ['dataset', '__MACOSX', 'cats'] },
      { file: file('d.jpg'), folders: ['dataset', '.git', 'objects'] },
      { file: file('._e.jpg'), folders: ['dataset', 'cats'] },
      { file: file('f.jpg'), folders: ['.photos', 'dogs'] },
    ]);
    expect([...groups.keys()].sort()).toEqual(['cats', 'dogs']);
    expect(groups.get('cats')!.map((f) => f.name)).toEqual(['a.jpg']);
  });

  it('reads the folders from a directory picker relative path', () => {
    const picked = filesFromDirectoryInput([
      file('x.png', 'digits/digit_3/x.png'),
      file('y.png', 'digits/digit_4/y.png'),
    ]);
    expect(picked.map((p) => p.folders)).toEqual([
      ['digits', 'digit_3'],
      ['digits', 'digit_4'],
    ]);
    expect([...groupByFolder(picked).groups.keys()]).toEqual(['digit_3', 'digit_4']);
  });
});
