import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that keeps the keyboard focus while what it started runs: `waiting` makes it
 * aria-disabled (presses ignored, shown as waiting), where `disabled` dropped the focus of the
 * button just pressed to the page. `disabled` stays for a button that cannot be used at all.
 */
export function WaitingButton({
  waiting,
  onClick,
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & { waiting: boolean }) {
  return (
    <button type="button" {...button} aria-disabled={waiting || undefined} onClick={waiting ? undefined : onClick} />
  );
}
