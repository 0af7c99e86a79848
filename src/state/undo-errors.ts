/**
 * Thrown by an undo for a reason that will not pass (what it would bring back is gone): the toast
 * stops offering Undo, where a reason that can pass (a run under way) leaves it to be tried again.
 * Apart from state/undo.ts, a store, so the stores whose undos throw it need not import that store.
 */
export class NoLongerUndoable extends Error {}
