import { useEffect, useState } from 'react';
import {
  dismissUndo,
  newestUndoable,
  pauseUndo,
  resumeUndo,
  runUndo,
  startListening,
  useUndo,
  type UndoEntry,
} from '../state/undo';
import './review.css';
import { handingFocusOn } from './focus-after-removal';
import { WaitingButton } from './WaitingButton';
import { isUndoKey, TOASTS_SHOWN, toastStack } from './toast-stack';
import { keepsOwnUndo } from './undo-key';

/**
 * The pending undos, newest last, each with Undo and Dismiss. A toast keeps its undo while it has
 * focus or the pointer; Ctrl+Z (outside text entry: keepsOwnUndo) undoes the newest not being undone
 * already. A modal dialog that offers undoable actions (the image review) shows them inside itself:
 * the page behind is inert.
 */
export function UndoToasts({ inDialog = false }: { inDialog?: boolean }) {
  const entries = useUndo((s) => s.entries);
  const said = useUndo((s) => (s.listening ? s.said : null));
  useEffect(startListening, []);
  const shownElsewhere = useUndo((s) => s.inDialog !== inDialog);
  useEffect(() => {
    if (!inDialog) return;
    useUndo.setState({ inDialog: true });
    return () => useUndo.setState({ inDialog: false });
  }, [inDialog]);
  useEffect(() => {
    if (inDialog) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isUndoKey(e)) return;
      if (keepsOwnUndo(e.target as HTMLInputElement | null)) return;
      const newest = newestUndoable();
      if (!newest) return;
      e.preventDefault();
      void runUndo(newest.id);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [inDialog]);
  // a toast goes once undone or dismissed: the focus goes to the next toast's same button, else to
  // what the undos are about (the images: the Data step, or the review's grid in its dialog)
  const handingOn = (peers: string, action: () => unknown) =>
    handingFocusOn('.undo-toasts', peers, inDialog ? 'dialog[open] [role="listbox"]' : '#step-data', action);
  if (shownElsewhere) return null;
  return (
    <>
      {/* one live region, there before any toast: it says each offer as it comes */}
      <p role="status" className="visually-hidden">
        {said && <span key={said.id}>{said.text}</span>}
      </p>
      {entries.length > 0 && <Toasts entries={entries} handingOn={handingOn} />}
    </>
  );
}

export function Toasts({
  entries,
  handingOn,
}: {
  entries: UndoEntry[];
  handingOn: (peers: string, action: () => unknown) => (e: { currentTarget: HTMLElement }) => void;
}) {
  const [unfolded, setUnfolded] = useState(false);
  const { shown, folded } = toastStack(entries, unfolded);
  return (
    <section className="undo-toasts" aria-label="Undo">
      {(folded > 0 || unfolded) && entries.length > TOASTS_SHOWN && (
        <button type="button" className="undo-more" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? 'Show only the newest undos' : `Show ${folded} older ${folded === 1 ? 'undo' : 'undos'}`}
        </button>
      )}
      {shown.map((e) => (
        <div
          key={e.id}
          className="undo-toast"
          role="group"
          aria-labelledby={`${e.id}-label`}
          onFocus={() => pauseUndo(e.id)}
          onBlur={() => resumeUndo(e.id)}
          onPointerEnter={() => pauseUndo(e.id)}
          onPointerLeave={() => resumeUndo(e.id)}
        >
          <span id={`${e.id}-label`}>
            {e.label}
            {e.state === 'failed' && `: undo failed (${e.error})`}
          </span>
          <WaitingButton
            className="undo-run"
            onClick={handingOn('.undo-run', () => runUndo(e.id))}
            waiting={e.state === 'undoing'}
            aria-keyshortcuts="Control+Z"
          >
            {e.state === 'undoing' ? 'Undoing…' : 'Undo'}
          </WaitingButton>
          <button
            type="button"
            className="ghost undo-dismiss"
            onClick={handingOn('.undo-dismiss', () => dismissUndo(e.id))}
            aria-label={`Dismiss: ${e.label}`}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
