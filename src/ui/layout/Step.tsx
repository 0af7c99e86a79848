import { useRef, type ReactNode } from 'react';
import { ErrorBoundary } from '../ErrorBoundary';
import type { StepId } from './steps';
import { useFitsMark } from './useFitsMark';

/** One step of the workspace: a landmark the step navigation scrolls to and watches; a crash inside it stays inside it. */
export function Step({ id, title, children }: { id: StepId; title: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // the Deploy column scrolls on its own on wide screens, its edges fading where there is more
  useFitsMark(box, id === 'deploy');
  return (
    <div
      ref={box}
      id={`step-${id}`}
      className={`step step-${id}`}
      role="region"
      aria-label={`Step: ${title}`}
      tabIndex={-1}
      data-step={id}
    >
      <ErrorBoundary name={`the ${title} step`}>{children}</ErrorBoundary>
    </div>
  );
}
