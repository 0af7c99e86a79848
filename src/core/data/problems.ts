/**
 * Names compare as a person reads them (and as a case-insensitive disk stores a class's folder):
 * composed, as macOS hands a folder's "Café" over decomposed, which made a second class "Café".
 */
export const nameKey = (name: string) => name.normalize('NFC').trim().toLowerCase();

/** A name as a class keeps it: no spaces around it (they went into the exported labels), composed (see nameKey). */
export const cleanName = (name: string) => name.normalize('NFC').trim();

/**
 * Folders the system or a tool keeps beside the photos (`.git`, `.thumbnails`, macOS's `__MACOSX`
 * in an unzipped archive): their files are not the person's images, and a class named after one
 * would silently join the training data. Files named like them (`.DS_Store`, `._a.jpg`) too. The
 * studio's drops and the CLI's dataset folder skip the same ones.
 */
export const isSystemName = (name: string): boolean => name.startsWith('.') || name === '__MACOSX';

/** "1 photo", "2 photos" */
export const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** A notice's list of the files it is about: the first three names, and an ellipsis when there are more. */
export const firstNames = (names: readonly string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');

const count = (n: number, what: string) => `${n} ${what}${n > 1 ? 's' : ''}`;

/** Names what an adding could not read (a folder's name ends in a slash); null when nothing. */
export function unreadableNotice(names: readonly string[]): string | null {
  if (!names.length) return null;
  const folders = names.filter((n) => n.endsWith('/')).length;
  const files = names.length - folders;
  const what = [files && count(files, 'file'), folders && count(folders, 'folder')].filter(Boolean).join(' and ');
  return `${what} could not be read and ${names.length > 1 ? 'were' : 'was'} not added: ${firstNames(names)}`;
}

/** What is wrong with the name of class `index` beside the others (null: nothing). */
export function classNameProblem(names: readonly string[], index: number): string | null {
  const key = nameKey(names[index] ?? '');
  if (!key) return 'A class needs a name.';
  const other = names.find((n, i) => i !== index && nameKey(n) === key);
  return other === undefined ? null : `Another class is named "${other.trim()}".`;
}

/**
 * A name of the form the page gives a class it makes itself ("Class N": Add class, a loose drop):
 * it says nothing of the images, so two classes that share it are no reason to merge them.
 */
export const isAutoClassName = (name: string): boolean => /^class \d+$/.test(nameKey(name));

/** The first free "Class N" from N = start: a new class never takes a name another class has. */
export function freeClassName(names: readonly string[], start: number): string {
  const taken = new Set(names.map(nameKey));
  let n = start;
  while (taken.has(nameKey(`Class ${n}`))) n++;
  return `Class ${n}`;
}

/**
 * The fewest readable images a class can train with: one to train on, one to validate. A class's
 * card says how many it lacks from this, and the Train step's blocker below is worded by it.
 */
export const MIN_CLASS_IMAGES = 2;

/** What a dataset must satisfy before training makes sense; one message per problem. */
export function datasetProblems(classes: readonly string[], counts: readonly number[]): string[] {
  const problems: string[] = [];
  if (classes.length < 2)
    problems.push(
      `Training needs at least 2 classes; there ${classes.length === 1 ? 'is 1' : `are ${classes.length}`}.`,
    );
  const seen = new Set<string>();
  classes.forEach((name, i) => {
    const key = nameKey(name);
    if (!key) problems.push(`Class ${i + 1} has no name.`);
    else if (seen.has(key)) problems.push(`Two classes are named "${name}".`);
    seen.add(key);
    if (counts[i] < MIN_CLASS_IMAGES)
      problems.push(
        `Class "${name}" has ${counts[i]} readable image${counts[i] === 1 ? '' : 's'}; it needs at least ${MIN_CLASS_IMAGES} (one to train on, one to validate).`,
      );
  });
  return problems;
}
