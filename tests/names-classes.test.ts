import { beforeEach, describe, expect, it } from 'vitest';
import { classNameProblem, datasetProblems, nameKey } from '../src/core/data/problems';
import { NAME_LIMITS, parseProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useProject } from '../src/state/project';
import { classNameKey, leaveClassName, typedClassName } from '../src/ui/class-name-edit';

const photos = (prefix: string, n = 2) =>
  Array.from({ length: n }, (_, i) => new File([Uint8Array.of(1, 2, i)], `${prefix}${i}.jpg`, { type: 'image/jpeg' }));
const names = () => useProject.getState().classes.map((c) => c.name);
const CAFE = 'Café';
const CAFE_NFD = 'Cafe\u0301';

beforeEach(() => useProject.setState({ classes: [], adding: null, notice: null, noticeAbout: null, locked: null }));

describe('class names written in two Unicode forms', () => {
  it('compare as the same name (a Mac folder "Café" is the class "Café")', () => {
    expect(CAFE).not.toBe(CAFE_NFD);
    expect(nameKey(CAFE_NFD)).toBe(nameKey(CAFE));
    expect(classNameProblem([CAFE, CAFE_NFD], 1)).toBe(`Another class is named "${CAFE}".`);
    expect(datasetProblems([CAFE, CAFE_NFD], [2, 2])).toEqual([`Two classes are named "${CAFE_NFD}".`]);
  });

  it('a dropped folder named in the decomposed form joins the class of that name, stored composed', async () => {
    useProject.getState().addClass(CAFE);
    await useProject.getState().addFolders(new Map([[CAFE_NFD, photos('c')]]));
    expect(names()).toEqual([CAFE]);
    expect(useProject.getState().classes[0].images).toHaveLength(2);
    // and a class added, renamed or opened in that form is stored composed
    useProject.getState().addClass('Crème'.normalize('NFD'));
    expect(names()).toEqual([CAFE, 'Crème']);
    const id = useProject.getState().classes[1].id;
    useProject.getState().renameClass(id, 'Brûlée'.normalize('NFD'));
    leaveClassName(id, 'Crème');
    expect(names()).toEqual([CAFE, 'Brûlée']);
    const record = parseProjectRecord({
      version: 1,
      classes: [{ id: 'c', name: 'Señor'.normalize('NFD'), images: [] }],
      settings: DEFAULT_SETTINGS,
      backboneId: 'x',
    });
    expect(record.classes[0].name).toBe('Señor');
  });
});

describe('spaces around class names', () => {
  it('are not kept: a dropped folder, an added class, a renamed one once the field is left', async () => {
    await useProject.getState().addFolders(new Map([[' cats ', photos('c')]]));
    useProject.getState().addClass('  dogs');
    expect(names()).toEqual(['cats', 'dogs']);
    const id = useProject.getState().classes[1].id;
    // typing keeps what is typed (a space between two words is typed as a trailing one first)
    useProject.getState().renameClass(id, 'big ');
    expect(names()).toEqual(['cats', 'big ']);
    useProject.getState().renameClass(id, 'big dogs ');
    leaveClassName(id, 'dogs');
    expect(names()).toEqual(['cats', 'big dogs']);
    expect(useProject.getState().notice).toBeNull();
  });

  it('a name left empty or taken goes back, as before', () => {
    const a = useProject.getState().addClass('cats');
    useProject.getState().addClass('dogs');
    useProject.getState().renameClass(a, ' Dogs ');
    leaveClassName(a, 'cats');
    expect(names()).toEqual(['cats', 'dogs']);
    expect(useProject.getState().notice).toBe('"Dogs" is another class\'s name: the class kept its name "cats".');
    useProject.getState().renameClass(a, '   ');
    leaveClassName(a, 'cats');
    expect(names()).toEqual(['cats', 'dogs']);
    expect(useProject.getState().notice).toBe('A class needs a name: it kept "cats".');
    // named as asked: the notice that asked goes as the name is typed; another class's leaves it alone
    const b = useProject.getState().classes[1].id;
    typedClassName(b);
    expect(useProject.getState().notice).toBe('A class needs a name: it kept "cats".');
    typedClassName(a);
    expect(useProject.getState().notice).toBeNull();
  });

  it('Enter settles a name as leaving the field does, Escape puts back the one the field was entered with', () => {
    const a = useProject.getState().addClass('cats');
    useProject.getState().addClass('dogs');
    useProject.getState().renameClass(a, 'dogs');
    expect(classNameKey('Enter', a, 'cats')).toBe('cats');
    expect(names()).toEqual(['cats', 'dogs']);
    expect(useProject.getState().notice).toBe('"dogs" is another class\'s name: the class kept its name "cats".');
    useProject.getState().renameClass(a, ' big cats ');
    expect(classNameKey('Enter', a, 'cats')).toBe('big cats');
    useProject.getState().renameClass(a, 'lions');
    expect(classNameKey('Escape', a, 'big cats')).toBe('big cats');
    expect(names()).toEqual(['big cats', 'dogs']);
    // other keys are the field's own; a run's lock leaves the name alone
    expect(classNameKey('a', a, 'cats')).toBeNull();
    useProject.getState().renameClass(a, 'tigers');
    useProject.setState({ locked: 'a run is training' });
    expect(classNameKey('Escape', a, 'big cats')).toBeNull();
    expect(names()).toEqual(['tigers', 'dogs']);
  });

  it('a class of photos to name: typed, what else its notice said stays; a notice said since is not cleared', () => {
    const { addClass, setNotice, renameClass } = useProject.getState();
    const a = addClass('Class 1');
    setNotice('The photos became a new class, “Class 1”: give it its name. 1 file could not be read', {
      id: a,
      rest: '1 file could not be read',
    });
    renameClass(a, 'parachute');
    typedClassName(a);
    expect(useProject.getState().notice).toBe('1 file could not be read');
    setNotice('The photos became a new class, “parachute”: give it its name', { id: a, rest: null });
    setNotice('Something else happened');
    typedClassName(a);
    expect(useProject.getState().notice).toBe('Something else happened');
  });
});

describe('long folder names shortened to the same name', () => {
  it('stay two classes, numbered, and the notice says so', async () => {
    const stem = 'p'.repeat(NAME_LIMITS.className + 20);
    await useProject.getState().addFolders(
      new Map([
        [`${stem} winter`, photos('w')],
        [`${stem} summer`, photos('s', 3)],
      ]),
    );
    const { classes, notice } = useProject.getState();
    expect(classes).toHaveLength(2);
    expect(classes.map((c) => c.images.length).sort()).toEqual([2, 3]);
    expect(new Set(classes.map((c) => nameKey(c.name))).size).toBe(2);
    for (const c of classes) expect([...c.name].length).toBeLessThanOrEqual(NAME_LIMITS.className);
    expect(classes[1].name).toMatch(/… \(2\)$/);
    expect(notice).toMatch(/Shortened 2 names too long to save/);
    expect(notice).toMatch(
      /1 folder shortened to the same name as another became a class of its own, numbered: .*\(2\)$/,
    );
  });

  it('the same folder dropped again (or in two places of one drop) still joins its class', async () => {
    const long = 'q'.repeat(NAME_LIMITS.className + 5);
    await useProject.getState().addFolders(new Map([[long, photos('a')]]));
    await useProject.getState().addFolders(new Map([[long.toUpperCase(), photos('b')]]));
    expect(useProject.getState().classes.map((c) => c.images.length)).toEqual([4]);
    expect(useProject.getState().notice).not.toMatch(/kept apart/);
  });
});
