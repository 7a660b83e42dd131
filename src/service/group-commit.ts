import type { DatabaseSync } from 'node:sqlite';

// Group commit: writes that arrive together share one transaction, hence one fsync.
//
// With synchronous = FULL every COMMIT waits for the disk; one commit per answer caps a class at
// what the disk does per second (953 answers a second with a p99 of 588 ms in the burst that
// issue 16 measured). node:sqlite is synchronous, so "together" has to mean something the event
// loop can see: every write queued during one turn of the loop (all the requests whose bytes
// arrived in one poll) is committed by one flush scheduled with setImmediate, after that turn's
// I/O callbacks. While that commit waits for the disk, the next requests pile up in the kernel;
// the next turn takes them all at once, so batches grow by themselves exactly when the disk is
// the bottleneck, and a lone answer is committed at once, without any timer to wait out.
//
// Durability is unchanged: a caller's promise resolves only after the COMMIT that holds its
// write has returned, so nothing is acknowledged that a crash or a power cut could take back.
// Each write runs in its own savepoint, so a write that fails is rolled back alone and fails
// alone; the others in the batch are committed. If the COMMIT itself fails (a full disk), every
// write of the batch fails, as each would have on its own.

export interface GroupCommit {
  /** Queues `write` (statements on the database); resolves once committed, rejects with its own error or the commit's. */
  enqueue(write: () => void): Promise<void>;
  /**
   * Commits whatever is queued, now. Called before anything that must see the queued writes or
   * be ordered after them (reads of what they write, a submission, a transaction of its own).
   */
  flush(): void;
  /** Writes queued and not yet committed. */
  readonly pending: number;
}

interface Queued {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** How a flush is scheduled after a write is queued; setImmediate (after this turn's I/O) by default. */
  schedule?: (flush: () => void) => void;
  /** Called with the size of each committed batch (benchmarks). */
  onBatch?: (size: number) => void;
}

export function createGroupCommit(db: DatabaseSync, options: GroupCommitOptions = {}): GroupCommit {
  const schedule = options.schedule ?? ((flush: () => void) => void setImmediate(flush));
  let queue: Queued[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const written: Queued[] = [];
    let fatal: unknown;
    for (const item of batch) {
      if (fatal !== undefined) {
        item.reject(fatal);
        continue;
      }
      db.exec('SAVEPOINT queued_write');
      try {
        item.write();
        db.exec('RELEASE queued_write');
        written.push(item);
      } catch (error) {
        item.reject(error);
        try {
          db.exec('ROLLBACK TO queued_write');
          db.exec('RELEASE queued_write');
        } catch (rollbackError) {
          // SQLite already rolled the whole transaction back (an I/O error, a full disk): the
          // writes before this one are gone too, and those after it cannot be made.
          fatal = rollbackError;
        }
        if (!db.isTransaction) fatal ??= error;
      }
    }
    if (fatal !== undefined) {
      if (db.isTransaction) db.exec('ROLLBACK');
      for (const item of written) item.reject(fatal);
      return;
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) {
        try {
          db.exec('ROLLBACK');
        } catch {
          // the connection is gone; every write below is reported as failed anyway
        }
      }
      for (const item of written) item.reject(error);
      return;
    }
    options.onBatch?.(batch.length);
    for (const item of written) item.resolve();
  }

  return {
    enqueue(write) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          schedule(flush);
        }
      });
    },
    flush,
    get pending() {
      return queue.length;
    },
  };
}
