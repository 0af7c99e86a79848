/**
 * The refusal of a head-only export while another backbone is loaded. Its text crosses the worker
 * boundary as an error message, so the page reads the backbone back out of it with the same words
 * (kept here, apart from the zip reader, so the page does not load tfjs for them).
 */
const HEAD_FOR = 'This is a head-only export for the backbone ';

export function headForOtherBackbone(id: string): string {
  return `${HEAD_FOR}${id}: load that backbone first, then import it again (or import the full model zip).`;
}

/** The backbone a refused head-only import was made for, from the refusal's message; null for any other error. */
export function headOnlyForIn(message: string): string | null {
  const at = message.indexOf(HEAD_FOR);
  return at < 0 ? null : message.slice(at + HEAD_FOR.length).split(':')[0] || null;
}
