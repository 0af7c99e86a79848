/** Names compare as a person reads them (and as a case-insensitive disk stores a class's folder). */
const nameKey = (name: string) => name.trim().toLowerCase();

/** What is wrong with the name of class `index` beside the others (null: nothing). */
export function classNameProblem(names: readonly string[], index: number): string | null {
  const key = nameKey(names[index] ?? '');
  if (!key) return 'A class needs a name.';
  const other = names.find((n, i) => i !== index && nameKey(n) === key);
  return other === undefined ? null : `Another class is named "${other.trim()}".`;
}

/** The first free "Class N" from N = start: a new class never takes a name another class has. */
export function freeClassName(names: readonly string[], start: number): string {
  const taken = new Set(names.map(nameKey));
  let n = start;
  while (taken.has(nameKey(`Class ${n}`))) n++;
  return `Class ${n}`;
}

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
    if (counts[i] < 2)
      problems.push(
        `Class "${name}" has ${counts[i]} readable image${counts[i] === 1 ? '' : 's'}; it needs at least 2 (one to train on, one to validate).`,
      );
  });
  return problems;
}
