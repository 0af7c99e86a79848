import type { StepId } from './steps';

/** A step's box on screen (getBoundingClientRect's top and bottom). */
export interface StepBox {
  id: StepId;
  top: number;
  bottom: number;
}

/**
 * Where the reader is reading: a little below the step bar's bottom. The step bar, not the header:
 * on a phone (and at 200% zoom) the header scrolls away and only the step bar stays, so a line
 * under the header was thousands of pixels above the screen and Data stayed current.
 */
export const readingLine = (stepBarBottom: number): number => stepBarBottom + 24;

/** The step the reading line crosses (the last one, should two touch); Data when none does (the page's top). */
export function currentStep(lineY: number, boxes: readonly StepBox[]): StepId {
  let seen: StepId = 'data';
  for (const box of boxes) if (box.top <= lineY && box.bottom > lineY) seen = box.id;
  return seen;
}
