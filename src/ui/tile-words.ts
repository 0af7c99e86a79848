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

/** The class a tile offers to move its image to (the model's confident answer), or null: no suggestion. */
export function labelDoubt(p: ValPrediction): number | null {
  if (p.predicted === p.label) return null;
  const answer = p.probabilities[p.predicted] ?? 0;
  const own = p.probabilities[p.label] ?? 0;
  return answer >= SURE_ANSWER && own < UNLIKELY_LABEL ? p.predicted : null;
}

/** The class name a tile's "Label wrong? Move to …" names, or undefined: only the plain Move to… select. */
export function moveSuggestion(p: ValPrediction, classes: readonly string[]): string | undefined {
  const doubt = labelDoubt(p);
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
