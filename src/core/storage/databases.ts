import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';

/**
 * Every IndexedDB database the studio keeps, in one place: its name, its object stores and the
 * steps that brought it to its current version. A database opened here is upgraded from whatever
 * version a user's browser holds, step by step, so data an older version wrote is carried over,
 * never dropped. To change a schema, append a step: never edit one that has shipped.
 *
 * Four databases rather than one: each is written by one side (the page keeps the project and the
 * model, the worker the backbones and the feature rows), and a backbone cache of tens of MB is
 * then never copied to move it into another database.
 */
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
/** upgrades a database from version `index` to `index + 1` */
type Migration = (db: IDBPDatabase, tx: UpgradeTx) => void | Promise<void>;

interface Schema {
  name: string;
  /** object stores, by what they hold */
  stores: Record<string, string>;
  migrations: Migration[];
}

export const DATABASES = {
  /** the autosaved project: image files by image id, and the record (classes, settings, pending undos) */
  project: {
    name: 'transfer-studio-project',
    stores: { images: 'images', meta: 'meta' },
    migrations: [
      (d) => {
        d.createObjectStore('images');
        d.createObjectStore('meta');
      },
    ],
  },
  /** the last trained model, the running run's checkpoint, the run history, the imported starting point, undo stashes */
  model: {
    name: 'transfer-studio-model',
    stores: { model: 'model' },
    migrations: [(d) => void d.createObjectStore('model')],
  },
  /** loaded backbones (model.json + weights), so a second visit works offline */
  backbones: {
    name: 'transfer-studio-backbones',
    stores: { artifacts: 'artifacts' },
    migrations: [(d) => void d.createObjectStore('artifacts')],
  },
  /** pooled feature rows under [image id, table key] */
  features: {
    name: 'transfer-studio-features',
    stores: { rows: 'rows' },
    migrations: [
      (d) => void d.createObjectStore('rows'),
      // the built-in backbones' pooled features gained an earlier map beside the feature layer's
      // (backbones/backbone.ts MID_POOL): rows pooled before are shorter and would not fit a head
      (_d, tx) => tx.objectStore('rows').clear(),
    ],
  },
} satisfies Record<string, Schema>;

export type DatabaseId = keyof typeof DATABASES;

export const databaseVersion = (id: DatabaseId) => DATABASES[id].migrations.length;

const opened = new Map<DatabaseId, Promise<IDBPDatabase>>();

/** The database, upgraded to the current version; one connection per thread, reopened after it was closed. */
export function openDatabase(id: DatabaseId): Promise<IDBPDatabase> {
  let db = opened.get(id);
  if (!db) {
    const { name, migrations } = DATABASES[id] as Schema;
    const forget = () => opened.get(id) === db && opened.delete(id);
    db = openDB(name, migrations.length, {
      async upgrade(d, from, to, tx) {
        for (let v = from; v < (to ?? migrations.length); v++) await migrations[v]!(d, tx as unknown as UpgradeTx);
      },
      // a newer version opened in another tab: step aside so it can upgrade (this tab reopens on next use)
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        forget();
      },
      terminated: forget,
    });
    // storage unavailable now (private mode, a blocked upgrade) may not be next time
    db.catch(forget);
    opened.set(id, db);
  }
  return db;
}

/** Closes every connection this thread holds (tests, before deleting a database). */
export async function closeDatabases(): Promise<void> {
  const all = [...opened.values()];
  opened.clear();
  await Promise.all(all.map((db) => db.then((d) => d.close()).catch(() => undefined)));
}
