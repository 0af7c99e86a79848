import { useEffect } from 'react';
import { useTraining } from '../../state/training';
import { pageTitle, trainingTitle } from './page-title';

/**
 * Keeps the tab's title on what the studio is doing (a run's epoch, the model's accuracy), for a
 * person in another tab or window. A component of its own that draws nothing: it re-renders when
 * the title's words change (an epoch, not a batch), and nothing else with it.
 */
export function PageTitle({ elsewhere = false }: { elsewhere?: boolean }) {
  const fromRun = useTraining(trainingTitle);
  const title = elsewhere ? pageTitle({ elsewhere }) : fromRun;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
