import { useState, type DragEvent } from 'react';
import { filesFromDrop } from './dropFiles';

/** Drag-and-drop handlers for an element that takes files, with a highlight while dragging over. */
export function useDropZone(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const stop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  return {
    over,
    handlers: {
      onDragEnter: (e: DragEvent) => (stop(e), setOver(true)),
      onDragOver: stop,
      onDragLeave: () => setOver(false),
      onDrop: async (e: DragEvent) => {
        stop(e);
        setOver(false);
        onFiles((await filesFromDrop(e.dataTransfer)).map((d) => d.file));
      },
    },
  };
}
