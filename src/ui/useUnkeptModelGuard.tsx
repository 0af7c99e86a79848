import { useState, type ReactNode } from 'react';
import { useTraining, type TrainingState } from '../state/training';
import { unkept, zipDownloaded } from '../state/leave-guard';
import { ConfirmDialog } from './ConfirmDialog';

export { unkept };

/** what replacing the project does to such a model, said in its confirm dialog */
export const UNKEPT_ON_REPLACE =
  'Its trained model is not kept in this browser’s storage, so Undo cannot bring it back: download it first (Export, in the Deploy step) to keep it.';

/** where the person already downloaded the model's zip: what brings the model back, not "download it first" */
export const UNKEPT_DOWNLOADED_ON_REPLACE =
  'Its trained model is not kept in this browser’s storage, so Undo cannot bring it back; the zip you downloaded can (“Import a model (zip)…”, in Try it).';

/** the replace question's words on the results' model, or null when storage kept it */
export const unkeptOnReplace = (s: TrainingState) =>
  unkept(s) ? (zipDownloaded(s) ? UNKEPT_DOWNLOADED_ON_REPLACE : UNKEPT_ON_REPLACE) : null;

export interface Asked {
  /** what the change is, as the dialog's title asks it ("Pick MobileNetV1?") */
  title: string;
  /** the verb on the button that goes ahead ("Pick anyway") */
  confirm: string;
  /** what the change does to the backbone, for the reason ("Picking it loads another backbone") */
  does: string;
  go(): void;
}

/** the question for moving the backbone to another backend (the select, the calibration's offer) */
export const movingTo = (backend: string, go: () => void): Asked => ({
  title: `Move the backbone to ${backend}?`,
  confirm: `Move to ${backend} anyway`,
  does: `Moving it loads the backbone again on ${backend}`,
  go,
});

/**
 * Picking another backbone, moving it to another backend or calibrating reloads the backbone, and
 * the worker drops the model trained on it: a model storage kept comes back, one storage refused
 * ("not kept for your next visit", which promised it works until the page closes) was lost without
 * a word. Such a change is asked first, with the way to keep the model.
 */
export function useUnkeptModelGuard(): { guard(asked: Asked): void; dialog: ReactNode } {
  const [asked, setAsked] = useState<Asked | null>(null);
  const downloaded = useTraining(zipDownloaded);
  const guard = (a: Asked) => (unkept(useTraining.getState()) ? setAsked(a) : a.go());
  const dialog = asked && (
    <ConfirmDialog
      title={asked.title}
      confirm={asked.confirm}
      // the model it drops cannot come back: red, as the other answers that throw work away
      danger
      onConfirm={() => {
        setAsked(null);
        asked.go();
      }}
      onCancel={() => setAsked(null)}
    >
      {asked.does}, which drops the trained model: this browser&apos;s storage did not keep it, so it cannot come back.
      {downloaded
        ? ' The zip you downloaded can (“Import a model (zip)…”, in Try it).'
        : ' Cancel and download it first (Export, in the Deploy step) to keep it.'}
    </ConfirmDialog>
  );
  return { guard, dialog };
}
