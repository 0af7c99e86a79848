import type { ModelInfo } from '../state/model-in-use-types';

type Shown = Pick<ModelInfo, 'kind' | 'name' | 'labels'>;

/**
 * What Try it's status line has said of the model's changes: the wait ("Importing x.zip…") while
 * one is made, then its outcome. The wait's line only emptied, and a screen reader heard nothing of
 * the model that came (or of none coming: its error is an alert of its own).
 */
export interface SwitchWatch {
  switching: string | null;
  model: Shown | null;
  /** the model in use when the wait began (set while waiting) */
  from?: { model: Shown | null };
  /** the outcome, said until another model comes or another wait begins */
  note: string | null;
}

/** The line for a model that answers now. */
export function answersNow(model: Shown): string {
  const classes = `${model.labels.length} ${model.labels.length === 1 ? 'class' : 'classes'}`;
  // the imported model's name is its file's; the others' ("trained here", "trained on …") follow "The model"
  return `${model.kind === 'imported' ? model.name : `The model ${model.name}`} (${classes}) answers Try it now.`;
}

export const startWatch = (switching: string | null, model: Shown | null): SwitchWatch =>
  switching === null ? { switching, model, note: null } : { switching, model, from: { model }, note: null };

/** The watch after Try it's state moved on to `switching` and `model`. */
export function watchSwitch(prev: SwitchWatch, switching: string | null, model: Shown | null): SwitchWatch {
  if (switching !== null) return { switching, model, from: prev.from ?? { model: prev.model }, note: null };
  if (prev.from) return { switching, model, note: model && model !== prev.from.model ? answersNow(model) : null };
  // another model came without a wait here (a run's): the line said of the one before goes
  return { switching, model, note: model === prev.model ? prev.note : null };
}
