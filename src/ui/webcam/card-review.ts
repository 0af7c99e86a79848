import { classCardId } from '../class-blockers';

/**
 * The class card's own "Review all N images" button (ClassCard), found on the page: the card holds
 * whether its review is open, and pressed, that button opens it the card's way (one review, the
 * focus back on what opened it when it closes). Null while the card shows no images.
 */
export const cardReviewButton = (classId: string): HTMLElement | null =>
  document.getElementById(classCardId(classId))?.querySelector<HTMLElement>('button[aria-label^="Review"]') ?? null;

/** Opens the class's review from inside its card (the card's recorder): whether there was one to open. */
export function openCardReview(classId: string): boolean {
  const button = cardReviewButton(classId);
  button?.click();
  return !!button;
}
