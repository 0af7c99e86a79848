/** The Compute backend panel's disclosure that holds the backend's choice (BackendBadge). */
export const BACKEND_CHOICE_ID = 'backend-choice';

/** Opens the backend's choice: the header's backend link is where a person goes to change it. */
export function openBackendChoice(): void {
  const choice = document.getElementById(BACKEND_CHOICE_ID);
  if (choice instanceof HTMLDetailsElement) choice.open = true;
}
