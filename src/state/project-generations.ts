import { readLocal, writeLocal } from '../core/storage/local';

/**
 * Which project the page holds (a new or opened one replaces it; that replacement's undo brings the
 * number back): a deletion or move is undone only into the project it was made in. Undone after an
 * Open project, it put the deleted class into the opened one.
 */
export interface Generations {
  /** the project on the page */
  current: number;
  /** the highest number given out */
  issued: number;
}
/**
 * Kept in localStorage, as the undos are, so a reload keeps telling the projects apart; this page's
 * own copy comes first (a write storage refused left an older value there).
 */
let memory: Generations | null = null;
export function generations(): Generations {
  if (memory) return memory;
  const kept = readLocal('projectGeneration') as Partial<Generations> | null;
  return { current: Number(kept?.current) || 0, issued: Number(kept?.issued) || 0 };
}
export function setGenerations(g: Generations): void {
  memory = g;
  writeLocal('projectGeneration', g);
}
export const currentProject = (): number => generations().current;
/** an earlier project is on the page again (a replacement undone, or one that failed) */
export const backToProject = (current: number) => setGenerations({ ...generations(), current });
export const sameProject = (made: number): void => {
  if (made !== currentProject())
    throw new Error('it was made in the project that was replaced since: put that project back first (its Undo)');
};
