import { readLocal, writeLocal } from '../core/storage/local';
import { create } from 'zustand';

/**
 * "Larger charts" in the Train step: one chart a row, taller, for reading the curves as in Create
 * ML or TensorBoard. A preference of this device, not of the project: kept in localStorage, never in
 * the project's record or its zip, and New project leaves it as it is.
 */
const stored = (): boolean => readLocal('largerCharts') === true;

// storage full or blocked: the charts still switch, for this visit only
const keep = (large: boolean): void => void writeLocal('largerCharts', large ? true : null);

export interface ChartSizeState {
  large: boolean;
  setLarge(large: boolean): void;
}

export const useChartSize = create<ChartSizeState>((set) => ({
  large: stored(),
  setLarge(large) {
    keep(large);
    set({ large });
  },
}));
