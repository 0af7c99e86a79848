/**
 * A short fingerprint of a set of labelled images (each image's id and class index, in any order):
 * two runs compare their accuracies only on the same validation images, and the counts alone said
 * "same data" after an image was relabelled, or one deleted and another added. Class indices, not
 * names: a renamed class is the same data. FNV-1a, 32 bits twice (two seeds): enough to tell sets
 * apart, not a security hash.
 */
export function imageSetPrint(images: readonly { id: string; label: number }[]): string {
  const keys = images.map((im) => `${im.id}:${im.label}`).sort();
  return fnv(keys, 0x811c9dc5).toString(16).padStart(8, '0') + fnv(keys, 0x01000193).toString(16).padStart(8, '0');
}

function fnv(keys: readonly string[], seed: number): number {
  let h = seed >>> 0;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    // a separator no id holds: "a:1" + "b:2" is not "a:1b" + ":2"
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
