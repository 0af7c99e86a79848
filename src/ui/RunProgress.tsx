import { useState } from 'react';
import { augmentViewsFor, resolveSettings } from '../core/train/settings';
import { useBackbone } from '../state/backbone';
import { useModelInUse } from '../state/model-in-use';
import { useTraining, type TrainingState } from '../state/training';
import { CheckpointNotKept } from './InterruptedRun';
import { startingPointFor } from './train-blockers';
import { useStoreSoon } from './useStoreSoon';

interface Stage {
  name: string;
  done: number;
  /** null: not known until the stage starts */
  total: number | null;
  /** over before done reached total (a first model's part of the images) */
  over?: boolean;
}

const progressState = (s: TrainingState) => ({
  status: s.status,
  extract: s.extract,
  runImages: s.runImages,
  warmup: s.warmup,
  epochs: s.epochs.length,
  epochsPlanned: s.epochsPlanned,
  phase: s.phase,
  first: s.first,
  firstImages: s.firstImages,
  settings: s.settings,
});

type Progress = ReturnType<typeof progressState>;

/**
 * The run's stages in order (GPU warm-up, images, a two-phase run's first model, augmented views,
 * epochs), the one under way, and how far the bar over all of them is. `continuing`: the run starts
 * from an imported head.
 */
export function runStages(p: Progress, continuing: boolean): { stages: Stage[]; current: number; fraction: number } {
  const { status, extract, runImages, warmup, epochs, epochsPlanned, phase, first, firstImages, settings } = p;
  const views = augmentViewsFor(settings) > 0;
  // head-only runs with views train a first model on the plain features before extracting the views,
  // unless they start from a checkpoint (core/pipeline.ts): a resumed run (its epochs charted again)
  // or one continuing an imported head goes straight on with the full model (the bar waited at a
  // quarter under a first model that never came). Once the run's phase events come, they decide.
  const twoPhase =
    phase !== null ||
    first !== null ||
    (settings.unfreeze === 0 && views && !continuing && epochs === 0 && status !== 'training');
  const pastImages = phase !== null || status === 'training' || extract.done >= runImages;
  // a first model on part of the images: its images stage ends there, and the rest come with the views
  const part = phase !== null && firstImages !== null && firstImages < runImages ? firstImages : null;
  // the automatic recipe chooses the epochs after the views and its cross-validation ('plan', just
  // before the first batch): until then the total is unknown, not the form's field ("epoch 0/60",
  // then 1/25). A resumed run's epochs charted again come with its checkpoint's plan.
  const planned =
    resolveSettings(settings).recipe !== 'auto' || (phase !== 'first' && (status === 'training' || epochs > 0));
  const stages: Stage[] = [
    ...(warmup.total > 0 ? [{ name: 'GPU warm-up', done: warmup.done, total: warmup.total }] : []),
    {
      name: 'images',
      done: part ?? (pastImages ? runImages : Math.min(extract.done, runImages)),
      total: runImages,
      over: part !== null,
    },
  ];
  if (twoPhase) {
    const quick = first?.epochs.length ?? (phase === 'first' ? epochsPlanned : null);
    stages.push({
      name: 'first model, epoch',
      done: phase === 'first' ? epochs : phase === 'final' ? (quick ?? 0) : 0,
      total: quick,
    });
    const extractingViews = phase === 'final' && status === 'extracting';
    stages.push({
      // short: at 1280×800 the longer 'rest of the images and augmented views' wrapped the stages onto
      // a second line and pushed the bottom charts off the screen
      name: part !== null ? 'other images + views' : 'augmented views',
      done: extractingViews ? extract.done : phase === 'final' && status === 'training' ? extract.total : 0,
      total: phase === 'final' ? extract.total : null,
    });
    stages.push({
      name: 'epoch',
      done: phase === 'final' ? epochs : 0,
      total: !planned ? null : phase === 'final' ? epochsPlanned : settings.epochs,
    });
  } else {
    if (extract.total > runImages)
      stages.push({
        name: 'augmented views',
        done: Math.max(0, Math.min(extract.done, extract.total) - runImages),
        total: extract.total - runImages,
      });
    stages.push({ name: 'epoch', done: Math.min(epochs, epochsPlanned), total: planned ? epochsPlanned : null });
  }
  const unfinished = stages.findIndex((s) => !s.over && (s.total === null || s.done < s.total));
  const current = unfinished < 0 ? stages.length - 1 : unfinished;
  const now = stages[current];
  // each stage is one step of the bar: the bar never moves back, whatever the totals do
  const fraction = (current + (now.total ? Math.min(1, now.done / now.total) : 0)) / stages.length;
  return { stages, current, fraction };
}

/**
 * The run's stages and one bar over all of them, rendered as a transition (useStoreSoon: not in the
 * task of the worker event that moved it). Totals that change mid-run (250 images, then 400 views)
 * are stages of their own, so no count runs backwards, and the bar only ever moves forward.
 */
export function RunProgress() {
  const progress = useStoreSoon(useTraining, progressState);
  // locked while a run uses them: what the run started from
  const startFrom = useModelInUse((s) => s.startFrom);
  const backboneId = useBackbone((s) => s.loaded?.id);
  const { status } = progress;
  const { stages, current, fraction } = runStages(progress, startingPointFor(startFrom, backboneId) !== null);
  const now = stages[current];
  const [high, setHigh] = useState(0);
  if (fraction > high) setHigh(fraction);
  const count = (s: Stage, i: number) => {
    if (s.total === null) return '';
    const shown =
      s.name.endsWith('epoch') && i === current && status === 'training' ? Math.min(s.done + 1, s.total) : s.done;
    return `${shown}/${s.total}`;
  };
  return (
    <div className="run-progress">
      <ol className="stages" aria-label="Run stages">
        {stages.map((s, i) => (
          <li
            key={s.name}
            className={i < current ? 'stage-done' : i === current ? 'stage-now' : 'stage-next'}
            aria-current={i === current ? 'step' : undefined}
          >
            {s.name} <span className="stage-count">{count(s, i)}</span>
          </li>
        ))}
      </ol>
      <progress
        aria-label="Training progress"
        // a stage of unknown length (the epochs before the automatic recipe chose them) says its name
        // and leaves the percentage to be read: "epoch " alone said neither
        aria-valuetext={count(now, current) ? `${now.name} ${count(now, current)}` : undefined}
        max={1000}
        value={Math.round(Math.max(high, fraction) * 1000)}
      />
      <CheckpointNotKept />
    </div>
  );
}
