/**
 * The order of class folders, the same in the studio and the CLI: a class's index is its place in
 * this order, and the studio (localeCompare) and the CLI (code units) once gave one folder tree
 * other indices ("class10" before "class2" in one), so an exported model's labels differed.
 * Numbers in names go by their value and letters regardless of case, as file managers list
 * folders; no locale is read, so the page and Node agree whatever their language.
 */
export function compareNames(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = comparePart(x[i], y[i]);
    if (d) return d;
  }
  if (x.length !== y.length) return x.length - y.length;
  // names alike but for case or leading zeros still need a place of their own
  return a < b ? -1 : a > b ? 1 : 0;
}

const parts = (name: string) => name.match(/\d+|\D+/g) ?? [];

function comparePart(p: string, q: string): number {
  const digits = /^\d/;
  if (digits.test(p) && digits.test(q)) {
    // by value, without the precision a Number loses past 2^53
    const m = p.replace(/^0+/, '');
    const n = q.replace(/^0+/, '');
    if (m.length !== n.length) return m.length - n.length;
    return m < n ? -1 : m > n ? 1 : 0;
  }
  const m = p.toLowerCase();
  const n = q.toLowerCase();
  return m < n ? -1 : m > n ? 1 : 0;
}
