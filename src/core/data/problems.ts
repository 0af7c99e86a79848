/** What a dataset must satisfy before training makes sense; one message per problem. */
export function datasetProblems(classes: readonly string[], counts: readonly number[]): string[] {
  const problems: string[] = [];
  if (classes.length < 2)
    problems.push(
      `Training needs at least 2 classes; there ${classes.length === 1 ? 'is 1' : `are ${classes.length}`}.`,
    );
  const seen = new Set<string>();
  classes.forEach((name, i) => {
    const key = name.trim().toLowerCase();
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
