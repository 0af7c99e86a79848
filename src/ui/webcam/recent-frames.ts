import { frameOrder, holdOf } from '../../core/data/frame-name';

/** the most frames the capture panel pictures after a recording (a row on a phone) */
export const RECENT_SHOWN = 8;

/**
 * The frames of the last recording still in the class, newest first: the `shown` few and how many
 * there are. Read from the frames' names (core/data/frame-name.ts) rather than kept apart, so a
 * frame deleted or moved since drops out. Two holds begun in the same second share a name's stamp:
 * no more than the `recorded` frames the store counted for the last one.
 */
export function recentFrames<T extends { file: { name: string } }>(
  images: readonly T[],
  recorded: number,
  most = RECENT_SHOWN,
): { shown: T[]; total: number } {
  const frames: { image: T; order: string }[] = [];
  for (const image of images) {
    const order = frameOrder(image.file.name);
    if (order !== undefined) frames.push({ image, order });
  }
  frames.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
  const hold = frames.length ? holdOf(frames[0].image.file.name) : undefined;
  const last = frames.filter((f) => holdOf(f.image.file.name) === hold).slice(0, recorded);
  return { shown: last.slice(0, most).map((f) => f.image), total: last.length };
}
