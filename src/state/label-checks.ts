import { create } from 'zustand';

/**
 * The results tiles a person has looked at and found correctly labelled: the model's mistake, not
 * the label's. Most confident mistakes are the model's (tile-words.ts), and with a dozen tiles open
 * a person lost track of which were already checked. Kept by image id for this visit: a tile checked
 * stays so across the next run, where the same image is often wrong again. A mark only, nothing the
 * project trains on, so it is not saved with the project.
 */
export interface LabelChecksState {
  checked: Readonly<Record<string, true>>;
  /** marks the image's label as checked, or takes the mark away */
  toggle(id: string): void;
}

export const useLabelChecks = create<LabelChecksState>((set) => ({
  checked: {},
  toggle: (id) =>
    set(({ checked }) => {
      const next = { ...checked };
      if (next[id]) delete next[id];
      else next[id] = true;
      return { checked: next };
    }),
}));
