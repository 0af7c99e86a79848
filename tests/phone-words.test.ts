import { afterEach, describe, expect, it, vi } from 'vitest';
import { all, filePickers, markup, parse } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { PHONE_QUERY, isPhone } = await import('../src/ui/phone');
const { dataWords } = await import('../src/ui/data-words');
const { DataPanel } = await import('../src/ui/DataPanel');
const { ClassCard } = await import('../src/ui/ClassCard');
const { addPhotosAsClass } = await import('../src/ui/chosen-photos');
const { useProject } = await import('../src/state/project');

// A phone was offered "Drop folders of images here" and "Add folders…": it has no folders to drag
// or pick. Its file input offers the photo library and the camera, and the page's camera takes photos.

/** the page as a phone (a finger, no hover) or a desktop answers the media query */
function onPhone(phone: boolean) {
  const list = { matches: phone, addEventListener() {}, removeEventListener() {} };
  vi.stubGlobal('matchMedia', (query: string) => ({ ...list, matches: phone && query === PHONE_QUERY }));
}
afterEach(() => {
  vi.unstubAllGlobals();
  useProject.setState(useProject.getInitialState(), true);
});

const text = (html: string) => parse(html).text.replace(/\s+/g, ' ');
const image = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/jpeg' });

describe('which device the page is on', () => {
  it('a finger with no hover is a phone; a mouse, a narrow desktop window or no matchMedia is not', () => {
    expect(isPhone()).toBe(false);
    onPhone(true);
    expect(isPhone()).toBe(true);
    onPhone(false);
    expect(isPhone()).toBe(false);
  });
});

describe("the Images step's words", () => {
  it('on a phone name nothing it cannot do: no folders, no dropping', () => {
    for (const words of Object.values(dataWords(true))) expect(words).not.toMatch(/drop|folder|files/i);
    expect(dataWords(true).pick).toBe('Choose photos');
    expect(dataWords(true).cardPick).toBe('Choose photos');
  });

  it('on a desktop stay as they were', () => {
    expect(dataWords(false)).toMatchObject({
      pick: 'Add folders…',
      emptyTitle: 'Drop folders of images here',
      cardLead: 'Drop images here or ',
      cardPick: 'choose files',
    });
  });

  it("a phone's step offers its photos for a new class, without a folder input", () => {
    onPhone(true);
    const html = markup(DataPanel);
    const [picker] = filePickers(html);
    expect(picker.visible).toBe('Choose photos');
    expect(picker.name).toBe('Choose photos (for a new class)');
    expect(picker.attrs.accept).toBe('image/*');
    expect(picker.attrs.webkitdirectory).toBeUndefined();
    expect(text(html)).toContain('Choose photos above to start');
    expect(text(html)).not.toMatch(/drop|folder/i);
  });

  it("a desktop's step keeps its folder input and the names the e2e specs use", () => {
    onPhone(false);
    const html = markup(DataPanel);
    const [picker] = filePickers(html);
    expect(picker.name).toBe('Add folders… (a folder of class folders)');
    expect(picker.attrs.webkitdirectory).toBe('');
    expect(text(html)).toContain('Drop folders of images here');
  });

  it("a phone's class card: Choose photos, named for the class as on a desktop; the camera is its own button", () => {
    onPhone(true);
    const html = markup(ClassCard, { cls: { id: 'c', name: 'cats', images: [] } });
    const [picker] = filePickers(html);
    expect(picker.visible).toBe('Choose photos');
    expect(picker.name).toBe('Choose photos (Add images to cats)');
    const line = all(parse(html), (n) => (n.attrs.class ?? '') === 'drop-hint')[0];
    expect(line.text.replace(/\s+/g, ' ').trim()).toBe('Choose photos (Add images to cats)');
    // one way to the camera from a card: Record from camera, not a link to the Deploy step's camera as well
    expect(all(parse(html), (n) => n.tag === 'a')).toHaveLength(0);
    expect(html).toContain('aria-label="Record from camera into cats"');
  });

  it("a desktop's class card: drop or choose files, and Record from camera its one way to the camera", () => {
    const html = markup(ClassCard, { cls: { id: 'c', name: 'cats', images: [] } });
    expect(filePickers(html)[0].name).toBe('choose files (Add images to cats)');
    const line = all(parse(html), (n) => (n.attrs.class ?? '') === 'drop-hint')[0];
    expect(line.text.replace(/\s+/g, ' ').trim()).toBe('Drop images here or choose files (Add images to cats)');
    expect(all(parse(html), (n) => n.tag === 'a')).toHaveLength(0);
    expect(html).not.toContain('use the camera');
    expect(html).toContain('aria-label="Record from camera into cats"');
  });
});

describe('photos chosen with the step\'s own "Choose photos"', () => {
  it('become a class of their own, said without "dropped"', async () => {
    await addPhotosAsClass([image('a.jpg'), image('b.jpg')]);
    const { classes, notice } = useProject.getState();
    expect(classes.map((c) => [c.name, c.images.length])).toEqual([['Class 1', 2]]);
    expect(notice).toBe('The photos became a new class, “Class 1”: give it its name');
  });

  it('leave no empty class behind when none of them is an image, and say why', async () => {
    await addPhotosAsClass([new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    const { classes, notice } = useProject.getState();
    expect(classes).toEqual([]);
    expect(notice).toMatch(/notes\.txt/);
  });

  it('change nothing when the picker was closed without a choice', async () => {
    await addPhotosAsClass([]);
    expect(useProject.getState().classes).toEqual([]);
  });
});
