import { useEffect, useId, useRef } from 'react';

/**
 * A modal question before an action that replaces the whole project (native <dialog>: focus moves
 * into it and stays there, Escape cancels, focus returns to the button that opened it).
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={onCancel}
    >
      <h2 id={titleId}>{title}</h2>
      <p>{children}</p>
      <div className="row">
        <button type="button" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="ghost" onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
