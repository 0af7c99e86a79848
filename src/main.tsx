import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStores, settleWrites } from './state/coordinator';
import { registerSavedBackbones } from './state/custom-backbone';
import { claimProject, leftOutNotice, takeProject, type Intake, type Leave } from './state/one-tab';
import { useProject } from './state/project';
import { imagesComingIn } from './state/project-intake';
import { guardLeaving, leaveOnPurpose } from './state/leave-guard';
import { useTraining } from './state/training';
import { restoreProject, startAutosave } from './state/persist';
import { App } from './ui/App';
import { OpenElsewhere } from './ui/OpenElsewhere';
import { reviveUndos } from './state/project-undo';
import { nameUndoKeys } from './state/undo-words';
import { onMac, undoKeyNames } from './ui/mac-keys';
import './ui/styles.css';
import { UndoToasts } from './ui/UndoToasts';
import { registerSW } from 'virtual:pwa-register';
import { updateReady } from './state/app-update';
import { AfterFirstFrame } from './ui/useAfterFirstFrame';
import { landingAfterTakeOver, noticeAfterTakeOver } from './ui/taken-over';

const root = createRoot(document.getElementById('root')!);

let leaving = false;
/**
 * Another tab takes the project: asked, this tab saves first (once the images coming in are in,
 * state/one-tab.ts); either way it reloads into the notice.
 */
const leave: Leave = (how) => {
  if (leaving) return;
  leaving = true;
  leaveOnPurpose();
  void (how === 'asked' ? settleWrites() : Promise.resolve()).finally(() => location.reload());
};

/** a drop or a picked folder coming in: the project goes to another tab once it is in */
const intake: Intake = {
  coming() {
    const s = useProject.getState();
    return imagesComingIn(s) ? (s.adding ?? { done: 0, total: 0 }) : null;
  },
  watch: (changed) => useProject.subscribe(changed),
};

/**
 * The project taken over from another tab, once the studio has drawn its first frame: what that tab
 * could not bring in before it let go goes into the Data step's status line then (set before the
 * first render, the line came onto the page holding it, and was not read), and the focus, dropped
 * with "Use it here", goes to the workspace's start.
 */
function tookOver(notice: string | null): void {
  if (notice) {
    const { notice: restored, setNotice } = useProject.getState();
    setNotice(noticeAfterTakeOver(restored, notice));
  }
  landingAfterTakeOver(document)?.focus({ preventScroll: true });
}

// Restore the last session's project before the first render, so the backbone loads once, with
// the restored choice, and nothing on the page jumps.
function start(taken: { notice: string | null } | null = null): void {
  connectStores();
  guardLeaving();
  // an undo offer says its keys as this keyboard names them
  nameUndoKeys(undoKeyNames(onMac()));
  // the service worker (offline use); a new version it installs waits for the header's "Reload to update"
  const update = registerSW({
    onNeedRefresh: () => updateReady(update),
    // a tab or installed app kept open for days asks for a new version hourly, not only when the browser does
    onRegisteredSW: (_url, registration) => registration && setInterval(() => void registration.update(), 3_600_000),
  });
  registerSavedBackbones();
  // the undos a reload interrupted come back before the autosave could make their deletions final
  void restoreProject()
    .then(reviveUndos)
    // the edits a resumed run put aside: the restored settings are the run's
    .then(() => useTraining.getState().revivePutAside())
    .finally(() => {
      startAutosave();
      root.render(
        <StrictMode>
          <App />
          <UndoToasts />
          {taken && <AfterFirstFrame run={() => tookOver(taken.notice)} />}
        </StrictMode>,
      );
    });
}

// whatever goes wrong in the claim, the page starts (as in a browser without Web Locks): a blank page helps nobody
void claimProject(leave, intake)
  .catch(() => true)
  .then((mine) => {
    if (mine) return start();
    root.render(
      <StrictMode>
        <OpenElsewhere
          take={(heard) => takeProject(leave, intake, heard).then((last) => start({ notice: leftOutNotice(last) }))}
        />
      </StrictMode>,
    );
  });
