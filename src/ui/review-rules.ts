import type { ReviewFacts } from '../core/data/review';

/** "1 image", "3 images" */
export const imageCount = (n: number): string => `${n} image${n === 1 ? '' : 's'}`;

/** "Review all 3 images", and for one "Review 1 image" ("all 1 images" read as a slip): the class card's words, and its recorder's */
export const reviewAll = (count: number) => (count === 1 ? 'Review 1 image' : `Review all ${imageCount(count)}`);

/** The review's heading: the class and its images, and how many the filters show when not all. */
export const reviewHeading = (name: string, shown: number, total: number): string =>
  `${name}: ${shown === total ? imageCount(total) : `${shown} of ${imageCount(total)}`}`;

/**
 * What the review says in place of an empty grid: a class emptied here (or never filled) has no
 * images, which no filter explains.
 */
export const emptyGridLine = (name: string, total: number): string =>
  total === 0 ? `${name} has no images.` : `No image of ${name} matches these filters.`;

/**
 * Where the next run puts an image, as the Split filter sorts it: an image the last run could not
 * read is in neither split (the filter's Training leaves it out too).
 */
export function splitCaption(id: string, facts: Pick<ReviewFacts, 'validation' | 'unusable'>): string {
  if (facts.unusable.has(id)) return 'left out: could not be read in the last run';
  return facts.validation.has(id) ? 'validation' : 'training';
}

/** The large view's caption: the class, the split, and what the last run and the health check said of it. */
export const largeCaption = (name: string, id: string, facts: ReviewFacts): string =>
  `${name} · ${splitCaption(id, facts)}${facts.wrong.has(id) ? ' · wrong in the last run' : ''}${facts.flagged.has(id) ? ' · flagged by the health check' : ''}`;

/**
 * What a key in the review's grid does beyond moving and selecting: Ctrl/⌘+A selects every shown
 * image; Delete deletes the selected ones, unless a run holds the project (the Delete button is
 * disabled then, and the key went around it).
 */
export function reviewKeyAction(
  e: { key: string; ctrlKey: boolean; metaKey: boolean },
  { picked, locked }: { picked: number; locked: string | null },
): 'select-all' | 'delete' | null {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') return 'select-all';
  if (e.key === 'Delete' && picked > 0 && !locked) return 'delete';
  return null;
}

const KEYS = 'arrows move, Space selects, Enter or double-click opens large, Ctrl+A selects all, Delete deletes';
const SPLIT = 'Split: as the next run divides the images (seeded).';

/**
 * The review's help line. On a touch screen a tap toggles its image (there is no Ctrl to hold) and
 * the keys matter only with a keyboard attached: the line says so rather than teach clicks.
 */
export const reviewHelp = (touch: boolean): string =>
  touch
    ? `Tap to select or unselect, double-tap to open large. With a keyboard: ${KEYS}. ${SPLIT}`
    : `Click to select, Shift-click for a range, Ctrl-click to add; ${KEYS}. ${SPLIT}`;
