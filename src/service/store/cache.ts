import type { DatabaseSync, StatementSync } from 'node:sqlite';

// What a student's every request reads (the session, the seat behind the token, the attempt)
// is kept in memory, so that an answer costs no SELECT and no row parse for them: in the burst
// of issue 16 those three reads were a third of the server's time per answer. The store is the
// database's only writer (the data folder's lock), so its own writes are all that can change a
// record; any statement that could change a kept record drops them all (rare: a submission, a
// lock, a removal), and so does a rollback. A plain INSERT changes no existing row, and only
// records found are kept, so a new row never meets a stale one.

/** The kept records: a bounded map per kind, emptied together. */
export class RecordCaches {
  readonly #caches: RecordCache<object>[] = [];
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  create<V extends object>(): RecordCache<V> {
    const cache = new RecordCache<V>(this.#limit);
    this.#caches.push(cache as RecordCache<object>);
    return cache;
  }

  clear(): void {
    for (const cache of this.#caches) cache.clear();
  }

  /**
   * `db.prepare`, except that running a statement that may change an existing row (anything but
   * a SELECT or a plain INSERT) first drops every kept record.
   */
  preparer(db: DatabaseSync): (sql: string) => StatementSync {
    return (sql) => {
      const statement = db.prepare(sql);
      if (/^\s*SELECT\b/i.test(sql) || (/^\s*INSERT\s+INTO\b/i.test(sql) && !/\bON\s+CONFLICT\b/i.test(sql))) return statement;
      const run = statement.run.bind(statement);
      statement.run = ((...args: Parameters<StatementSync['run']>) => {
        this.clear();
        return run(...args);
      }) as StatementSync['run'];
      return statement;
    };
  }
}

/**
 * Records by key, at most `limit` of them (the first kept goes first: a hall's records all fit).
 * A record is frozen when kept and handed out as it is: a caller that tries to change one gets a
 * TypeError at once (modules are strict), never a silently changed record for the next caller.
 */
export class RecordCache<V extends object> {
  readonly #records = new Map<string, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string, load: () => V | undefined): V | undefined {
    let record = this.#records.get(key);
    if (record !== undefined) return record;
    record = load();
    if (record === undefined) return undefined;
    deepFreeze(record);
    if (this.#records.size >= this.#limit) this.#records.delete(this.#records.keys().next().value!);
    this.#records.set(key, record);
    return record;
  }

  get size(): number {
    return this.#records.size;
  }

  clear(): void {
    this.#records.clear();
  }
}

function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null && !Object.isFrozen(inner)) deepFreeze(inner);
}
