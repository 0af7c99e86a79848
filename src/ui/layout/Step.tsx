import type { ReactNode } from 'react';
import { ErrorBoundary } from '../ErrorBoundary';
import type { StepId } from './steps';

/** One step of the workspace: a landmark the step navigation scrolls to and watches; a crash inside it stays inside it. */
export function Step({ id, title, children }: { id: StepId; title: string; children: ReactNode }) {
  return (
    <div
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
