import { findBackboneSpec } from '../core/backbones/registry';
import { useBackbone } from '../state/backbone';
import { useModelSetAside } from '../state/model-set-aside';
import { handingFocusOn } from './focus-after-removal';
import { useBackboneJob } from './useBackboneJob';
import { useRunning } from './useRunLock';
import { WaitingButton } from './WaitingButton';

/**
 * The backbone the model trained here waits for in storage while another is loaded (null: none, or
 * that one is loaded and its model on its way back). Try it said "No model yet" for a model a
 * backbone switch had only set aside.
 */
export function useSetAsideFor(): string | null {
  const waitsFor = useModelSetAside((s) => s.setAside?.backboneId ?? null);
  const loadedId = useBackbone((s) => s.loaded?.id ?? null);
  // a brought backbone removed since cannot be picked again: its removal's toast said so
  return waitsFor && waitsFor !== loadedId && findBackboneSpec(waitsFor) ? waitsFor : null;
}

/** The model's place said where there is no model to show (Evaluate, the live camera): the way back is in Try it. */
export function SetAsideHint({ backboneId, then }: { backboneId: string; then: string }) {
  const name = findBackboneSpec(backboneId)?.name ?? 'its backbone';
  return (
    <span data-testid="set-aside-hint">
      Your model was trained on {name} and is kept in this browser: switch back to it in{' '}
      <a href="#step-deploy">Try it</a> {then}, or <a href="#step-train">train on this backbone</a>.
    </span>
  );
}

/** Try it's words for that model, with the button that picks its backbone again (which brings it back). */
export function SetAsideNote({ backboneId }: { backboneId: string }) {
  const name = findBackboneSpec(backboneId)?.name ?? 'its backbone';
  const select = useBackbone((s) => s.select);
  // as the picker: a run or a job on the backbone holds it; a load or a calibration takes the pick after it
  const running = useRunning();
  const job = useBackboneJob('The backbone');
  const waiting = useBackbone((s) => s.status === 'loading' || s.calibrating !== null);
  return (
    <span data-testid="model-set-aside">
      Your model was trained on {name} and is kept in this browser: switch back to use it, or{' '}
      <a href="#step-train">train on this backbone</a>.{' '}
      <WaitingButton
        className="switch-back"
        waiting={waiting}
        disabled={running || job !== null}
        // the note goes once the model answers: the focus stays in Try it, on the import picker
        onClick={handingFocusOn('.panel', '.switch-back', '.panel input[type="file"]', () => void select(backboneId))}
      >
        Switch back to {name}
      </WaitingButton>
    </span>
  );
}
