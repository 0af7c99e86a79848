// The project's counts and classes for what only reports them (the header's count, the steps'
// captions, the layer map's output size, the settings' pass count, the feature map), rendered as
// a transition (useStoreSoon). A drop being added commits every 64 files, and each commit
// re-rendered all of them inside the commit's own task (a sync render of 50-130 ms under 4× CPU
// throttling, the longest tasks while adding); the data panel itself still follows at once.
import { plannedTrainCount } from '../core/data/split';
import { imageCount } from '../core/project/project-limits';
import { useProject, type ProjectState } from '../state/project';
import { useStoreSoon } from './useStoreSoon';

const imagesIn = (s: ProjectState) => imageCount(s.classes);
const classCount = (s: ProjectState) => s.classes.length;
const classesOf = (s: ProjectState) => s.classes;

/** how many images the project holds, as a transition */
export const useImageCountSoon = (): number => useStoreSoon(useProject, imagesIn);
/** how many classes the project has, as a transition */
export const useClassCountSoon = (): number => useStoreSoon(useProject, classCount);
/** the project's classes, as a transition */
export const useClassesSoon = (): ProjectState['classes'] => useStoreSoon(useProject, classesOf);

/** how many images a run would train on with this validation split (NaN while it is being typed) */
export function usePlannedTrainCount(valSplit: number): number {
  const classes = useClassesSoon();
  return plannedTrainCount(
    classes.map((c) => c.images.length),
    valSplit,
  );
}
