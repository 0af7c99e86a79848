/** One image with a content fingerprint (a hash of its bytes). */
export interface FingerprintedImage {
  name: string;
  /** index into the class names */
  label: number;
  fingerprint: string;
}

const SHOWN = 5;

/**
 * The same bytes filed twice: across classes the model is taught two answers for one picture,
 * within a class a copy can land in validation and flatter the accuracy. Both are allowed (real
 * datasets have a few) but named, one line per picture.
 */
export function duplicateWarnings(classes: readonly string[], images: readonly FingerprintedImage[]): string[] {
  const groups = new Map<string, FingerprintedImage[]>();
  for (const img of images) {
    const list = groups.get(img.fingerprint);
    if (list) list.push(img);
    else groups.set(img.fingerprint, [img]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const where = group.map((g) => `"${g.name}" (${classes[g.label]})`).join(', ');
    const labels = new Set(group.map((g) => g.label));
    lines.push(
      labels.size > 1
        ? `The same image is in ${labels.size} classes: ${where}. The model is taught two answers for one picture; keep it in one class.`
        : `The same image is in "${classes[group[0].label]}" ${group.length} times: ${where}. A copy can land in validation and flatter the accuracy.`,
    );
  }
  if (lines.length > SHOWN) return [...lines.slice(0, SHOWN), `…and ${lines.length - SHOWN} more duplicated images.`];
  return lines;
}

/** Without a content hash: size, name and date (weaker, never wrong about different sizes). */
export const weakFingerprint = (file: File) => `${file.size}:${file.name}:${file.lastModified}`;
