import { useEffect, useRef, useState } from 'react';
import { findBackboneSpec } from '../../core/backbones/registry';
import { useBackbone } from '../../state/backbone';
import { useModelInUse } from '../../state/model-in-use';
import { useTestSet } from '../../state/test-set';
import { isRunning, useTraining, type TrainingState } from '../../state/training';
import { tunedBlocks } from '../../state/run-record';
import { useStoreSoon } from '../useStoreSoon';
import { useRunStages } from '../useRunStages';
import { useClassCountSoon, useImageCountSoon } from '../useProjectSoon';
import { STEP_LABEL, STEPS, type StepId } from './steps';
import { trainStepWords } from './train-step-words';
import { evaluateStepWords, firstPartWords } from './evaluate-step-words';
import { useDataSinceRun } from '../useDataSinceRun';
import { changedShort, withChange } from '../data-change-words';
import { useSetAsideFor } from '../SetAsideNote';
import { onProjectChange } from '../../state/project-generations';
import { currentStep, keyScrollsPage, readingLine, stepOfFocus, type StepBox } from './current-step';
import { goToStep } from './step-link';
import { cardName } from '../backbone-card-name';

/** The training steps' words: they follow a run's worker events as a transition (useStoreSoon). */
const trainingStatus = (s: TrainingState) => {
  const valAccuracy = s.result ? `${(s.result.valAccuracy * 100).toFixed(1)}%` : null;
  return {
    unfreeze: s.settings.unfreeze,
    ...tunedBlocks(s.settings),
    status: s.status,
    trainedBefore: !!s.result,
    valAccuracy,
    firstModel: s.result?.phase === 'first',
    firstPart: firstPartWords(s.result),
    running: isRunning(s.status),
  };
};

/** A backbone's name as its card shows it: cutting the whole "(…)" left the graph model reading as the layers one. */
const shortName = (b: { name: string }) => {
  const { shown, after } = cardName(b);
  return shown + after;
};

/**
 * The Model step's backbone in a word or two. A brought backbone removed while it loaded still
 * ends up loaded, unlisted: asked for its spec, the header threw and went blank.
 */
export const backboneStepStatus = (s: { status: string; loaded: { id: string } | null }): string => {
  if (s.status === 'loading') return 'loading…';
  if (!s.loaded) return 'none';
  const spec = findBackboneSpec(s.loaded.id);
  return spec ? shortName(spec) : 'a removed backbone';
};

/**
 * What each step holds now, in a few words under its name (Create ML shows the same in its sidebar),
 * and whether a run is going.
 */
function useStepStatus(): { status: Record<StepId, string>; running: boolean; hasModel: boolean } {
  const images = useImageCountSoon();
  const classes = useClassCountSoon();
  const backbone = useBackbone(backboneStepStatus);
  const {
    unfreeze,
    trained,
    kept,
    status: runStatus,
    trainedBefore,
    valAccuracy,
    firstModel,
    firstPart,
    running,
  } = useStoreSoon(useTraining, trainingStatus);
  // the run's share as the Train panel's bar shows it, with the stage under way and its count
  const run = useRunStages();
  const train = trainStepWords(runStatus, trainedBefore, {
    stage: run.stages[run.current],
    fraction: run.fraction,
    training: run.progress.status === 'training',
  });
  const hasModel = useModelInUse((s) => !!s.model);
  // a backbone switch only set the trained model aside: "no model yet" said it was gone
  const setAside = useSetAsideFor() !== null;
  // a test folder's figure beside the validation one: the two together say whether it holds
  const tested = useTestSet((s) =>
    // a figure that leaves out the photos an earlier test got wrong is no figure to show alone
    s.outcome?.report && !s.outcome.flattered ? `${(s.outcome.report.accuracy * 100).toFixed(1)}% test` : null,
  );
  // the model shown was trained on other images or classes: its figures are not the project's now
  const changed = useDataSinceRun();
  const status = {
    data: `${classes} class${classes === 1 ? '' : 'es'} · ${images} image${images === 1 ? '' : 's'}`,
    // as the layer map says it: the blocks kept frozen inside the top do not train. The blocks come
    // first: after the backbone's name they were what a 1280 px column cut off, and the name is the
    // part the reader chose and knows
    model: unfreeze
      ? `top ${unfreeze}${kept ? `: ${trained} trainable, ${kept} kept frozen` : ' trainable'} · ${backbone}`
      : backbone,
    // what the model was ("finished", "trained earlier") matters less than what to do: "trained
    // earlier · images changed" was cut at 1280 px where it said the model is out of date
    train: changed && !running ? `train again · ${changedShort(changed)}` : withChange(train, changed),
    evaluate: withChange(
      evaluateStepWords({ valAccuracy, firstModel, firstPart, running, tested, followed: !!changed }),
      changed,
    ),
    deploy: hasModel ? 'model ready' : setAside ? 'model set aside' : 'no model yet',
  };
  return { status, running, hasModel };
}

