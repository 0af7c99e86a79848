/**
 * The refusal of a head-only export while another backbone is loaded. Its text crosses the worker
 * boundary as an error message, so the page reads the backbone back out of it with the same words
 * (kept here, apart from the zip reader, so the page does not load tfjs for them).
 */
const HEAD_FOR = 'This is a head-only export for the backbone ';
/** a brought backbone's id means nothing to people: it stands last, in brackets, for the page alone */
const ID_AT = '(backbone id ';

/** What the reader knows of the backbone a head names: a built-in one, or one someone brought (and its name if known). */
export interface HeadBackbone {
  builtIn: boolean;
  name?: string | null;
}

export function headForOtherBackbone(id: string, on: HeadBackbone = { builtIn: true }): string {
  if (on.builtIn)
    return `${HEAD_FOR}${id}: load that backbone first, then import it again (or import the full model zip).`;
  const which = on.name ? `"${short(on.name)}", a backbone someone brought` : 'a backbone someone brought';
  return (
    `This is a head-only export for ${which}, which is not loaded. If this browser has it, pick it on the Model step; ` +
    `otherwise bring its model files there ("Bring your own backbone"). Then import this zip again, or import the full model zip instead ${ID_AT}${id}).`
  );
}

const short = (name: string) => {
  const chars = [...name];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : name;
};

/** The backbone a refused head-only import was made for, from the refusal's message; null for any other error. */
export function headOnlyForIn(message: string): string | null {
  const at = message.indexOf(HEAD_FOR);
  if (at >= 0) return message.slice(at + HEAD_FOR.length).split(':')[0] || null;
  const id = message.lastIndexOf(ID_AT);
  return message.includes('This is a head-only export for ') && id >= 0
    ? message.slice(id + ID_AT.length).split(')')[0] || null
    : null;
}
