import type { TrainingState } from '../../state/training';

export const APP_NAME = 'Transfer Studio';

/** What the tab's title says of the studio: read in the tab strip and the window list while the person is elsewhere. */
export interface TitleFacts {
  /** this tab shows the notice that another tab holds the project */
  elsewhere?: boolean;
  status?: TrainingState['status'];
  /** epochs finished in the run under way */
  epochsDone?: number;
  epochsPlanned?: number;
  /** the validation accuracy of the model the studio has (0…1), null for none */
  valAccuracy?: number | null;
}

/**
 * The page's title: "Training 4/20 – Transfer Studio", "Trained: 93.1% – Transfer Studio"… The
 * epoch is counted as the step bar counts it (the one training, never past the plan).
 */
export function pageTitle(facts: TitleFacts): string {
  const { elsewhere, status, epochsDone = 0, epochsPlanned = 0, valAccuracy = null } = facts;
  const what = elsewhere
    ? 'Open in another tab'
    : status === 'warming' || status === 'extracting'
      ? 'Preparing to train'
      : status === 'training'
        ? `Training ${Math.min(epochsDone + 1, epochsPlanned)}/${epochsPlanned}`
        : status === 'error'
          ? 'Training failed'
          : valAccuracy !== null
            ? `Trained: ${(valAccuracy * 100).toFixed(1)}%`
            : null;
  return what ? `${what} – ${APP_NAME}` : APP_NAME;
}

/** The title from the training store: a string, so a store update that leaves it as it was re-renders nothing. */
export const trainingTitle = (s: TrainingState): string =>
  pageTitle({
    status: s.status,
    epochsDone: s.epochs.length,
    epochsPlanned: s.epochsPlanned,
    valAccuracy: s.result?.valAccuracy ?? null,
  });
