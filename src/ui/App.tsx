import { BackbonePicker } from './BackbonePicker';
import { BackendBadge } from './BackendBadge';
import { ErrorBoundary } from './ErrorBoundary';
import { DataPanel } from './DataPanel';
import { InsightPanel } from './InsightPanel';
import { ProjectBar } from './ProjectBar';
import { Results } from './Results';
import { TrainPanel } from './TrainPanel';
import { TryIt } from './TryIt';
import { ExportPanel } from './ExportPanel';
import { WebcamPanel } from './webcam/WebcamPanel';
import { StepNav } from './layout/StepNav';
import { UpdateBanner } from './layout/UpdateBanner';
import { HeaderBackend } from './layout/HeaderBackend';
import { Step } from './layout/Step';
import { useChromeHeight } from './layout/useChromeHeight';
import { PageTitle } from './layout/PageTitle';
import { TestSetPanel } from './TestSetPanel';

/**
 * The workspace: a persistent header (project, save state, backend) with the step navigation, the
 * steps in one column, and Deploy (Try it, the camera, the downloads) as a preview column beside them on wide
 * screens, so the live charts and the preview share one screen while a model trains.
 */
export function App() {
  return (
    <>
      <PageTitle />
      <a className="skip-link" href="#step-data">
        Skip to the workspace
      </a>
      <div className="chrome" ref={useChromeHeight()}>
        <header className="top">
          <div className="top-row">
            <h1>Transfer Studio</h1>
            <ErrorBoundary name="the header">
              <ProjectBar />
              <HeaderBackend />
            </ErrorBoundary>
          </div>
          <UpdateBanner />
        </header>
        <StepNav />
      </div>
      <main className="workspace">
        <Step id="data" title="Data">
          <DataPanel />
          <InsightPanel />
        </Step>
        <Step id="model" title="Model">
          {/* the backbone is the step's choice; the backend is chosen for the hardware and rarely changed */}
          <BackbonePicker />
          {/* the header's backend link lands here (below the backbone since the step puts that first) */}
          <section className="panel" id="compute-backend" tabIndex={-1} aria-labelledby="compute-title">
            <h2 id="compute-title">Compute backend</h2>
            <BackendBadge />
          </section>
        </Step>
        <Step id="train" title="Train">
          <TrainPanel />
        </Step>
        <Step id="evaluate" title="Evaluate">
          <Results />
          <TestSetPanel />
        </Step>
        <Step id="deploy" title="Deploy">
          {/* the two previews together, as in Teachable Machine: a running camera sits right under
              Try it, on screen when Deploy is picked, not below the downloads */}
          <TryIt />
          <WebcamPanel />
          <ExportPanel />
        </Step>
      </main>
    </>
  );
}