/** The step whose section is nearest below the sticky step bar (the one being read). */
function useCurrentStep(): [StepId, (id: StepId) => void] {
  const [current, setCurrent] = useState<StepId>('data');
  // a step picked in the bar stays current until the reader scrolls by hand (at the page's end the
  // picked step may not reach the top; on wide screens Deploy never scrolls at all)
  const picked = useRef<StepId | null>(null);
  // only the ref and the state setter: the effect below may keep the first render's copy
  const pick = (id: StepId) => {
    picked.current = id;
    setCurrent(id);
  };
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      if (picked.current) return;
      const line = readingLine(document.querySelector('nav.steps')?.getBoundingClientRect().bottom ?? 0);
      const boxes: StepBox[] = [];
      for (const id of STEPS) {
        const el = document.getElementById(`step-${id}`);
        // Deploy sits in its own sticky column on wide screens: always in view, current only when picked.
        // A step not laid out has a box at 0 that would pass for one under the line.
        if (!el || !el.getClientRects().length || getComputedStyle(el).position === 'sticky') continue;
        const { top, bottom } = el.getBoundingClientRect();
        boxes.push({ id, top, bottom });
      }
      setCurrent(currentStep(line, boxes));
    };
    const onScroll = () => (frame ||= requestAnimationFrame(measure));
    const byHand = (e: Event) => {
      if (e instanceof KeyboardEvent && !keyScrollsPage(e.key, e.target instanceof Element ? e.target : null)) return;
      picked.current = null;
    };
    // the step the focus comes into is current: Tab from a step picked in the bar goes through the
    // steps after it, and Deploy's sticky column, never measured, is current while the focus is in it
    let lastFocused: Element | null = null;
    const onFocus = (e: FocusEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      // the keyboard's focus only: a control clicked with the mouse (then the page scrolled by its
      // scrollbar, which measuring follows) or a focus handed on after a click kept the bar on its step
      if (target && !target.matches(':focus-visible')) return;
      const step = stepOfFocus(target, lastFocused);
      lastFocused = target;
      if (step) pick(step);
    };
    // a link inside the page (Record images with the camera, train one…) leads into a step: that
    // step is current, as if picked in the bar. Measuring instead kept a step picked earlier (the
    // phone showed Data over the camera) and never finds Deploy's sticky column on wide screens.
    const follow = (hash: string) => {
      let id = hash.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch {
        // a hand-typed "#%E0" is no element's id either way
      }
      const target = id ? document.getElementById(id) : null;
      const step = target?.closest<HTMLElement>('[data-step]')?.dataset.step as StepId | undefined;
      if (step) pick(step);
      else {
        picked.current = null;
        onScroll();
      }
    };
    const onHash = () => follow(location.hash);
    // a link to the hash already in the address bar scrolls there again without a hashchange, and a
    // StepLink (a run's end: Evaluate · Try it) sets its hash without one, in its own click before this
    const onLink = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[href^="#"]') : null;
      if (link && !link.closest('nav.steps') && link.hash === location.hash) follow(link.hash);
    };
    // A project swap (New project, Open project, their Undo) replaces what the steps hold under a page
    // that need not scroll: a step picked before stayed marked over the new project's empty Data step.
    // The steps' boxes changing size (the new content in place) moves them under the line, unscrolled.
    const offProject = onProjectChange(() => {
      picked.current = null;
      onScroll();
    });
    const resized = new ResizeObserver(onScroll);
    for (const id of STEPS) {
      const el = document.getElementById(`step-${id}`);
      if (el) resized.observe(el);
    }
    document.addEventListener('click', onLink);
    document.addEventListener('focusin', onFocus);
    for (const type of ['wheel', 'touchmove', 'keydown']) window.addEventListener(type, byHand, { passive: true });
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('hashchange', onHash);
    measure();
    return () => {
      for (const type of ['wheel', 'touchmove', 'keydown']) window.removeEventListener(type, byHand);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('click', onLink);
      document.removeEventListener('focusin', onFocus);
      offProject();
      resized.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);
  return [current, pick];
}

/** Data · Model · Train · Evaluate · Deploy: each one click away, the current one marked. */
export function StepNav() {
  const { status, running, hasModel } = useStepStatus();
  const [current, setCurrent] = useCurrentStep();
  return (
    <nav className="steps" aria-label="Steps">
      <ol>
        {STEPS.map((id, i) => (
          <li key={id}>
            <a
              href={`#step-${id}`}
              aria-label={`${i + 1} ${STEP_LABEL[id]}: ${status[id]}`}
              aria-current={current === id ? 'step' : undefined}
              onClick={(e) => {
                // bring the step and move focus to it, so Tab continues inside it
                e.preventDefault();
                // with a model, Deploy is its downloads (Teachable Machine's Export button): Export, at
                // the end of the wide screen's Deploy column, scrolled into its view (Try it is the
                // column's top, beside the steps all along, and "Try it" links lead there). A running
                // camera is what the reader watches there: it stays in view.
                const exportNow = id === 'deploy' && hasModel && !document.querySelector('#step-deploy .live-stage');
                goToStep(id, exportNow ? '.export-panel' : undefined);
                setCurrent(id);
              }}
            >
              <span className="step-n" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step-name" aria-hidden="true">
                {STEP_LABEL[id]}
              </span>
              {/* cut short when long (steps.css): the tooltip shows it whole, the link's name reads it whole */}
              <span className="step-status" data-testid={`step-status-${id}`} aria-hidden="true" title={status[id]}>
                {status[id]}
              </span>
            </a>
          </li>
        ))}
      </ol>
      {/* a phone has no room for the words under each step's name: the step in view says its own on a
          line under the bar, and a run's progress shows from any step (it showed only inside Train).
          The links' names say it all to a screen reader. */}
      <p className="steps-now" aria-hidden="true">
        <StepNow id={current} words={status[current]} />
        {running && current !== 'train' && <StepNow id="train" words={status.train} />}
      </p>
    </nav>
  );
}

function StepNow({ id, words }: { id: StepId; words: string }) {
  return (
    <span className="step-now" data-testid={`step-now-${id}`}>
      <span className="step-now-name">{STEP_LABEL[id]}</span> {words}
    </span>
  );
}
