import { useMemo } from 'react';
import { useProject } from '../state/project';
import { heldUnreadableNotice, unreadableIn } from '../state/project-intake';
import { deleteImages } from '../state/project-undo';
import { handingFocusOn } from './focus-after-removal';
import { useProjectLock } from './useRunLock';

/** Takes the images named unreadable out of the project, with the undo a thumbnail's × offers. */
export function removeUnreadable(): void {
  const { classes, unreadable } = useProject.getState();
  const ids = unreadableIn(classes, unreadable).map((f) => f.id);
  if (ids.length) deleteImages(ids);
}

/**
 * A project saved or zipped before the intake refused such files may hold images whose bytes no
 * decoder here can use (state/project.ts `unreadable`): named as soon as it is restored or opened,
 * rather than only when a run ends, with the fix beside them.
 */
export function UnreadableImages() {
  const classes = useProject((s) => s.classes);
  const unreadable = useProject((s) => s.unreadable);
  const locked = useProjectLock();
  const found = useMemo(() => unreadableIn(classes, unreadable), [classes, unreadable]);
  const n = found.length;
  // there before any words, as the panel's notice is: a live region that comes with its words is often not read
  return (
    <p role="status" className={n ? 'notice' : 'visually-hidden'}>
      {n > 0 && (
        <>
          {heldUnreadableNotice(found)}{' '}
          <button
            type="button"
            className="remove-unreadable"
            // the button goes with the images: the focus goes to the Data step
            onClick={handingFocusOn('.panel', '.remove-unreadable', '#step-data', removeUnreadable)}
            disabled={!!locked}
            title={locked ?? undefined}
          >
            Remove {n} unreadable image{n === 1 ? '' : 's'}
          </button>
        </>
      )}
    </p>
  );
}
