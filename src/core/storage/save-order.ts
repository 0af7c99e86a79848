// Which of two saved project records wins, and the order the autosave writes image files in.

/** The later of two stored records (by savedAt); the pending one only if it is a record at all. */
export function newer(stored: unknown, pending: unknown): unknown {
  const at = (r: unknown) =>
    r && typeof r === 'object' && typeof (r as { savedAt?: unknown }).savedAt === 'string'
      ? Date.parse((r as { savedAt: string }).savedAt)
      : -Infinity;
  return at(pending) > at(stored) ? pending : stored;
}

/** One item of each list in turn, so a quota that stops the saving leaves every class some images. */
export function takingTurns<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const total = lists.reduce((n, l) => n + l.length, 0);
  for (let k = 0; out.length < total; k++) for (const l of lists) if (k < l.length) out.push(l[k]);
  return out;
}
