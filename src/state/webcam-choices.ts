// Why: how Try it and the camera decide (a project's choices) is apart from the camera itself (state/webcam.ts).
import type { StoreApi } from 'zustand';
import { defaultThreshold } from '../core/live/decision';
import { LIVE_DEFAULTS, thresholdChosen as chosenIn } from '../core/project/record';
import type { WebcamState } from './webcam-types';

type Choices =
  | 'smoothing'
  | 'threshold'
  | 'thresholdChosen'
  | 'classCount'
  | 'topK'
  | 'setSmoothing'
  | 'setThreshold'
  | 'resetThreshold'
  | 'followClassCount'
  | 'setTopK'
  | 'setLiveChoices'
  | 'liveChoices';

/** The webcam store's answer choices: a threshold none chose follows the class count of the model in use. */
export function choicesSlice({
  getState: get,
  setState: set,
}: Pick<StoreApi<WebcamState>, 'getState' | 'setState'>): Pick<WebcamState, Choices> {
  return {
    ...LIVE_DEFAULTS,
    threshold: defaultThreshold(null),
    thresholdChosen: false,
    classCount: null,
    setSmoothing: (smoothing) => set({ smoothing }),
    setThreshold: (threshold) => set({ threshold, thresholdChosen: true }),
    resetThreshold: () => set({ threshold: defaultThreshold(get().classCount), thresholdChosen: false }),
    followClassCount(classCount) {
      if (classCount === get().classCount) return;
      set(get().thresholdChosen ? { classCount } : { classCount, threshold: defaultThreshold(classCount) });
    },
    setTopK: (topK) => set({ topK }),
    setLiveChoices(live) {
      const { threshold, smoothing, topK } = live;
      // none chosen (a new project, one saved before any was chosen, an old one's 50% default, which
      // could never say "unknown" on two classes): the model's class count decides
      const thresholdChosen = chosenIn(live);
      set({
        threshold: thresholdChosen ? threshold : defaultThreshold(get().classCount),
        thresholdChosen,
        smoothing,
        topK,
      });
    },
    liveChoices() {
      const { threshold, thresholdChosen, smoothing, topK } = get();
      // a threshold none chose is kept as LIVE_DEFAULTS' too, for a studio that predates thresholdChosen
      return { threshold: thresholdChosen ? threshold : LIVE_DEFAULTS.threshold, smoothing, topK, thresholdChosen };
    },
  };
}
