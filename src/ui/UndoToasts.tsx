import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { focusAfterRemoval, type Landing } from './focus-after-removal';
import { landingAfterUndo } from './undo-origin';
import { WaitingButton } from './WaitingButton';
import { isRedoKey, isUndoKey, TOASTS_SHOWN, toastStack } from './toast-stack';
import { keepsOwnUndo } from './undo-key';
import { usePhone } from './phone';
import { onMac, undoKeyWords } from './mac-keys';
import {
  focusChain,
  focusLeavesStack,
  isReachKey,
  newestToastControl,
  stackCover,
  undoButtonInFocus,
} from './undo-stack-focus';

/**
 * Keeps --undo-cover at how much of the window's bottom the page's stack covers (0 without one):
 * html's scroll-padding-bottom keeps the control the keyboard reaches out from under it.
 */
function useStackCover(on: boolean) {
  return useCallback(
    (el: HTMLElement | null) => {
      if (!el || !on) return;
      const root = document.documentElement;
      const observer = new ResizeObserver(() => {
        const cover = `${stackCover(el.getBoundingClientRect().height)}px`;
        // set only when it changes: a custom property set on the root restyles the whole page
        if (root.style.getPropertyValue('--undo-cover') !== cover) root.style.setProperty('--undo-cover', cover);
      });
      observer.observe(el);
      return () => {
        observer.disconnect();
        root.style.removeProperty('--undo-cover');
      };
    },
    [on],
  );
}

/** How an Undo (`undo`) or × of toast `id` hands the focus on as its toast goes (UndoToasts' handingOn). */
export type HandingOn = (
  peers: string,
  action: () => unknown,
  undo: boolean,
  id?: string,
) => (e: { currentTarget: HTMLElement }) => void;

/**
 * The pending undos, newest last, each with Undo and Dismiss. The undos keep their time while the
 * focus is in the stack, and a toast its own while the pointer is on it; Ctrl+Z or ⌘Z (outside text
 * entry: keepsOwnUndo) undoes the newest not being undone already, Alt+Z takes the focus to the
 * newest toast. A modal dialog that offers undoable actions (the image review) shows them inside itself:
 * the page behind is inert.
 */
export function UndoToasts({ inDialog = false }: { inDialog?: boolean }) {
  const all = useUndo((s) => s.entries);
  // a project New or Open project replaced keeps its undos away until it is back: their Undo could only fail
  const entries = useMemo(() => all.filter((e) => !e.otherProject), [all]);
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
      const typing = keepsOwnUndo(e.target as HTMLInputElement | null);
      if (isReachKey(e, typing)) {
        // the one stack on the page: the dialog's while one shows them, else the page's (none: nothing happens)
        const to = newestToastControl(document.querySelector('.undo-toasts'));
        to?.focus();
        if (to && document.activeElement === to) e.preventDefault();
        return;
      }
      if (typing || !(isUndoKey(e) || isRedoKey(e))) return;
      // outside a text field the keys are the app's alone, with or without something to undo: the
      // browser's own undo reached back into a class name the app had tidied ("Forest " kept as
      // "Forest") and typed it again there ("Forestdigit_0", saved with the project)
      e.preventDefault();
      const newest = isUndoKey(e) ? newestUndoable() : null;
      if (!newest) return;
      const button = undoButtonInFocus(document.querySelector('.undo-toasts'), newest.id, document.activeElement);
      if (button) button.click();
      else void runUndo(newest.id);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [inDialog]);
  // a toast goes once undone or dismissed, and the focus goes back to the work: to what an Undo put
  // back where its action was made (the class card whose Delete it undoes, the results tile or
  // thumbnail the image was deleted from: undo-origin.ts; a gallery that only shows the images put
  // back took it 4,000 px away), else to where it was as it came into the stack, or the nearest element
  // around that which still takes it. Where it came from nowhere (a click with nothing focused): to the
  // next toast's same button, else, for an Undo only, to what the undos are about (the Data step,
  // scrolled into view, or the review's grid in its dialog). The Data step, taken 4,000 px above an
  // Undo pressed beside Evaluate, hid the focus and moved the step bar; a × never sends it to a step
  const grid = 'dialog[open] [role="listbox"]';
  const back = useRef<HTMLElement[]>([]);
  const handingOn: HandingOn = (peers, action, undo, id) => {
    return (e) => {
      const since = performance.now();
      const from = back.current;
      const first = (): Landing[] | null => {
        const item = undo && id !== undefined ? landingAfterUndo(id, since) : null;
        if (item === 'wait') return null;
        // in the review dialog the grid is what every undo there is about: where the focus was is often
        // only what the dialog focused as it opened (its Close), not a place the person chose
        const was = inDialog ? [] : from.map((el) => ({ el }));
        return [...(item ? [{ el: item, show: true }] : []), ...was];
      };
      const fallback = inDialog ? grid : undo ? '#step-data' : [];
      focusAfterRemoval(e.currentTarget, '.undo-toasts', peers, fallback, { first, showFallback: true });
      action();
    };
  };
  if (shownElsewhere) return null;
  return (
    <>
      {/* one live region, there before any toast: it says each offer as it comes */}
      <p role="status" className="visually-hidden">
        {said && <span key={said.id}>{said.text}</span>}
      </p>
      {entries.length > 0 && (
        <Toasts
          entries={entries}
          handingOn={handingOn}
          cameFrom={(chain) => (back.current = chain)}
          coversPage={!inDialog}
        />
      )}
    </>
  );
}

