// The health check's finding of copies on both sides of the train/validation split (health.ts):
// which groups it takes, and its words.

/**
 * A group of copies with some images in validation and some in training. Such a group is said once,
 * as the split leak: the more telling finding (validation accuracy reads too high), with the same
 * images and the same fix as the duplicate finding that would name it again.
 */
export function straddlesSplit(group: readonly string[], validation: ReadonlySet<string>): boolean {
  const inVal = group.filter((id) => validation.has(id)).length;
  return inVal > 0 && inVal < group.length;
}

/**
 * Copies in one class make validation accuracy look better than it is (the model saw the answer in
 * training). Identical files in other classes are a labelling mistake: one picture cannot be both,
 * and validation counts the model wrong on whichever copy it did not learn. Near duplicates in
 * other classes may be rightly so (two frames of one scene, the subject changed): their labels are
 * to be checked. Either way the fix keeps the first image and removes the rest, whatever its
 * class: the advice says so, so that it is pressed only when that class is the right one.
 */
export function leakMessage(where: readonly (string | undefined)[], listed: string, identical: boolean): string {
  const named = [...new Set(where.filter((c) => c !== undefined))];
  if (named.length < 2)
    return `${identical ? 'Copies' : 'Nearly identical images'} on both sides of the train/validation split make validation accuracy look better than it is: ${listed}.`;
  const count = named.length === 2 ? 'two' : named.length === 3 ? 'three' : `${named.length}`;
  const quoted = named.map((c) => `"${c}"`);
  const names = `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  const kept = quoted[0];
  const inKept = where.filter((c) => c === where[0]).length;
  const noun = identical ? 'copy' : 'image';
  const fix = `the fix keeps ${inKept > 1 ? 'one' : 'the'} ${noun} in ${kept} and removes the other${where.length > 2 ? ` ${where.length - 1}` : ''}`;
  if (!identical)
    return `Nearly identical images in different classes, ${names}, are on both sides of the train/validation split: ${listed}. Check their labels: ${fix}, so use it only if they show the same thing and ${kept} is right.`;
  const inKeptClass = inKept > 1 ? `the copies in ${kept}` : `the copy in ${kept}`;
  return `The same picture is labelled as ${count} classes, ${names}, with copies on both sides of the train/validation split: ${listed}. One of the labels is wrong: ${fix}, so use it only if ${kept} is right; if not, delete ${inKeptClass} instead.`;
}
