import { classNameProblem, cleanName } from '../core/data/problems';
import { fitName, NAME_LIMITS } from '../core/project/record';
import { useProject } from '../state/project';

// A class's name as it is typed and as its field is left (ui/ClassCard.tsx).

/**
 * A name typed into class `id`'s field: a notice that asked for it ("give it its name", "it kept …")
 * goes, leaving what else it said. It stayed up through training. Gone as the name is typed, not when
 * the field is left: the page moving up under a click on Remove dropped that click.
 */
export function typedClassName(id: string): void {
  const s = useProject.getState();
  const asked = s.noticeAbout;
  if (asked?.id === id && s.notice === asked.text) s.setNotice(asked.rest);
}

/**
 * Leaving a class's name field. A name made empty or another class's there goes back to the one it
 * had (`before`), said in the notice, so "Move to", a dropped folder of that name and the exported
 * labels never meet two classes of one name; any other is kept without spaces around it and
 * composed (see cleanName). renameClass keeps each key as typed: a space between two words is
 * typed as a trailing one first.
 */
export function leaveClassName(id: string, before: string): void {
  const s = useProject.getState();
  const at = s.classes.findIndex((c) => c.id === id);
  if (s.locked || at < 0) return;
  const name = s.classes[at].name;
  const problem = classNameProblem(
    s.classes.map((c) => c.name),
    at,
  );
  if (!problem) {
    const clean = fitName(cleanName(name), NAME_LIMITS.className);
    if (clean !== name) s.renameClass(id, clean);
    return;
  }
  // a clash the field was opened with (two folders dropped so) stays for the person to settle
  if (name === before) return;
  const typed = cleanName(name);
  s.renameClass(id, before);
  s.setNotice(
    typed
      ? `"${typed}" is another class's name: the class kept its name "${before}".`
      : `A class needs a name: it kept "${before}".`,
    { id, rest: null },
  );
}

/**
 * Enter and Escape in class `id`'s name field, as in Create ML and a file manager's rename: Enter
 * settles the name as leaving the field does (tidied, or put back and said), Escape puts back the
 * name the field was entered with (`before`). The focus stays in the field. Returns the name the
 * field holds now, which the next Escape goes back to; null for any other key (not handled).
 */
export function classNameKey(key: string, id: string, before: string): string | null {
  if (key === 'Enter') leaveClassName(id, before);
  else if (key === 'Escape') {
    const s = useProject.getState();
    const now = s.classes.find((c) => c.id === id)?.name;
    if (s.locked || now === undefined) return null;
    if (now !== before) s.renameClass(id, before);
  } else return null;
  return useProject.getState().classes.find((c) => c.id === id)?.name ?? before;
}
