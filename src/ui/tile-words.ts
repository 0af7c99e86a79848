import type { ValPrediction } from '../core/train/top-losses';

/**
 * How sure the model must be of its own answer before a results tile asks "Label wrong?". At 45%
 * a wrong answer is as likely a hard image (or a weak model) as a wrong label, and the one-click
 * move put correctly labelled images into the wrong class. A confident answer against its label is
 * what a mislabel looks like.
 */
export const SURE_ANSWER = 0.8;

/**
 * And how little it may give the image's own class. With two classes the two bars are one; with
 * more, a model torn between its answer and the label is not saying the label is wrong.
 */
export const UNLIKELY_LABEL = 0.2;

/**
 * And how good the model must be shown to be before its confidence counts: the low end of its
 * validation accuracy's 95% interval. A small head on 24 images is 99% sure of wrong answers, and
 * marking its answer as the fix taught the model its own mistake (correctly labelled roses moved to
 * tulip); 17 of 18 right (0.74) counts, 4 of 6 (0.30) does not.
 */
export const TRUSTED_FROM = 0.7;

/** Whether the run's confident answers may be marked as a label's likely fix (TRUSTED_FROM). */
export const trustsAnswers = (result: { valAccuracyInterval?: readonly [number, number] }): boolean =>
  (result.valAccuracyInterval?.[0] ?? 0) >= TRUSTED_FROM;

/**
 * The class a tile offers to move its image to (the model's confident answer), or null: no
 * suggestion. `trusted`: the model's figures say its confidence means something (trustsAnswers).
 */
export function labelDoubt(p: ValPrediction, trusted: boolean): number | null {
  if (!trusted || p.predicted === p.label) return null;
  const answer = p.probabilities[p.predicted] ?? 0;
  const own = p.probabilities[p.label] ?? 0;
  return answer >= SURE_ANSWER && own < UNLIKELY_LABEL ? p.predicted : null;
}

/** The class name a tile's "Label wrong? Move to …" names, or undefined: only the plain Move to… select. */
export function moveSuggestion(p: ValPrediction, classes: readonly string[], trusted: boolean): string | undefined {
  const doubt = labelDoubt(p, trusted);
  return doubt === null ? undefined : classes[doubt];
}

const percent = (x: number) => `${(x * 100).toFixed(0)}%`;

/** What the model said of a validation image, in words: "the model said daisy (45%)". */
export const modelSaid = (p: ValPrediction, classes: readonly string[]) =>
  `the model said ${classes[p.predicted]} (${percent(p.probabilities[p.predicted] ?? 0)})`;

/** A top loss's caption: its label and the model's answer, each said once. */
export const topLossCaption = (p: ValPrediction, classes: readonly string[]) =>
  `labelled ${classes[p.label]}, ${modelSaid(p, classes)}`;

/** The loss behind a top loss's place in the list, for those who look further (the tile's title). */
export const howWrong = (p: ValPrediction & { loss: number }, classes: readonly string[]) =>
  `How wrong (loss): ${p.loss.toFixed(2)}; the model gave ${classes[p.label]} ${percent(p.probabilities[p.label] ?? 0)}`;

/** A tile's lead line, what a person scans the gallery for: "tulip → daisy · 53%" (label → answer · how sure). */
export const tileHeadline = (p: ValPrediction, classes: readonly string[]) =>
  `${classes[p.label]} → ${classes[p.predicted]} · ${percent(p.probabilities[p.predicted] ?? 0)}`;

/**
 * Up to this many classes a tile offers every other class as a button of its own (three at most,
 * beside Delete); past it the buttons would outgrow the tile, and all but the first go in a select.
 */
export const MOVE_BUTTONS_UP_TO = 4;

/**
 * Where a tile offers to move its image, `own` being the class it is in now: the model's answer
 * first (the usual fix), then the label it was seen with (the way back after a move), then the
 * rest as listed. With few classes every one is a button; with more, only the first, the rest in a
 * select. The buttons keep their number as the image moves, so the one under the focus stays.
 */
export function moveChoices(
  classes: readonly string[],
  own: string,
  predicted?: string,
  labelled?: string,
): { buttons: string[]; rest: string[] } {
  const others = classes.filter((c) => c !== own);
  const lead = [...new Set([predicted, labelled])].filter((c): c is string => !!c && others.includes(c));
  const ordered = [...lead, ...others.filter((c) => !lead.includes(c))];
  const shown = classes.length <= MOVE_BUTTONS_UP_TO ? ordered.length : Math.min(1, lead.length);
  return { buttons: ordered.slice(0, shown), rest: ordered.slice(shown) };
}
