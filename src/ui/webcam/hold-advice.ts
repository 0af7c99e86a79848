import { oneHold } from '../../core/data/frame-name';

/**
 * What the capture panel says of a class recorded in one hold and nothing else: the split keeps a
 * hold whole (core/data/grouped-split.ts), so such a class validates on the last frames of the very
 * recording it trains on. Said before training, where a second hold costs a few seconds; the health
 * check says it too, later. Null once the class has a second hold or any other image.
 */
export function holdAdvice(className: string, fileNames: readonly string[]): string | null {
  if (!oneHold(fileNames)) return null;
  return `All of ${className ? `"${className}"` : 'this class'} is one hold so far: record it again in a second hold (another angle, place or light), so that its validation images are not frames of the same recording it trains on.`;
}
