import { startTransition, useEffect, useRef, useState } from 'react';
import { estimateWords, secondsLeft, stageStart, type StageStart } from './eta';
import { CheckpointNotKept } from './InterruptedRun';
import { stageCount, type Stage } from './run-stages';
import { useRunStages } from './useRunStages';

// the stage logic's own module; its tests import it from here too
export { progressState, runStages } from './run-stages';

/** How often the estimate may change: it is part of the progress bar's value text. */
const ESTIMATE_EVERY_MS = 1_000;

/**
 * The time left for the stage under way at its own recent pace (eta.ts), renewed once a second, not at
 * every count: a new stage shows none until it has run a while.
 */
function useStageEstimate({ name, done, total }: Stage): { shown: string; spoken: string } | null {
  const latest = useRef<{ start: StageStart | null; done: number; total: number | null }>({ start: null, done, total });
  const [estimate, setEstimate] = useState({ key: name, shown: null as string | null, spoken: '' });
  useEffect(() => {
    const l = latest.current;
    l.start = stageStart(l.start, name, done, performance.now());
    l.done = done;
    l.total = total;
  }, [name, done, total]);
  useEffect(() => {
    const id = setInterval(() => {
      const { start, done, total } = latest.current;
      if (!start) return;
      const seconds = secondsLeft(start, done, total, performance.now());
      const shown = estimateWords(seconds);
      const spoken = estimateWords(seconds, true) ?? '';
      // only new words render: the seconds under them change at every tick
      startTransition(() =>
        setEstimate((e) => (e.key === start.key && e.shown === shown ? e : { key: start.key, shown, spoken })),
      );
    }, ESTIMATE_EVERY_MS);
    return () => clearInterval(id);
  }, []);
  return estimate.key === name && estimate.shown ? { shown: estimate.shown, spoken: estimate.spoken } : null;
}

/**
 * The run's stages and one bar over all of them, rendered as a transition (useStoreSoon: not in the
 * task of the worker event that moved it). Totals that change mid-run (250 images, then 400 views)
 * are stages of their own, so no count runs backwards, and the bar only ever moves forward.
 */
export function RunProgress() {
  const { progress, stages, current, fraction } = useRunStages();
  const { status } = progress;
  const now = stages[current];
  const estimate = useStageEstimate(now);
  /** the words after a stage's name: its count, as the step bar's Train status says it (run-stages.ts) */
  const count = (s: Stage, i: number) => stageCount(s, i === current, status === 'training');
  return (
    <div className="run-progress">
      <div className="run-progress-line">
        <ol className="stages" aria-label="Run stages">
          {stages.map((s, i) => (
            <li
              key={s.name}
              className={i < current ? 'stage-done' : i === current ? 'stage-now' : 'stage-next'}
              aria-current={i === current ? 'step' : undefined}
            >
              {s.name}
              {/* only the stage under way shows its count: every stage and the estimate fit one line at
                  1280×800. The others' counts are still read out with their names */}
              <span className={i === current ? 'stage-count' : 'visually-hidden'}>{count(s, i)}</span>
            </li>
          ))}
        </ol>
        {estimate && <span className="run-estimate">{estimate.shown}</span>}
      </div>
      <progress
        aria-label="Training progress"
        // a stage of unknown length (the epochs before the automatic recipe chose them) says its name
        // and leaves the percentage to be read: "epoch " alone said neither
        aria-valuetext={
          count(now, current) ? `${now.name}${count(now, current)}${estimate ? `, ${estimate.spoken}` : ''}` : undefined
        }
        max={1000}
        // the step bar's Train status says the same share, and the stage's count apart (run-stages.ts runShareWords)
        value={Math.round(fraction * 1000)}
      />
      <CheckpointNotKept />
    </div>
  );
}
