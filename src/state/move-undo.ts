import type { ProjectState, PutBack } from './project';
import { currentProject } from './project-generations';
import { editableNow, plural } from './project-undo-context';
import type { Move, SavedUndo } from './saved-undo';
import type { UndoOffer } from './undo';
import { expectBack, hold } from './undo-places';

/**
 * The undo of images moved to another class (state/project-undo.ts moveImages), from its stored
 * description (a reload rebuilds it from there too).
 */

/** the class a move put the image in (absent in undos stored before: not checked) */
export type MadeMove = Move & { toClassId?: string };

export function moveOffer(
  saved: Extract<SavedUndo, { kind: 'move' }>,
  project: () => ProjectState,
): UndoOffer<SavedUndo> {
  const made = saved.made ?? currentProject();
  const moves: MadeMove[] = saved.moves;
  const held = moves.map((m) => m.id);
  hold(held, 1);
  expectBack(
    made,
    saved.classes ?? [],
    moves.map((m) => ({ ...m, classId: m.fromClassId })),
  );
  return {
    label: saved.label,
    saved,
    heldImages: [],
    undo() {
      const { classes, putBack, setNotice } = editableNow(made, project);
      const found = new Map(classes.flatMap((c) => c.images.map((i) => [i.id, { image: i, in: c.id }] as const)));
      // undone oldest first, a later move's image went back to where this one found it, not to where it came from
      const again = moves.filter(
        (m) => m.toClassId !== undefined && found.has(m.id) && found.get(m.id)!.in !== m.toClassId,
      );
      if (again.length)
        throw new Error(
          again.length === 1
            ? `${found.get(again[0].id)!.image.file.name} was moved again since: undo that move first`
            : `${again.length} of its images were moved again since: undo those moves first`,
        );
      const places = new Map((saved.classes ?? []).map((c) => [c.id, c]));
      let homeless = false;
      const items = moves.flatMap((m): PutBack[] => {
        const image = found.get(m.id)?.image;
        // a class deleted since comes back where it was, under its name then
        const name = classes.find((c) => c.id === m.fromClassId)?.name ?? places.get(m.fromClassId)?.name;
        if (image && name === undefined) homeless = true;
        return image && name !== undefined
          ? [{ image, classId: m.fromClassId, className: name, index: m.index, after: m.after, before: m.before }]
          : [];
      });
      // refused rather than reported done with nothing moved: the toast stays, saying what to undo first
      if (homeless) throw new Error('the class they came from was deleted since: undo that deletion first');
      if (!items.length) throw new Error('the images it moved were deleted since: undo that deletion first');
      const before = project().notice;
      putBack(
        items,
        [...places.values()].filter((p) => items.some((i) => i.classId === p.id)),
      );
      hold(held, -1);
      // the ones deleted since stay with that deletion's undo, which puts them back where they were deleted from
      const gone = moves.length - items.length;
      // after what putBack said (a class that came back under another name), not instead of it
      const said = project().notice;
      const renamed = said !== before ? said : null;
      if (gone)
        setNotice(
          [
            renamed,
            `Undone: ${saved.label}, except ${plural(gone, 'image')} deleted since, which ${gone === 1 ? 'was' : 'were'} not moved back.`,
          ]
            .filter(Boolean)
            .join('. '),
        );
    },
    finalise: () => hold(held, -1),
  };
}
