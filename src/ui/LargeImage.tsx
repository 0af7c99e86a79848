import { useEffect, useRef } from 'react';
import type { ProjectImage } from '../state/project';
import { uiFault } from './ui-faults';

/** One image at full size in its own dialog; arrows step through the images shown in the grid. */
export function LargeImage({
  image,
  caption,
  position,
  onStep,
  onClose,
}: {
  image: ProjectImage;
  caption: string;
  position: string;
  onStep(delta: number): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // React's autoFocus ran while the dialog was still closed: showModal then focused its first
    // button (Previous), not Close
    closeButton.current?.focus();
    return () => d?.close();
  }, []);
  if (uiFault('crash-large-view')) throw new Error(`test hook: the large view of ${image.file.name} crashed`);
  // closed before it goes: a modal dialog taken out of the page while open gives the focus back to
  // nothing, and the review dialog under it lost it to the page's body
  const close = () => {
    ref.current?.close();
    onClose();
  };
  return (
    <dialog
      ref={ref}
      className="large-image"
      aria-label={`${image.file.name}, large`}
      onCancel={(e) => (e.preventDefault(), close())}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') onStep(1);
        if (e.key === 'ArrowLeft') onStep(-1);
      }}
    >
      <img src={image.url} alt={image.file.name} />
      <p>
        {image.file.name} · {caption} · {position}
      </p>
      <div className="row">
        <button type="button" onClick={() => onStep(-1)} aria-label="Previous image">
          ←
        </button>
        <button type="button" onClick={() => onStep(1)} aria-label="Next image">
          →
        </button>
        <button type="button" ref={closeButton} onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
