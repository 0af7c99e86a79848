import { create } from 'zustand';
import { say } from './undo-words';

/**
 * The undo store the toasts draw (ui/UndoToasts.tsx): one entry per pending undo, and the one live
 * region's words. What the page keeps of each undo beside its entry is in undo-held.ts; the store's
 * face, which every other module imports, is undo.ts.
 */

export interface UndoEntry {
  id: string;
  label: string;
  expiresAt: number;
  /** set while the undo runs; a failure is shown in the toast */
  state: 'pending' | 'undoing' | 'failed';
  error?: string;
  /**
   * no Undo is offered after its failure, only closing it: the reason will not pass
   * (NoLongerUndoable), or not until the project it belongs to is back
   */
  withoutUndo?: 'for good' | 'until its project is back';
  /** held by the pointer or the focus on its toast: its time does not run */
  paused?: boolean;
  /**
   * it belongs to a project that New or Open project replaced: no toast, no Ctrl+Z, until that
   * project is back (its replacement undone); its time runs meanwhile
   */
  otherProject?: boolean;
}

interface UndoState {
  entries: UndoEntry[];
  /**
   * what the toasts' one live region says: the newest offer, or an undo's failure. A toast appearing
   * with its text already in it is a new live region, which screen readers often pass over.
   */
  said: { id: number; text: string } | null;
  /** a modal dialog is open that shows the toasts itself (the page behind it is inert) */
  inDialog: boolean;
  /**
   * the live region is on the page: what was said before (undos revived at start-up) is said again
   * once it is, into a region already there, not with the region's first render
   */
  listening: boolean;
}

export const useUndo = create<UndoState>(() => ({ entries: [], said: null, inDialog: false, listening: false }));

/** Said in the toasts' live region: an offer's words held back (undo-words.ts), with the account of its action. */
export const sayUndo = (text: string): void => useUndo.setState(say(text));

/** The toasts' live region is mounted: anything said before it was there is said again now. */
export function startListening(): void {
  const { listening, said } = useUndo.getState();
  if (listening) return;
  useUndo.setState({ listening: true, ...(said && say(said.text)) });
}

export const patch = (id: string, p: Partial<UndoEntry>) =>
  useUndo.setState((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, ...p } : e)) }));
