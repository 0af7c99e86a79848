/**
 * When a kept model was trained, as a person says it: "trained today at 14:05", "trained yesterday
 * at 09:12", "trained on Monday at 08:00", else the date. A model read back from storage (a reload,
 * New project's Undo, the other model offered back) was named by a full locale timestamp,
 * "trained on 23/04/2025, 14:05:03", to be decoded against the clock.
 *
 * Not "5 minutes ago": the name is made once, when the model is read back, and stays on the page
 * for as long as it answers; a time of day stays true, a count of minutes goes stale.
 * `locale`: the page's own when unset (tests fix it).
 */
export function trainedWhen(savedAt: string, now: Date = new Date(), locale?: string): string {
  const d = new Date(savedAt);
  if (Number.isNaN(d.getTime())) return 'trained earlier';
  const time = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  // calendar days, counted at local noon so a daylight-saving change does not shift one
  const noon = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate(), 12).getTime();
  const days = Math.round((noon(now) - noon(d)) / 86_400_000);
  if (days === 0) return `trained today at ${time}`;
  if (days === 1) return `trained yesterday at ${time}`;
  // a later day (a clock set back) or one over a week ago: the date itself, never a wrong weekday
  if (days > 1 && days < 7) return `trained on ${d.toLocaleDateString(locale, { weekday: 'long' })} at ${time}`;
  return `trained on ${d.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}
