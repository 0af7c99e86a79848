import { startTransition, useEffect, useRef, useState } from 'react';
import { augmentViewsFor, resolveSettings } from '../core/train/settings';
import { useBackbone } from '../state/backbone';
import { useModelInUse } from '../state/model-in-use';
import { useTraining, type TrainingState } from '../state/training';
import { estimateWords, secondsLeft, stageStart, type StageStart } from './eta';
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
  /** counts epochs: the one under way is shown while training, and said as one ("first model, epoch 3/8") */
  epochs?: boolean;
}

/** What the progress line reads of the training store (its tests read it the same way). */
export const progressState = (s: TrainingState) => ({
  status: s.status,
  extract: s.extract,
  runImages: s.runImages,
  warmup: s.warmup,
  recipe: s.recipe,
  epochs: s.epochs.length,
  epochsPlanned: s.epochsPlanned,
  phase: s.phase,
  first: s.first,
  firstImages: s.firstImages,
  settings: s.settings,
});

type Progress = ReturnType<typeof progressState>;

/**
 * The automatic recipe's cross-validation, before the full model's first batch (core/pipeline.ts
 * `fit`): head-only runs only, and not a resumed run, whose checkpoint has its recipe (`recipeOf`).
 * Null: the run has none. Its count comes with its first fold; once its events came, they decide.
 */
function recipeStage(p: Progress): Stage | null {
  const { status, recipe, epochs, phase, settings } = p;
  const fullTraining = status === 'training' && phase !== 'first';
  // a resumed run's finished epochs are charted again before it trains (a fresh run's count from 0)
  const resumed = phase === null && epochs > 0 && status !== 'training';
  const expected = resolveSettings(settings).recipe === 'auto' && !fullTraining && !resumed;
  if (recipe.total === 0 && !expected) return null;
  return {
    name: 'recipe',
    done: fullTraining ? recipe.total : recipe.done,
    total: recipe.total > 0 ? recipe.total : null,
  };
}

/**
 * The run's stages in order (GPU warm-up, images, a two-phase run's first model, augmented views,
 * the automatic recipe's cross-validation, epochs), the one under way, and how far the bar over all
 * of them is. `continuing`: the run starts from an imported head.
 */
export function runStages(p: Progress, continuing: boolean): { stages: Stage[]; current: number; fraction: number } {
  const { status, extract, runImages, warmup, epochs, epochsPlanned, phase, first, firstImages, settings } = p;
  const views = augmentViewsFor(settings) > 0;
  const cv = recipeStage(p);
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
      name: 'first model',
      epochs: true,
      done: phase === 'first' ? epochs : phase === 'final' ? (quick ?? 0) : 0,
      total: quick,
    });
    const extractingViews = phase === 'final' && status === 'extracting';
    stages.push({
      // short: at 1280×800 the stages (the recipe's too) and the estimate share one line; longer names
      // ('other images + views', 'augmented views') wrapped them onto a second one on a GPU, which
      // pushed the bottom charts off the screen
      name: part !== null ? 'rest + views' : 'views',
      done: extractingViews ? extract.done : phase === 'final' && status === 'training' ? extract.total : 0,
      total: phase === 'final' ? extract.total : null,
    });
    if (cv) stages.push(cv);
    stages.push({
      name: 'epoch',
      epochs: true,
      done: phase === 'final' ? epochs : 0,
      total: !planned ? null : phase === 'final' ? epochsPlanned : settings.epochs,
    });
  } else {
    // a one-phase run (resumed, fine-tuning, continuing an imported head) counts its views after its
    // images, in the same count: their stage is there from the first report, its count from theirs.
    // Added with that count, it came behind the bar: a resumed run's stood at its epochs' mark (93%)
    // through all of its views
    const counted = extract.total > runImages;
    if (views || counted)
      stages.push({
        name: 'views',
        done: counted ? Math.max(0, Math.min(extract.done, extract.total) - runImages) : 0,
        total: counted ? extract.total - runImages : null,
        // training: whatever the count said, they are behind it
        over: status === 'training',
      });
    if (cv) stages.push(cv);
    stages.push({
      name: 'epoch',
      epochs: true,
      done: Math.min(epochs, epochsPlanned),
      total: planned ? epochsPlanned : null,
    });
  }
  const unfinished = stages.findIndex((s) => !s.over && (s.total === null || s.done < s.total));
  const current = unfinished < 0 ? stages.length - 1 : unfinished;
  const now = stages[current];
  // each stage is one step of the bar: the bar never moves back, whatever the totals do
  const fraction = (current + (now.total ? Math.min(1, now.done / now.total) : 0)) / stages.length;
  return { stages, current, fraction };
}

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
  const progress = useStoreSoon(useTraining, progressState);
  // locked while a run uses them: what the run started from
  const startFrom = useModelInUse((s) => s.startFrom);
  const backboneId = useBackbone((s) => s.loaded?.id);
  const { status } = progress;
  const { stages, current, fraction } = runStages(progress, startingPointFor(startFrom, backboneId) !== null);
  const now = stages[current];
  const estimate = useStageEstimate(now);
  const [high, setHigh] = useState(0);
  if (fraction > high) setHigh(fraction);
  /** the words after a stage's name: its count, and what it counts when its name does not say */
  const count = (s: Stage, i: number) => {
    if (s.total === null) return '';
    const shown = s.epochs && i === current && status === 'training' ? Math.min(s.done + 1, s.total) : s.done;
    return `${s.epochs && s.name !== 'epoch' ? ', epoch' : ''} ${shown}/${s.total}`;
  };
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
        value={Math.round(Math.max(high, fraction) * 1000)}
      />
      <CheckpointNotKept />
    </div>
  );
}
