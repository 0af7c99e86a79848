import { firstNames } from '../core/data/problems';

/** What the autosave says when a save left something out (none: everything is saved). */
export function saveProblems({
  savedHere,
  failed,
  recordStale,
  unstored,
}: {
  /** images of the project in storage */
  savedHere: number;
  /** images refused for space */
  failed: number;
  /** the record (classes, settings) refused for space: the last one that fitted stays */
  recordStale: boolean;
  /** images whose files storage refused for another reason than space */
  unstored: { name: string; why: string }[];
}): string[] {
  const stale = recordStale ? `; the latest change to classes or settings is not saved${failed ? ' either' : ''}` : '';
  const notSaved = failed ? `, ${failed} newer one${failed === 1 ? ' is' : 's are'} not` : '';
  const problems: string[] = [];
  // freed space is no change of the project, so no save follows it: the bar's "Try saving again" is the way back
  if (failed || recordStale)
    problems.push(
      `Browser storage is full: ${savedHere} image${savedHere === 1 ? ' is' : 's are'} saved${notSaved}${stale} (${failed ? 'they stay' : 'it stays'} on the page until you close it). Free space and try saving again, or use "Download project (zip)" to keep everything.`,
    );
  if (unstored.length) {
    const one = unstored.length === 1;
    // the browser's own words: a file gone from the disk and a database that failed read alike
    const why = [...new Set(unstored.map((u) => u.why))].join('; ');
    problems.push(
      `${unstored.length} image${one ? '' : 's'} could not be stored in this browser (${why}): ${firstNames(unstored.map((u) => u.name))}. ${one ? 'It stays' : 'They stay'} on the page and the next save tries again; a reload before then loses ${one ? 'it' : 'them'}, "Download project (zip)" keeps everything.`,
    );
  }
  return problems;
}

/** What the page says when storage did not answer at start (state/persist.ts waits OPEN_WAIT_MS). */
export const STORAGE_SILENT_AT_START =
  'Browser storage did not answer (another tab of this studio, from an older version, may be holding it: close it and reload). What you do here is not saved until then: use "Download project (zip)" to keep it.';

/**
 * Storage silent at start answering at last: the project's record was held back, but the model is
 * another database, which a run or an import here may have written meanwhile.
 */
export const STORAGE_ANSWERS_LATE =
  'Browser storage answers now: reload the page to bring your saved project back (its classes, images and settings were not written over; a model trained or imported here meanwhile may have replaced its model).';
