import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStores } from './state/coordinator';
import { registerSavedBackbones } from './state/custom-backbone';
import { restoreProject, startAutosave } from './state/persist';
import { App } from './ui/App';
import { reviveUndos } from './state/project-undo';
import './ui/styles.css';
import { UndoToasts } from './ui/UndoToasts';

// Restore the last session's project before the first render, so the backbone loads once, with
// the restored choice, and nothing on the page jumps.
connectStores();
registerSavedBackbones();
// the undos a reload interrupted come back before the autosave could make their deletions final
void restoreProject()
  .then(reviveUndos)
  .finally(() => {
    startAutosave();
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
        <UndoToasts />
      </StrictMode>,
    );
  });
