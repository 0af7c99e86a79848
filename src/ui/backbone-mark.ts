/**
 * The backbone list's choices made by the arrow keys. The arrows are a keyboard user's only way
 * through radios, and each backbone they passed was loaded (a multi-MB download on the hosted site)
 * and set the trained model aside, stopping the webcam's answers: an arrow now only marks the
 * option, and Enter, Space or its Use button loads it. A click or a tap is a deliberate pick and
 * loads at once, as does a click from assistive technology or voice control (no key behind it).
 */

/** What the change of radio came from. */
export type Via = 'keys' | 'pointer' | 'other';

/** An option marked by the arrows, over the backbone that was chosen when it was marked. */
export interface Mark {
  id: string;
  over: string;
}

/** What a radio's change does: load the backbone, only mark it, or give up the mark (back on the chosen one). */
export function onChoice(id: string, selected: string, via: Via): 'load' | 'mark' | 'unmark' {
  if (id === selected) return 'unmark';
  return via === 'keys' ? 'mark' : 'load';
}

/** What a key pressed on the marked option does. */
export function markKey(key: string): 'load' | 'unmark' | null {
  if (key === 'Enter' || key === ' ') return 'load';
  return key === 'Escape' ? 'unmark' : null;
}

/**
 * The option shown marked, or null: a mark goes once another backbone is chosen some other way (an
 * undo, Switch back, a project opened), and while the list is locked (a run trains on the loaded one).
 */
export function markedChoice(mark: Mark | null, selected: string, locked: boolean): string | null {
  if (!mark || locked || mark.over !== selected || mark.id === selected) return null;
  return mark.id;
}

/** The words beside a marked option: `inUse`, the backbone loaded; `modelAside`: loading another sets a trained model aside. */
export function markWords(inUse: string | null, modelAside: boolean): string {
  const words = ['Not loaded yet: press Enter or the Use button to load it.'];
  if (inUse) words.push(`${inUse} stays in use until then.`);
  if (inUse && modelAside)
    words.push(`Loading it sets your trained model aside: picking ${inUse} again brings it back.`);
  return words.join(' ');
}
