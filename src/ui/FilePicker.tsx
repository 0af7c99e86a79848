import { useId, type ReactNode } from 'react';

interface Props {
  /** the visible text: a label styled as a button or a link (the input itself is hidden) */
  children: ReactNode;
  /**
   * What the picker is for, in words said after the visible ones: the input's accessible name is
   * the label's text, then these in brackets ("choose files (Add images to cats)"). A name that
   * starts with the words shown is one a speech user can say (WCAG 2.5.3).
   */
  ariaLabel: string;
  accept?: string;
  multiple?: boolean;
  /** pick whole folders (webkitdirectory) */
  directory?: boolean;
  /** cannot be used at all (a run holds what it would change) */
  disabled?: boolean;
  /**
   * waits for what it started (or for something it waits on): presses and picks are ignored and
   * it says so (aria-disabled), where `disabled` dropped the focus of the input just used to the
   * page, as WaitingButton does for buttons
   */
  waiting?: boolean;
  /** the id of what says why it is disabled, or what it needs */
  describedBy?: string;
  className?: 'button-like' | 'file-label';
  /** the page's main action now (the step's add button while the project is empty) */
  primary?: boolean;
  onFiles(files: File[]): void;
  /**
   * Heard when the person opens the picker (a click on the label, Enter or Space on the input):
   * true takes the pick over (the browser's own file chooser stays closed). A script that sets
   * the input's files (tests, the benchmark) still goes through onFiles.
   */
  onOpen?(): boolean;
}

/**
 * A file input behind a visible label. The input is reset after every pick, so choosing the same
 * file again still reports it.
 */
export function FilePicker({
  children,
  ariaLabel,
  accept,
  multiple,
  directory,
  disabled,
  waiting,
  describedBy,
  className = 'button-like',
  primary,
  onFiles,
  onOpen,
}: Props) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className={primary ? `${className} primary` : className}>
        {/* its own element: the visible words alone, as a person reads them (and tests find them) */}
        <span>{children}</span>
        <span className="visually-hidden"> ({ariaLabel})</span>
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-disabled={waiting || undefined}
        aria-describedby={describedBy}
        {...(directory ? { webkitdirectory: '', directory: '' } : {})}
        onClick={(e) => {
          if (waiting || onOpen?.()) e.preventDefault();
        }}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (!waiting) onFiles(files);
        }}
      />
    </>
  );
}
