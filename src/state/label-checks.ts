import { create } from 'zustand';

/**
 * The results tiles a person has looked at and found correctly labelled: the model's mistake, not
 * the label's. Most confident mistakes are the model's (tile-words.ts), and with a dozen tiles open
 * a person lost track of which were already checked. Kept by image id: a tile checked stays so
 * across the next run, where the same image is often wrong again, and with the project (its autosave
 * and zip, page-record.ts), as the review's other marks are.
 */
export interface LabelChecksState {
  checked: Readonly<Record<string, true>>;
  /** marks the image's label as checked, or takes the mark away */
  toggle(id: string): void;
  /** another project's marks (none: a new project) */
  replace(ids: readonly string[]): void;
}

export const useLabelChecks = create<LabelChecksState>((set) => ({
  checked: {},
  replace: (ids) => set({ checked: Object.fromEntries(ids.map((id) => [id, true as const])) }),
  toggle: (id) =>
    set(({ checked }) => {
      const next = { ...checked };
      if (next[id]) delete next[id];
      else next[id] = true;
      return { checked: next };
    }),
}));
