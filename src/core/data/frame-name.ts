/**
 * The file names webcam frames get, and the hold a frame came from read back from its name. The
 * name is all that survives a reload, a project zip and the CLI reading an unzipped project, so
 * the split (data/grouped-split.ts) reads holds from names: the frames of one hold are nearly the
 * same picture, and a split that put some on each side validated on copies of training images.
 */

/** `webcam-<hold stamp>-<frame number>.jpg`; the stamp is the time the hold began (20240131-235959). */
export const frameName = (holdStamp: string, frame: number): string => `webcam-${holdStamp}-${frame}.jpg`;

// a project zip stores images as <m>-<file name>, which the CLI reads when the zip is unzipped
const FRAME_NAME = /^(?:\d+-)?webcam-(\d{8}-\d{6})-(\d+)\.jpe?g$/i;

/**
 * The hold a webcam frame belongs to (`webcam-<stamp>`), or undefined for any other name. Two holds
 * begun within the same second read as one: kept together, they stay on one side, which is the
 * safe way to be wrong.
 */
export function holdOf(fileName: string): string | undefined {
  const m = FRAME_NAME.exec(fileName);
  return m ? `webcam-${m[1]}` : undefined;
}

/**
 * Where a webcam frame comes in the order frames were taken (strings that sort as the frames were
 * taken: hold stamp, then frame number), or undefined for any other name. A class's order in the
 * project is not it: frames moved to another class and back come last.
 */
export function frameOrder(fileName: string): string | undefined {
  const m = FRAME_NAME.exec(fileName);
  return m ? `${m[1]}:${m[2].padStart(12, '0')}` : undefined;
}

/** Whether these files (a class's) are two or more frames of one hold and nothing else. */
export function oneHold(fileNames: readonly string[]): boolean {
  if (fileNames.length < 2) return false;
  const holds = new Set(fileNames.map(holdOf));
  return holds.size === 1 && !holds.has(undefined);
}
