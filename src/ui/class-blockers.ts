import { datasetProblems, MIN_CLASS_IMAGES } from '../core/data/problems';

/** The id of a class's card: the Train step's words about a class link to it. */
export const classCardId = (classId: string): string => `class-card-${classId}`;

/**
 * What holds training back in class `name` by its image count alone, in the Train step's words, or
 * null: datasetProblems' own message for it, so the card's link and the list never disagree.
 */
export function countProblem(name: string, count: number): string | null {
  if (count >= MIN_CLASS_IMAGES) return null;
  // the class's other problems (no name) are the same with plenty of images: its count's is the one left
  const plenty = new Set(datasetProblems([name], [MIN_CLASS_IMAGES]));
  return datasetProblems([name], [count]).find((p) => !plenty.has(p)) ?? null;
}

/** The card's line for class `name` with `count` images, or null when the count is enough. */
export function cardShortfall(name: string, count: number): string | null {
  // the Train step's blocker decides: the card speaks exactly when the Train step links to it
  if (countProblem(name, count) === null) return null;
  const need = MIN_CLASS_IMAGES;
  return `Needs at least ${need} images to train: add ${count === 0 ? need : `${need - count} more`}.`;
}
