/**
 * Why a control in the header or the backend panel is disabled, in words read with it
 * (aria-describedby): a run, a calibration or a backbone loading held them with no reason given.
 */

/** Open project and New project during a run: a project replaced mid-run would lose the run's images. */
export const RUN_HOLDS_PROJECT =
  'Open project and New project wait until the run ends: Stop it in the Train step, or let it finish.';

/** Download project and New project with nothing in the project. */
export const EMPTY_PROJECT = 'Download project and New project need a class or an image in the project.';

/** Why both backend selects wait now, or null when they need not. */
export function backendLockWhy({
  running,
  calibrating,
  loading,
}: {
  running: boolean;
  calibrating: boolean;
  loading: boolean;
}): string | null {
  if (running) return 'The backends can change when the run ends.';
  if (calibrating) return 'The backends can change when the backend calibration ends.';
  if (loading) return 'The backends can change once the backbone has loaded.';
  return null;
}

/** aria-describedby's value from the ids of the reasons that hold (undefined when none does). */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;
