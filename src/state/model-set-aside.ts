import { create } from 'zustand';
import { findBackboneSpec } from '../core/backbones/registry';
import type { UndoOffer } from './undo';

/**
 * The model trained here waits in storage for the backbone it was trained on while another is
 * loaded (picking that one again brings it back: state/coordinator-backbone.ts). A switch that
 * leaves it behind is offered back, and Try it says where it went, instead of a bare "No model yet".
 */
export interface SetAside {
  /** the backbone it was trained on */
  backboneId: string;
  /** model-in-use's modelChanges() when it was noted: a model answering since took its place in storage, or on the page */
  changes: number;
}

export const useModelSetAside = create<{ setAside: SetAside | null }>(() => ({ setAside: null }));

/** What the set-aside model asks of the other stores (wired by state/coordinator-backbone.ts). */
export interface SetAsideContext {
  loadedId(): string | null;
  /** the backbone the model kept in storage was trained on (undefined: none kept, or not known) */
  storedOn(): Promise<string | undefined>;
  modelChanges(): number;
  /** why the backbone cannot change now (a run, the learning-rate finder), or null */
  busy(): string | null;
  /** picks and loads that backbone; resolves once it has loaded or failed */
  select(id: string): Promise<void>;
  /** why the last load failed, or null */
  loadError(): string | null;
  offerUndo(offer: UndoOffer<{ kind: 'backbone-switch' }>): string;
  dismissUndo(id: string): void;
}

export const backboneName = (id: string): string => findBackboneSpec(id)?.name ?? 'the backbone';

export const setAsideLabel = (from: string, to: string): string =>
  `The model trained on ${backboneName(from)} is set aside while ${backboneName(to)} is loaded`;

/** the switch's undo still offered, the backbone it switches back to, and modelChanges() then */
let offered: { id: string; backboneId: string; changes: number } | null = null;

/**
 * Another model answered (a run's, an import, a project replaced): the one set aside is no longer
 * the one to name, nor to offer back (a run's model took its place in storage).
 */
export function modelChanged(ctx: Pick<SetAsideContext, 'modelChanges' | 'dismissUndo'>): void {
  const { setAside } = useModelSetAside.getState();
  if (setAside && setAside.changes !== ctx.modelChanges()) useModelSetAside.setState({ setAside: null });
  if (offered && offered.changes !== ctx.modelChanges()) {
    ctx.dismissUndo(offered.id);
    offered = null;
  }
}

/**
 * Another backbone loaded (or the first one): which model waits in storage for its own is read
 * again. `left`: the backbone before it, whose model shown on the page went with it (`kept`: that
 * model is the one in storage), offered back with an undo that picks that backbone again.
 */
export async function backboneSwitched(
  ctx: SetAsideContext,
  loadedId: string,
  left: { from: string; kept: Promise<boolean> } | null,
): Promise<void> {
  const since = ctx.modelChanges();
  // its own backbone is back: the model comes back from storage, and the undo has nothing left to do
  if (useModelSetAside.getState().setAside?.backboneId === loadedId) useModelSetAside.setState({ setAside: null });
  if (offered?.backboneId === loadedId) {
    ctx.dismissUndo(offered.id);
    offered = null;
  }
  let shownKept = false;
  let storedOn: string | undefined;
  try {
    // a run's save still going decides what storage holds
    shownKept = left !== null && (await left.kept);
    storedOn = await ctx.storedOn();
  } catch {
    return;
  }
  // a later load reads again for itself
  if (ctx.loadedId() !== loadedId) return;
  // a model without its backbone's name (an older save) answers on any backbone; a removed backbone cannot be picked again
  const waits = storedOn !== undefined && storedOn !== loadedId && findBackboneSpec(storedOn) !== undefined;
  if (ctx.modelChanges() === since)
    useModelSetAside.setState({ setAside: waits ? { backboneId: storedOn!, changes: since } : null });
  if (left && waits && shownKept && storedOn === left.from && ctx.modelChanges() === since)
    offerSwitchBack(ctx, left.from, loadedId, since);
}

function offerSwitchBack(ctx: SetAsideContext, from: string, to: string, changes: number): void {
  const id = ctx.offerUndo({
    label: setAsideLabel(from, to),
    saved: { kind: 'backbone-switch' },
    heldImages: [],
    async undo() {
      // picked again meanwhile: the model is back already
      if (ctx.loadedId() === from) return;
      const busy = ctx.busy();
      if (busy) throw new Error(busy);
      if ((await ctx.storedOn()) !== from)
        throw new Error(
          `Another model has taken its place since: switching back to ${backboneName(from)} would not bring it back.`,
        );
      await ctx.select(from);
      if (ctx.loadedId() !== from) throw new Error(ctx.loadError() ?? `${backboneName(from)} could not be loaded.`);
    },
    finalise() {
      if (offered?.id === id) offered = null;
    },
  });
  if (offered) ctx.dismissUndo(offered.id);
  offered = { id, backboneId: from, changes };
}
