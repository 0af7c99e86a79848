import { useBackbone } from '../../state/backbone';
import { useModelInUse } from '../../state/model-in-use';
import { isRunning, useTraining } from '../../state/training';
import { liveOf, useWebcam } from '../../state/webcam';

/**
 * The live answer of the model in use and what holds it, shared by the answer under the record
 * controls (LivePrediction) and its line over the picture (LiveBadge).
 */
export function useLiveAnswer() {
  const webcam = useWebcam();
  const result = useModelInUse((s) => s.model);
  // an answer of the model before (a run's, or an import that came while paused) is not this one's
  const { live, liveError } = liveOf(webcam, result);
  const busyTraining = useTraining((s) => isRunning(s.status));
  // calibration times forward passes (live ones among them skewed its plan) and moves the global
  // backend, so each live frame would move the backbone's weights between backends
  const calibrating = useBackbone((s) => s.calibrating !== null);
  // a backbone loading or moving (and Continue reading a model) holds every frame in the worker's
  // queue: the last answer and its rate stood still, read as live, for the whole load
  const loading = useBackbone((s) => s.status === 'loading');
  const switching = useModelInUse((s) => s.switching);
  const reloading = loading || switching !== null;
  const held = busyTraining || calibrating || reloading;
  // the last answer before a run stayed beside "pause while a model trains", read as a live one
  const shown = live && result && !held ? live : null;
  return { webcam, result, live, liveError, busyTraining, calibrating, reloading, switching, held, shown };
}
