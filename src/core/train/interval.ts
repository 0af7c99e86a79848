/**
 * Wilson score interval for a proportion (95% by default): `correct` right out of `n`. Unlike the
 * normal approximation it stays inside [0, 1] and is honest at 100% on a small validation set.
 */
export function wilsonInterval(correct: number, n: number, z = 1.959964): [number, number] {
  if (n <= 0) return [0, 1];
  const p = correct / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Two accuracies on sets of these sizes cannot be told apart when each lies in the other's interval. */
export function indistinguishable(a: { accuracy: number; n: number }, b: { accuracy: number; n: number }): boolean {
  const [alo, ahi] = wilsonInterval(Math.round(a.accuracy * a.n), a.n);
  const [blo, bhi] = wilsonInterval(Math.round(b.accuracy * b.n), b.n);
  return (a.accuracy >= blo && a.accuracy <= bhi) || (b.accuracy >= alo && b.accuracy <= ahi);
}
