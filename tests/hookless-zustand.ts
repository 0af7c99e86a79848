import { createStore, type StateCreator } from 'zustand/vanilla';

/**
 * zustand for components called as functions, without React rendering them: its own hooks need
 * React's dispatcher, so a store's hook reads the store's state at once instead. A test file says
 * `vi.mock('zustand', async (original) => (await import('./hookless-zustand')).hooklessZustand(await original<object>()))`.
 */
export function hooklessZustand(original: object) {
  const create = (init: StateCreator<unknown>) => {
    const api = createStore(init);
    return Object.assign((select = (s: unknown) => s) => select(api.getState()), api);
  };
  return { ...original, create };
}
