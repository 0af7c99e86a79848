import { focusDropped } from './focus-dropped';

/** The Data step's notice once the project is here: what the restore said, then what the other tab left out. */
export function noticeAfterTakeOver(restored: string | null, leftOut: string): string {
  return restored ? `${restored.replace(/\.$/, '')}. ${leftOut}` : leftOut;
}

/**
 * Where the focus goes once the studio has replaced the "open in another tab" notice: "Use it here"
 * went with the notice and the focus fell to the page. The workspace's start (the Data step, where
 * the notice of files left out is said) takes it; nothing moves if the person put it somewhere.
 */
export function landingAfterTakeOver(doc: {
  activeElement: Element | null;
  body: Element | null;
  getElementById(id: string): HTMLElement | null;
}): HTMLElement | null {
  return focusDropped(doc.activeElement, doc.body) ? doc.getElementById('step-data') : null;
}
