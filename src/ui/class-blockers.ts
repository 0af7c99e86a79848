import { datasetProblems } from '../core/data/problems';

/** The id of a class's card: the Train step's words about a class link to it. */
export const classCardId = (classId: string): string => `class-card-${classId}`;

// the largest count the rule is asked about: a class with this many images has enough
const PLENTY = Number.MAX_SAFE_INTEGER;

/**
 * What holds training back in class `name` by its image count alone, in the Train step's words, or
 * null. Asked of datasetProblems rather than copied from it: what it says of the class with `count`
 * images and not with plenty, so the card and the Train step never disagree.
 */
export function countProblem(name: string, count: number): string | null {
  const plenty = new Set(datasetProblems([name], [PLENTY]));
  return datasetProblems([name], [count]).find((p) => !plenty.has(p)) ?? null;
}

let needed: number | undefined;

/** The fewest images a class can train with, by the same rule (found once). */
export function imagesNeeded(): number {
  if (needed === undefined) {
    let n = 0;
    // a rule that asked for more than a thousand would be a bug; the card then says nothing wrong
    while (n < 1000 && countProblem('a', n) !== null) n++;
    needed = n;
  }
  return needed;
}

/** The card's line for class `name` with `count` images, or null when the count is enough. */
export function cardShortfall(name: string, count: number): string | null {
  if (countProblem(name, count) === null) return null;
  const need = imagesNeeded();
  return `Needs at least ${need} images to train: add ${count === 0 ? need : `${need - count} more`}.`;
}
