import type { BackboneSpec } from '../src/core/backbones/registry';
import { registerBackbone } from '../src/core/backbones/registry';
import { customBackboneContext, rememberBackbone } from '../src/state/custom-backbone';
import type { UndoOffer } from '../src/state/undo';
import { installLocalStorage, resetWorker, worker } from './fake-worker';

/**
 * The page around a brought backbone, for the tests that remove one: import it after
 * `vi.mock('../src/worker/client', () => import('./fake-worker'))`.
 */
export interface BroughtBackbonePage {
  /** the page's localStorage */
  store: Map<string, string>;
  /** the backbone the page has selected (a removal selects the default) */
  selected: string;
  /** the undos the page was offered, with the time a revived one was given */
  offers: { offer: UndoOffer; ms?: number }[];
  /** the backbones whose weights the worker was told to delete */
  forgotten: string[];
  /** what the worker was told to keep each time it deleted the unlisted backbones' weights */
  unlistedKept: string[][];
}

/** `spec` brought (registered and in the stored list) on a page that has `selected` selected. */
export function broughtBackbonePage(spec: BackboneSpec, selected: string): BroughtBackbonePage {
  resetWorker();
  const page: BroughtBackbonePage = {
    store: installLocalStorage().store,
    selected,
    offers: [],
    forgotten: [],
    unlistedKept: [],
  };
  worker.forgetBackboneFiles = async (id: string) => void page.forgotten.push(id);
  worker.forgetUnlistedBackbones = async (ids: string[]) => void page.unlistedKept.push(ids);
  customBackboneContext.connect({
    selected: () => page.selected,
    select: async (id) => void (page.selected = id),
    listChanged: () => undefined,
    loadWith: async () => undefined,
    markSelected: () => undefined,
    loaded: () => null,
    error: () => null,
    locked: () => null,
    offerUndo: (offer, ms) => void page.offers.push({ offer: offer as UndoOffer, ms }),
  });
  registerBackbone({ ...spec });
  rememberBackbone({ ...spec });
  return page;
}
