import { useState, type DragEvent } from 'react';
import { filesFromDrop, type DropRead } from './dropFiles';
import { dropFailed } from './folderAdding';

/**
 * Whether a dragleave takes the pointer out of the zone. Moving onto one of the zone's own children
 * fires dragleave on the zone (after the child's dragenter): that one is not leaving, or the
 * highlight flickered off over every thumbnail and link of a card. A leave with no related target
 * (out of the window) leaves.
 */
export function leavesZone<T>(zone: { contains(other: T): boolean }, related: T | null): boolean {
  return !(related && zone.contains(related));
}

/**
 * Drag-and-drop handlers for an element that takes files, with a highlight while dragging over.
 * `onFiles` gets the files dropped, system files left out, and what the drop held (their folders,
 * and what could not be read) for an element that treats folders its own way.
 */
export function useDropZone(
  onFiles: (files: File[], read: DropRead) => void | Promise<void>,
  /** where a failed drop is said: the Data step's notice unless the element says it itself */
  onFailed: (err: unknown) => void = dropFailed,
  /** heard as a drop's folders start being read, and with false once read (a large folder takes seconds) */
  onReading?: (reading: boolean) => void,
) {
  const [over, setOver] = useState(false);
  const stop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  return {
    over,
    /** the highlight off, for an element that handles the drop itself */
    end: () => setOver(false),
    handlers: {
      onDragEnter: (e: DragEvent) => (stop(e), setOver(true)),
      onDragOver: stop,
      onDragLeave: (e: DragEvent) => {
        if (leavesZone<Node>(e.currentTarget, e.relatedTarget instanceof Node ? e.relatedTarget : null)) setOver(false);
      },
      onDrop: async (e: DragEvent) => {
        stop(e);
        setOver(false);
        // nobody awaits a drop's handler: a failure would otherwise go without a word
        try {
          onReading?.(true);
          const read = await filesFromDrop(e.dataTransfer).finally(() => onReading?.(false));
          await onFiles(
            read.files.map((d) => d.file),
            read,
          );
        } catch (err) {
          onFailed(err);
        }
      },
    },
  };
}
