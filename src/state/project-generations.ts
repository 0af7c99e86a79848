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
/** told of each other project taking the page's place (state/undo.ts puts the undos of the others away) */
const listeners = new Set<(current: number) => void>();
export function onProjectChange(listener: (current: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function setGenerations(g: Generations): void {
  const was = generations().current;
  memory = g;
  writeLocal('projectGeneration', g);
  if (g.current !== was) for (const listener of listeners) listener(g.current);
}
export const currentProject = (): number => generations().current;
/** an earlier project is on the page again (a replacement undone, or one that failed) */
export const backToProject = (current: number) => setGenerations({ ...generations(), current });
/** An undo reached in a project it was not made in: `project` is the one it belongs to (state/undo.ts words it). */
export class OtherProject extends Error {
  constructor(readonly project: number) {
    super('it belongs to an earlier project: undo the new or opened project that replaced it first');
  }
}
export const sameProject = (made: number): void => {
  if (made !== currentProject()) throw new OtherProject(made);
};
