import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { menuKeyTarget } from './menu-keys';

/** One of the project's actions, as the menu offers it. */
export interface ProjectAction {
  /** the item's words: the wide bar's button says the same, so one name finds either */
  label: string;
  onSelect?(): void;
  /** cannot be used at all now: the item stays in the menu, reached by the arrows, and says why */
  disabled?: boolean;
  /** waits for what it (or something it waits on) started: presses are ignored, as WaitingButton's */
  waiting?: boolean;
  describedBy?: string;
  /** why it is disabled, to a mouse user */
  title?: string;
  /** the item opens the browser's file chooser (Open project…): what it takes, and what is done with the pick */
  files?: { accept: string; ariaLabel: string; onFiles(files: File[]): void };
}

/**
 * The project's actions behind one button, where the header has room for one line (a phone): the
 * bar's save state and its three buttons took 120 px of a 390 px screen's header, above the step bar.
 * A menu button as WAI-ARIA describes it: Enter, Space or the arrows open it, the arrows and a first
 * letter move in it, Escape closes it and gives the focus back to the button, as does an item
 * chosen (a confirm dialog that follows gives the focus back to the button too); a press outside
 * closes it. `children` shows above the items while it is open (the save state), and describes them.
 */
export function ProjectMenu({ actions, children }: { actions: ProjectAction[]; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  // the item focused when the menu opens: the first from Enter, Space, a click or ArrowDown; the last from ArrowUp
  const [start, setStart] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const buttonId = useId();
  const menuId = useId();
  const aboutId = useId();

  const show = (at: number) => {
    setStart(at);
    setOpen(true);
  };
  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    items.current[start]?.focus();
    // a press anywhere else closes it (the focus goes where the press puts it)
    const outside = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open, start]);

  const choose = (action: ProjectAction, at: number) => {
    if (action.disabled || action.waiting) return;
    // the focus on the button first: a confirm dialog the action opens gives it back to what had it
    close(true);
    // the file chooser opens only inside the press (the browser's rule for a person's gesture)
    if (action.files) inputs.current[at]?.click();
    else action.onSelect?.();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
      return;
    }
    // Tab leaves the menu, for the next control after the button: the menu closes behind it
    if (e.key === 'Tab') {
      setOpen(false);
      return;
    }
    const at = items.current.findIndex((el) => el === document.activeElement);
    const next = menuKeyTarget(
      e.key,
      at,
      actions.map((a) => a.label),
    );
    if (next === null) return;
    e.preventDefault();
    items.current[next]?.focus();
  };

  return (
    <div
      className="project-menu"
      ref={wrapper}
      // the focus gone elsewhere (Shift+Tab, a screen reader's own keys) closes it
      onBlur={(e) => {
        if (open && !wrapper.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        id={buttonId}
        type="button"
        className="project-menu-button"
        aria-label="Project actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            show(e.key === 'ArrowDown' ? 0 : actions.length - 1);
          }
        }}
      >
        Project{' '}
        <span aria-hidden="true" className="project-menu-mark">
          ▾
        </span>
      </button>
      {/* focusable itself (-1): a press on the save state's words keeps the focus inside, the menu open */}
      <div className="project-menu-popup" hidden={!open} tabIndex={-1}>
        {children && <div id={aboutId}>{children}</div>}
        <div
          role="menu"
          id={menuId}
          aria-labelledby={buttonId}
          aria-describedby={children ? aboutId : undefined}
          onKeyDown={onMenuKey}
        >
          {actions.map((action, at) => (
            <button
              key={action.label}
              ref={(el) => {
                items.current[at] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={action.disabled || action.waiting || undefined}
              aria-describedby={action.describedBy}
              title={action.title}
              className={action.waiting ? 'waiting' : undefined}
              onClick={() => choose(action, at)}
            >
              {action.label}
            </button>
          ))}
        </div>
      </div>
      {/* the choosers' inputs outlive the menu closing: the pick arrives after it closed. Out of the
          tab order and the reading: the menu item is their way in */}
      {actions.map(
        (action, at) =>
          action.files && (
            <input
              key={action.label}
              ref={(el) => {
                inputs.current[at] = el;
              }}
              type="file"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              aria-label={action.files.ariaLabel}
              accept={action.files.accept}
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                if (!action.disabled && !action.waiting) action.files?.onFiles(files);
              }}
            />
          ),
      )}
    </div>
  );
}
