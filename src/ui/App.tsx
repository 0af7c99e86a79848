import { BackbonePicker } from './BackbonePicker';
import { BackendBadge } from './BackendBadge';
import { DataPanel } from './DataPanel';
import { InsightPanel } from './InsightPanel';
import { ProjectBar } from './ProjectBar';
import { Results } from './Results';
import { TrainPanel } from './TrainPanel';
import { TryIt } from './TryIt';
import { WebcamPanel } from './webcam/WebcamPanel';

export function App() {
  return (
    <>
      <header className="top">
        <h1>Transfer Studio</h1>
        <BackendBadge />
      </header>
      <main>
        <ProjectBar />
        <DataPanel />
        <BackbonePicker />
        <InsightPanel />
        <TrainPanel />
        <Results />
        <TryIt />
        <WebcamPanel />
      </main>
    </>
  );
}
