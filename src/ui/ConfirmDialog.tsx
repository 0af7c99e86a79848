import { useEffect, useId, useRef } from 'react';
import { WaitingButton } from './WaitingButton';

/**
 * A modal question before an action that replaces the whole project (native <dialog>: focus moves
 * into it and stays there, Escape cancels, focus returns to the button that opened it).
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  danger,
  onConfirm,
  onCancel,
  also,
}: {
  title: string;
  children: React.ReactNode;
  confirm: string;
  /** the answer throws work away (the project replaced): styled apart from Cancel, not as any button */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /**
   * An answer that keeps the question open (Download project first): it runs beside the dialog, and
   * the confirm waits while it does (`waiting`, said by `waitingWords`), the focus kept on it.
   */
  also?: { label: string; onClick(): void; waiting: boolean; waitingWords: string };
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  // the question's reason is read with its title: the focus goes to Cancel, which says nothing of it
  const bodyId = useId();
  const waitId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // the safe answer has the focus: showModal gave it to the first button, the one that replaces the
    // project (React's autoFocus had focused Cancel before the dialog opened)
    cancel.current?.focus();
    return () => d?.close();
  }, []);
  // closed before the answer unmounts it: a modal dialog taken out of the page while open gives the
  // focus back to nothing (Cancel left it on the page, not on the button that opened the dialog)
  const closing = (answer: () => void) => () => {
    if (ref.current?.open) ref.current.close();
    answer();
  };
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={closing(onCancel)}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{children}</p>
      <div className="row">
        <WaitingButton
          className={danger ? 'danger' : undefined}
          waiting={!!also?.waiting}
          aria-describedby={also?.waiting ? waitId : undefined}
          onClick={closing(onConfirm)}
        >
          {confirm}
        </WaitingButton>
        {also && (
          <WaitingButton waiting={also.waiting} onClick={also.onClick}>
            {also.label}
          </WaitingButton>
        )}
        <button ref={cancel} type="button" className="ghost" onClick={closing(onCancel)}>
          Cancel
        </button>
      </div>
      {also?.waiting && (
        <p id={waitId} role="status" className="hint">
          {also.waitingWords}
        </p>
      )}
    </dialog>
  );
}
