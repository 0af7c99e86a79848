/**
 * What a store needs of the other stores, handed to it once at start-up by state/coordinator.ts
 * (connectStores), so that no store imports another: each declares its needs as an interface and
 * the coordinator, the one module that knows every store, fills it in.
 */
export function storeContext<T>(store: string) {
  let context: T | null = null;
  return {
    connect(ctx: T | null): void {
      context = ctx;
    },
    get(): T {
      if (!context) throw new Error(`The ${store} store is not connected (state/coordinator.ts connectStores)`);
      return context;
    },
    /** the context, or null before the coordinator connected it (a store used alone, in a test) */
    peek: (): T | null => context,
  };
}
