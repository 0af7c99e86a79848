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
  className?: 'button-like' | 'file-label';
  onFiles(files: File[]): void;
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
  className = 'button-like',
  onFiles,
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
        {...(directory ? { webkitdirectory: '', directory: '' } : {})}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
