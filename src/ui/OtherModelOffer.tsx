import { useEffect, useRef, type RefObject } from 'react';
import { findBackboneSpec } from '../core/backbones/registry';
import { useBackbone } from '../state/backbone';
import { useOtherModel } from '../state/other-model';
import { useRunning } from './useRunLock';
import { WaitingButton } from './WaitingButton';
import { pct } from './percent';
import { comparedWith, offerButtonName, type MeasuredFigure } from './other-model-words';
import { useAfterFirstFrame } from './useAfterFirstFrame';
import { focusDropped } from './focus-dropped';

/**
 * A failed switch can take the button with it (its backbone's results left the page, or the model
 * left storage): the focus the page dropped goes to the failure, not back to the page's top.
 */
function useFocusOnFailure(alert: RefObject<HTMLElement | null>, error: string | null, offered: unknown): void {
  useEffect(() => {
    if (error && focusDropped(document.activeElement, document.body)) alert.current?.focus();
  }, [alert, error, offered]);
}

const when = (iso: string) => {
  const d = new Date(iso);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
};

/**
 * The model a run replaced, offered back: a run that did worse (or was stopped early) no longer
 * loses the model before it. Using it swaps the two, so the newer one is offered in turn.
 */
export function OtherModelOffer({ classes, current }: { classes: string[]; current: MeasuredFigure }) {
  const { other, swapping, error, switchToOther, refocus, focusTaken } = useOtherModel();
  const running = useRunning();
  const loadedId = useBackbone((s) => s.loaded?.id ?? null);
  const box = useRef<HTMLDivElement>(null);
  const failure = useRef<HTMLParagraphElement>(null);
  useFocusOnFailure(failure, error, other);
  // back after a switch that loaded another backbone: the focus the page dropped goes to the offer
  // again, as it stays on it after a switch on the same backbone (not if the person moved it meanwhile)
  useEffect(() => {
    if (!refocus || swapping || !other) return;
    focusTaken();
    if (document.activeElement === document.body || !document.activeElement)
      box.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [refocus, swapping, other, focusTaken]);
  if (running || (!other && !error)) return null;
  const sameClasses = other && other.classes.join('\n') === classes.join('\n');
  // trained on another backbone: it runs on that one only, so using it loads that one first
  const elsewhere = other?.backboneId && other.backboneId !== loadedId ? other.backboneId : null;
  const name = elsewhere && findBackboneSpec(elsewhere)?.name;
  return (
    <div className="other-model" data-testid="other-model" ref={box}>
      {other && (
        <>
          <p className="hint">
            Also kept: the model trained at {when(other.savedAt)}, {pct(other.valAccuracy)} on its{' '}
            {other.validationImages} validation images
            {comparedWith(other, current, pct)}
            {sameClasses ? '' : ` (its classes: ${other.classes.join(', ')})`}
            {elsewhere ? `, on ${name ?? 'a backbone no longer listed in this browser'}` : ''}.
          </p>
          {(!elsewhere || name) && (
            <WaitingButton
              waiting={swapping}
              aria-label={offerButtonName(swapping, name, when(other.savedAt), pct(other.valAccuracy))}
              onClick={() => void switchToOther()}
            >
              {swapping ? 'Switching…' : name ? `Use that model instead (loads ${name})` : 'Use that model instead'}
            </WaitingButton>
          )}
        </>
      )}
      {error && (
        <p className="field-error" role="alert" tabIndex={-1} ref={failure}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * While the kept model's own backbone loads, the results leave the page (they were the other
 * backbone's): the switch is said here, and so is its failure, which the offer can no longer show.
 */
export function OtherModelSwitch() {
  const { swapping, error } = useOtherModel();
  const failure = useRef<HTMLParagraphElement>(null);
  useFocusOnFailure(failure, error, null);
  // this comes onto the page with the panel, as the switch begins: its words follow a frame later
  const said = useAfterFirstFrame() && swapping;
  return (
    <>
      <p role="status" className={said ? 'hint' : 'visually-hidden'}>
        {said && 'Switching to the kept model: loading the backbone it was trained on…'}
      </p>
      {error && (
        <p className="field-error" role="alert" tabIndex={-1} ref={failure}>
          {error}
        </p>
      )}
    </>
  );
}
