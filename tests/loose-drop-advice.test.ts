import { beforeEach, describe, expect, it } from 'vitest';
import { useProject } from '../src/state/project';
import { addDropped } from '../src/ui/folderAdding';

// What a drop of images without their folder says (ui/folderAdding.ts): a phone's HEIC photos are
// images to the person dropping them, and a class cannot be renamed while a run holds the project.

/** an iPhone photo's first bytes: an ISO BMFF ftyp box of brand heic */
const heicBytes = new Uint8Array([
  0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0, 0x6d, 0x69, 0x66, 0x31, 0x68, 0x65, 0x69,
  0x63,
]);
const loose = (...files: File[]) => ({ files: files.map((file) => ({ file, folders: [] })), unreadable: [] });
const heic = (name: string) => new File([heicBytes], name, { type: 'image/heic' });
const jpeg = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/jpeg' });
const shape = () => useProject.getState().classes.map((c) => [c.name, c.images.map((i) => i.file.name)]);

beforeEach(() => useProject.setState({ classes: [], adding: null, notice: null, locked: null }));

describe('a loose drop of images browsers cannot decode', () => {
  it('says they are HEIC photos to export as JPEG or PNG, not "loose files" to drop onto a class', async () => {
    await addDropped(loose(heic('IMG_0001.HEIC'), heic('IMG_0002.HEIC')));
    expect(shape()).toEqual([]);
    const notice = useProject.getState().notice!;
    expect(notice).toBe(
      'Skipped 2 images in a format browsers cannot decode (HEIC/HEIF): IMG_0001.HEIC, IMG_0002.HEIC; export them as JPEG or PNG',
    );
  });

  it('names TIFF and SVG too, and what else was no image beside them', async () => {
    const tiff = new File([new Uint8Array([0x49, 0x49, 42, 0])], 'scan.tif', { type: '' });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' });
    const text = new File(['notes'], 'notes.txt', { type: 'text/plain' });
    await addDropped(loose(tiff, svg, text));
    expect(shape()).toEqual([]);
    const notice = useProject.getState().notice!;
    expect(notice).toMatch(/cannot decode \(SVG, TIFF\): scan\.tif, logo\.svg; export them as JPEG or PNG/);
    expect(notice).toMatch(/not an image .*: notes\.txt/);
    expect(notice).not.toMatch(/loose file/);
  });

  it('beside a JPEG: the JPEG becomes a class, the HEIC photo is named with its fix', async () => {
    await addDropped(loose(jpeg('ok.jpg'), heic('IMG_0003.HEIC')));
    expect(shape()).toEqual([['Class 1', ['ok.jpg']]]);
    expect(useProject.getState().notice).toMatch(/\(HEIC\/HEIF\): IMG_0003\.HEIC; export it as JPEG or PNG/);
  });

  it('other files alone are still loose files with the way to add them', async () => {
    await addDropped(loose(new File(['notes'], 'notes.txt', { type: 'text/plain' })));
    expect(useProject.getState().notice).toMatch(/^1 loose file was not added: drop single images onto a class/);
  });
});

describe('a loose drop while a run holds the project', () => {
  it('says the new class can be named once the run ends (its name cannot change before)', async () => {
    useProject.setState({ locked: 'Training is running: Stop training to edit the classes.' });
    await addDropped(loose(jpeg('a.jpg'), jpeg('b.jpg')));
    expect(shape()).toEqual([['Class 1', ['a.jpg', 'b.jpg']]]);
    const notice = useProject.getState().notice!;
    expect(notice).toMatch(
      /^The images dropped outside a class became a new class, "Class 1": name it once the run ends/,
    );
    expect(notice).not.toMatch(/give it its name/);
  });

  it('without a run: give it its name', async () => {
    await addDropped(loose(jpeg('a.jpg')));
    expect(useProject.getState().notice).toMatch(/"Class 1": give it its name, or drop images onto a class/);
  });
});
