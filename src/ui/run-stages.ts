import { augmentViewsFor, resolveSettings } from '../core/train/settings';
import type { TrainingState } from '../state/training';

/**
 * A run's stages and how far it has gone over all of them: the Train panel's bar (RunProgress.tsx)
 * and the step bar's Train status (layout/StepNav.tsx) read the one figure, so they never disagree.
 */
export interface Stage {
  name: string;
  done: number;
  /** null: not known until the stage starts */
  total: number | null;
  /** over before done reached total (a first model's part of the images) */
  over?: boolean;
  /** counts epochs: the one under way is shown while training, and said as one ("first model, epoch 3/8") */
  epochs?: boolean;
}

/** A run's counts, as the progress line and the Train status line (TrainPanel.tsx) both read them. */
export const runCounts = (s: TrainingState) => ({
  status: s.status,
  extract: s.extract,
  runImages: s.runImages,
  warmup: s.warmup,
  recipe: s.recipe,
  epochs: s.epochs.length,
  epochsPlanned: s.epochsPlanned,
  phase: s.phase,
});

/** What the progress line reads of the training store (its tests read it the same way). */
export const progressState = (s: TrainingState) => ({
  ...runCounts(s),
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
    // the 'final' phase comes before the views' first count: until then the count is still the first
    // model's images (of the run's images), and read as the views' it marked them nearly done at once
    // (the bar jumped to the recipe's mark and stood there through all of the views)
    const viewsCounted = phase === 'final' && (status === 'training' || extract.total !== runImages);
    const extractingViews = viewsCounted && status === 'extracting';
    stages.push({
      // short: at 1280×800 the stages (the recipe's too) and the estimate share one line; longer names
      // ('other images + views', 'augmented views') wrapped them onto a second one on a GPU, which
      // pushed the bottom charts off the screen
      name: part !== null ? 'rest + views' : 'views',
      done: extractingViews ? extract.done : phase === 'final' && status === 'training' ? extract.total : 0,
      total: viewsCounted ? extract.total : null,
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
  // each stage an equal share of the bar: the stages done, and the part of the one under way. Weighing
  // them by time would need each stage's time before it starts (the views take most of it on a CPU,
  // the epochs on a GPU); equal shares keep the bar moving in every stage, and forward
  const fraction = (current + (now.total ? Math.min(1, now.done / now.total) : 0)) / stages.length;
  return { stages, current, fraction };
}

/**
 * A stage's count as the run's progress line shows it: the epoch under way while the run trains
 * ("epoch 23/400" while the 23rd runs), else the count done; what it counts when the name does not
 * say (", epoch 3/8" after "first model"). Empty while the stage's length is not known.
 */
export function stageCount(s: Stage, underWay: boolean, training: boolean): string {
  if (s.total === null) return '';
  const shown = s.epochs && underWay && training ? Math.min(s.done + 1, s.total) : s.done;
  return `${s.epochs && s.name !== 'epoch' ? ', epoch' : ''} ${shown}/${s.total}`;
}

/** The step bar's short names: a stage with no count yet names what it will count. */
const SHORT_NAME: Record<string, string> = { 'GPU warm-up': 'warm-up' };
const UNCOUNTED_NAME: Record<string, string> = { ...SHORT_NAME, epoch: 'epochs' };

/**
 * The Train step's status while a run goes: the run's share done (the Train panel's bar: each stage
 * an equal part) and, said apart, the stage under way with its own count ("76% · epoch 23/400").
 * The share beside the stage's name alone ("epochs 75%" at epoch 14 of 400) read as the stage's
 * share; the stage's share alone went back at each new stage. Floored: 100% only once the run ended.
 */
export function runShareWords(stage: Stage, fraction: number, training: boolean): string {
  const count = stageCount(stage, true, training);
  const what = count ? `${SHORT_NAME[stage.name] ?? stage.name}${count}` : (UNCOUNTED_NAME[stage.name] ?? stage.name);
  return `${Math.min(99, Math.floor(fraction * 100))}% · ${what}`;
}
