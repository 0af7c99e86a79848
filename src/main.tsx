import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStores } from './state/coordinator';
import { registerSavedBackbones } from './state/custom-backbone';
import { restoreProject, startAutosave } from './state/persist';
import { App } from './ui/App';
import './ui/styles.css';

// Restore the last session's project before the first render, so the backbone loads once, with
// the restored choice, and nothing on the page jumps.
connectStores();
registerSavedBackbones();
void restoreProject().finally(() => {
  startAutosave();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
