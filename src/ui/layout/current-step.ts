import { STEPS, type StepId } from './steps';

/** A step's box on screen (getBoundingClientRect's top and bottom). */
export interface StepBox {
  id: StepId;
  top: number;
  bottom: number;
}

/**
 * Where the reader is reading: a little below the step bar's bottom. The step bar, not the header:
 * on a phone (and at 200% zoom) the header scrolls away and only the step bar stays, so a line
 * under the header was thousands of pixels above the screen and Data stayed current.
 */
export const readingLine = (stepBarBottom: number): number => stepBarBottom + 24;

/**
 * The step being read: the lowest one whose top has passed the reading line (the last, should two
 * touch). Data only above the first step (the page's top). Asked for a step the line crosses, the
 * gap between two steps' panels had none, and a phone reading Evaluate showed Data marked.
 */
export function currentStep(lineY: number, boxes: readonly StepBox[]): StepId {
  let seen: StepBox | null = null;
  for (const box of boxes) if (box.top <= lineY && (!seen || box.top >= seen.top)) seen = box;
  return seen?.id ?? 'data';
}

/** as much of an element as the step bar reads of it (an Element; a plain object in the tests) */
export interface FocusedElement {
  closest(selector: string): { getAttribute(name: string): string | null } | null;
}

/**
 * The step the focus has come into, to mark as current (null: leave the mark as it is). The focus
 * tells where a keyboard user is: Tab on from a step picked in the bar (the skip link, "train one")
 * left that step marked while the focus went through the steps after it. The bar's own links are
 * no step; nor is the element that had the focus last, given it back (a window brought to the front
 * again, after the reader had scrolled away from it).
 */
export function stepOfFocus(target: FocusedElement | null, lastFocused: FocusedElement | null): StepId | null {
  if (!target || target === lastFocused || target.closest('nav.steps')) return null;
  const step = target.closest('[data-step]')?.getAttribute('data-step');
  return (STEPS as readonly string[]).includes(step ?? '') ? (step as StepId) : null;
}

/** as much of a key's target as says whether the key is its own (an Element; a plain object in the tests) */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
}

const SCROLL_KEYS = ['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' '];
/** inputs whose keys are Space alone (a press); the other input types keep the arrows, Home and End too */
const PRESSED_INPUTS = ['checkbox', 'button', 'submit', 'reset', 'file', 'image', 'color'];
/** roles that are pressed with Space and let the arrows scroll */
const PRESSED_ROLES = ['button', 'checkbox', 'switch'];
/** composite widgets: the arrows, Home and End move inside them */
const WIDGET_ROLES = [
  'grid',
  'listbox',
  'menu',
  'menubar',
  'menuitem',
  'option',
  'radio',
  'radiogroup',
  'scrollbar',
  'slider',
  'spinbutton',
  'tab',
  'tablist',
  'tree',
  'treegrid',
];

/**
 * Whether a key scrolls the page (the reader moves by hand: the step picked in the bar is no longer
 * the one read), or is the focused control's own: Space pressing a button in Deploy's sticky column,
 * an arrow moving a slider or a radio group, let the mark go off Deploy while the focus stayed in it.
 */
export function keyScrollsPage(key: string, target: KeyTarget | null): boolean {
  if (!SCROLL_KEYS.includes(key)) return false;
  if (!target) return true;
  const tag = target.tagName.toLowerCase();
  if (target.isContentEditable || tag === 'textarea' || tag === 'select') return false;
  if (tag === 'input') return PRESSED_INPUTS.includes((target.type ?? 'text').toLowerCase()) && key !== ' ';
  if (key === ' ' && (tag === 'button' || tag === 'summary')) return false;
  const role = target.getAttribute('role');
  if (role && PRESSED_ROLES.includes(role)) return key !== ' ';
  return !(role && WIDGET_ROLES.includes(role));
}
