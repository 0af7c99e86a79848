import { useId, type ReactNode } from 'react';

interface Props {
  /** the visible text: a label styled as a button or a link (the input itself is hidden) */
  children: ReactNode;
  /** the input's accessible name */
  ariaLabel: string;
  accept?: string;
  multiple?: boolean;
  /** pick whole folders (webkitdirectory) */
  directory?: boolean;
  disabled?: boolean;
  /** the id of what says why it is disabled, or what it needs */
  describedBy?: string;
  className?: 'button-like' | 'file-label';
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
  describedBy,
  className = 'button-like',
  onFiles,
  onOpen,
}: Props) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className={className}>
        {children}
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-describedby={describedBy}
        {...(directory ? { webkitdirectory: '', directory: '' } : {})}
        onClick={(e) => {
          if (onOpen?.()) e.preventDefault();
        }}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
