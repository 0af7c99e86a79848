import { POOLED_BOUNDARY } from '../core/backbones/backbone';
import type { FeatureCache } from '../core/features/cache';
import type { Row } from '../core/features/float16';
import { openDatabase } from '../core/storage/databases';

/**
 * The pooled features (and their augmented views) outlive the page: after a reload, training
 * reuses them instead of running every image through the backbone again. Only pooled rows are
 * kept (a few kB per image); fine-tuning's boundary activations are far bigger and stay in memory.
 * Rows are stored under [image id, table key], so deleting an image deletes its rows in one range.
 */
const STORE = 'rows';
/** "when affordable": past this the rest stays in memory only */
export const FEATURE_STORE_BUDGET = 64 << 20;

type Key = [imageId: string, table: string];

export const isPooledTable = (table: string) => table.split('|')[1]?.split('#')[0] === POOLED_BOUNDARY;

export function featureStore(cache: FeatureCache) {
  const open = () => openDatabase('features');
  const saved = new Map<string, number>(); // `${id}\u0000${table}` → bytes
  const tag = (id: string, table: string) => `${id}\u0000${table}`;
  const bytes = () => [...saved.values()].reduce((a, b) => a + b, 0);
  let loaded: Promise<number> | null = null;
  /** storage is full (the page's autosave said so): the rows stay in memory only, the room is the images' */
  let paused = false;
  /** the backbone id whose loaded weights are files someone dropped (weightsDroppedUnder) */
  let dropped: string | null = null;
  const trusted = (table: string) => table.split('|')[0] !== dropped;
  /** the read left rows out for the dropped files' id: the listed weights, loaded later, read storage again */
  let leftOut = false;

  async function forgetRows(ids: string[]): Promise<void> {
    if (!ids.length) return;
    try {
      const tx = (await open()).transaction(STORE, 'readwrite');
      // every [id, table] key sorts between [id] and [id, []] (arrays sort after strings)
      await Promise.all([...ids.map((id) => tx.store.delete(IDBKeyRange.bound([id], [id, []]))), tx.done]);
      const drop = new Set(ids);
      for (const key of [...saved.keys()]) if (drop.has(key.split('\u0000')[0])) saved.delete(key);
    } catch {
      // nothing stored, or storage unavailable
    }
  }

  return {
    /** Once per worker: the rows an earlier visit saved for these images go into the cache. */
    load(ids: Iterable<string>): Promise<number> {
      const wanted = new Set(ids);
      loaded ??= (async () => {
        const d = await open();
        const tx = d.transaction(STORE);
        const [keys, rows] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
        let n = 0;
        const gone = new Set<string>();
        keys.forEach((k, i) => {
          const [id, table] = k as Key;
          const row = rows[i] as Row;
          if (!wanted.has(id)) return void gone.add(id);
          saved.set(tag(id, table), row.byteLength);
          if (!trusted(table)) return void (leftOut = true);
          const t = cache.table(table);
          if (!t.has(id)) {
            t.set(id, row);
            n++;
          }
        });
        // rows of images the project no longer holds (another project opened, a deletion missed)
        // would only eat the budget
        await forgetRows([...gone]);
        return n;
      })().catch(() => 0);
      return loaded;
    },

    /** Writes the pooled rows not yet stored, up to the budget. Never throws: storage is a bonus here. */
    async save(): Promise<number> {
      await loaded;
      if (paused) return 0;
      const fresh: [Key, Row][] = [];
      let total = bytes();
      for (const table of cache.keys().filter((t) => isPooledTable(t) && trusted(t))) {
        for (const [id, row] of cache.peek(table)!) {
          if (saved.has(tag(id, table)) || total + row.byteLength > FEATURE_STORE_BUDGET) continue;
          fresh.push([[id, table], row]);
          total += row.byteLength;
        }
      }
      if (!fresh.length) return 0;
      try {
        const tx = (await open()).transaction(STORE, 'readwrite');
        await Promise.all([...fresh.map(([k, row]) => tx.store.put(row, k)), tx.done]);
        fresh.forEach(([[id, table], row]) => saved.set(tag(id, table), row.byteLength));
        return fresh.length;
      } catch {
        return 0;
      }
    },

    /**
     * Files someone dropped under a backbone's id need not hold the weights that id names (the
     * listed copy's, or those a brought backbone's id is the fingerprint of): while they are the
     * loaded backbone, that id's rows are neither stored nor taken from storage, or a head would
     * train on features another set of weights made. Null: the loaded backbone's id names its weights.
     */
    weightsDroppedUnder(id: string | null): void {
      if (leftOut && id !== dropped) {
        // rows skipped for the files stay stored: the next load reads them for the weights they fit
        loaded = null;
        leftOut = false;
      }
      dropped = id;
    },

    /** Deleted images (or images whose file changed) lose their stored rows. */
    forget: (ids: string[]) => forgetRows(ids),

    /**
     * Storage is full (off): the stored rows go and none is written until it has room again (on).
     * The cache in memory stays whole: a run, the feature map or the health check may be reading it.
     */
    async storing(on: boolean): Promise<void> {
      paused = !on;
      if (on) return;
      saved.clear();
      try {
        await (await open()).clear(STORE);
      } catch {
        // storage unavailable
      }
    },

    async clear(): Promise<void> {
      saved.clear();
      try {
        await (await open()).clear(STORE);
      } catch {
        // storage unavailable
      }
    },
  };
}

export type FeatureStore = ReturnType<typeof featureStore>;