/** an Undo's place in the stack: its own, or its close button's where it has none (after a refusal) */
const UNDO_PLACES = '.undo-run, .undo-without-undo .undo-dismiss';

export function Toasts({
  entries,
  handingOn,
  cameFrom,
  coversPage = false,
}: {
  entries: UndoEntry[];
  handingOn: HandingOn;
  /** where the focus was as it came into the stack, and the elements around it (focusChain) */
  cameFrom?: (chain: HTMLElement[]) => void;
  coversPage?: boolean;
}) {
  const [unfolded, setUnfolded] = useState(false);
  const { shown, folded } = toastStack(entries, unfolded);
  // Alt+Z was said only to screen readers (aria-keyshortcuts); a phone has no keyboard to press it on
  const keyHint = !usePhone();
  // a Mac's: ⌥Z beside it, ⌘Z to undo (isUndoKey takes ⌘Z on any keyboard; what is said follows the Mac's)
  const keys = undoKeyWords(onMac());
  // while the focus is in the stack every undo in it keeps its time, folded ones and ones offered
  // meanwhile too; the toast under the pointer keeps its own until the pointer leaves
  const focusInside = useRef(false);
  const pointerOn = useRef<string | null>(null);
  const stack = useRef<HTMLElement | null>(null);
  const leave = (left: readonly UndoEntry[]) => {
    focusInside.current = false;
    for (const e of left) if (e.id !== pointerOn.current) resumeUndo(e.id);
  };
  useEffect(() => {
    if (!focusInside.current) return;
    // a toast undone or dismissed took the focus with it, without a blur: it is on the page now
    if (stack.current && focusLeavesStack(stack.current, document.activeElement)) leave(entries);
    else for (const e of entries) pauseUndo(e.id);
  }, [entries]);
  const cover = useStackCover(coversPage);
  // one callback for the life of the stack: one made each render would take the cover off and measure anew each time
  const ref = useCallback(
    (el: HTMLElement | null) => {
      stack.current = el;
      return cover(el);
    },
    [cover],
  );
  return (
    <section
      className="undo-toasts"
      aria-label="Undo"
      ref={ref}
      onFocus={(ev) => {
        if (focusLeavesStack(ev.currentTarget, ev.relatedTarget))
          cameFrom?.(focusChain(ev.relatedTarget as HTMLElement | null, document.body));
        focusInside.current = true;
        for (const e of entries) pauseUndo(e.id);
      }}
      onBlur={(ev) => {
        if (focusLeavesStack(ev.currentTarget, ev.relatedTarget)) leave(entries);
      }}
    >
      {(folded > 0 || unfolded) && entries.length > TOASTS_SHOWN && (
        <button type="button" className="undo-more" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? 'Show only the newest undos' : `Show ${folded} older ${folded === 1 ? 'undo' : 'undos'}`}
        </button>
      )}
      {shown.map((e, i) => (
        <div
          key={e.id}
          className={e.withoutUndo ? 'undo-toast undo-without-undo' : 'undo-toast'}
          role="group"
          aria-labelledby={`${e.id}-label`}
          onPointerEnter={() => {
            pointerOn.current = e.id;
            pauseUndo(e.id);
          }}
          onPointerLeave={() => {
            pointerOn.current = null;
            if (!focusInside.current) resumeUndo(e.id);
          }}
        >
          <span id={`${e.id}-label`}>
            {e.label}
            {e.state === 'failed' &&
              (e.withoutUndo === 'for good' ? `: can no longer be undone (${e.error})` : `: undo failed (${e.error})`)}
          </span>
          {/* refused for a reason that will not pass (or not until its project is back), it offers only
              to close it: another try could only fail again */}
          {!e.withoutUndo && (
            <WaitingButton
              className="undo-run"
              onClick={handingOn(UNDO_PLACES, () => runUndo(e.id), true, e.id)}
              waiting={e.state === 'undoing'}
              // Alt+Z brings the focus to the newest toast's (newestToastControl)
              aria-keyshortcuts={i === shown.length - 1 ? `${keys.undo} Alt+Z` : keys.undo}
              title={keyHint && i === shown.length - 1 ? keys.tip : undefined}
            >
              {e.state === 'undoing' ? 'Undoing…' : 'Undo'}
            </WaitingButton>
          )}
          {/* seen, not heard: a screen reader has the button's aria-keyshortcuts */}
          {!e.withoutUndo && keyHint && i === shown.length - 1 && (
            <kbd className="undo-key" aria-hidden="true" title={keys.tip}>
              {keys.reach}
            </kbd>
          )}
          <button
            type="button"
            className="ghost undo-dismiss"
            onClick={handingOn('.undo-dismiss', () => dismissUndo(e.id), false)}
            aria-label={`Dismiss: ${e.label}`}
            aria-keyshortcuts={e.withoutUndo && i === shown.length - 1 ? 'Alt+Z' : undefined}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
