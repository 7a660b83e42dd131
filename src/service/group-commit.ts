import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';

// Group commit: writes that arrive together share one transaction, hence one sync to disk.
//
// With synchronous = FULL every COMMIT waits for the disk; one commit per answer caps a class at
// what the disk does per second (953 answers a second with a p99 of 588 ms in the burst that
// issue 16 measured). node:sqlite is synchronous, so "together" has to mean something the event
// loop can see: every write queued during one turn of the loop (all the requests whose bytes
// arrived in one poll) is committed by one flush scheduled with setImmediate, after that turn's
// I/O callbacks. While that commit is made durable, the next requests pile up; the next turn
// takes them all at once, so batches grow by themselves exactly when the disk is the
// bottleneck, and a lone answer is committed at once, without any timer to wait out.
//
// Making a batch durable need not stop the event loop. Given `log` (the write-ahead log's file),
// a batch is committed with synchronous = NORMAL (its pages are written to the log, not yet
// synced: this takes microseconds) and the log file is then synced with fsync in Node's thread
// pool, while the loop goes on reading and scoring the next requests. A write is acknowledged
// only once a sync that started after its COMMIT has finished, which is exactly what
// synchronous = FULL guarantees (FULL syncs the same log file inside COMMIT). Batches committed
// while a sync runs wait for the next one, which covers them all. Without `log`, each COMMIT
// syncs by itself, with the connection's own setting.
//
// Durability is unchanged either way: a caller's promise resolves only after the write is in a
// committed transaction on disk, so nothing is acknowledged that a crash or a power cut could
// take back. Each write runs in its own savepoint, so a write that fails is rolled back alone
// and fails alone; the others in the batch are committed. If the COMMIT (or the sync after it)
// fails, such as on a full disk, every write of the batch fails, as each would have on its own.

export interface GroupCommit {
  /** Queues `write` (statements on the database); resolves once committed and synced, rejects with its own error or the commit's. */
  enqueue(write: () => void): Promise<void>;
  /**
   * Commits whatever is queued, now. Called before anything that must see the queued writes or
   * be ordered after them (reads of what they write, a submission, a transaction of its own).
   * The commit's acknowledgements still wait for its sync.
   */
  flush(): void;
  /** Commits what is queued and syncs what is committed, now (the store is closing); the log file is let go. */
  close(): void;
  /** Writes queued and not yet committed. */
  readonly pending: number;
}

interface Queued {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The write-ahead log as a file to sync, off the event loop or (closing) on it. */
export interface LogSync {
  sync(done: (error: Error | null) => void): void;
  syncNow(): void;
  close(): void;
}

export interface GroupCommitOptions {
  /** How a flush is scheduled after a write is queued; setImmediate (after this turn's I/O) by default. */
  schedule?: (flush: () => void) => void;
  /** Called with the size of each committed batch (benchmarks, crash trials). */
  onBatch?: (size: number) => void;
  /** Called after anything was rolled back (a failed write, or a whole batch): what was read meanwhile may be gone. */
  onRollback?: () => void;
  /**
   * Syncs of the log that may run at once (default 1). With more, a batch committed while a sync
   * runs has its own sync started at once instead of waiting for that one to finish: on a disk
   * whose syncs are slow, the first batches of a turn are acknowledged while the last are still
   * being read. Each sync still starts after the commits it acknowledges.
   */
  maxSyncs?: number;
  /** Writes after which a batch is committed at once, within the turn (default: none, the whole turn). */
  maxBatch?: number;
  /**
   * The write-ahead log, synced off the event loop after each commit (see above). The connection
   * must be in WAL mode with synchronous = FULL for everything else: the batch switches it to
   * NORMAL for its own COMMIT only.
   */
  log?: LogSync;
}

/** The write-ahead log of the database at `file`, opened when first synced (it exists once something was committed). */
export function walLogSync(file: string): LogSync {
  let fd: number | undefined;
  let inFlight = 0;
  let closing = false;
  const open = () => (fd ??= openSync(`${file}-wal`, 'r+')); // Windows syncs only a handle open for writing
  const release = () => {
    if (fd !== undefined && inFlight === 0) {
      closeSync(fd);
      fd = undefined;
    }
  };
  return {
    sync(done) {
      let handle: number;
      try {
        handle = open();
      } catch (error) {
        return done(error as Error);
      }
      inFlight++;
      fsync(handle, (error) => {
        inFlight--;
        if (closing) release();
        done(error);
      });
    },
    syncNow() {
      fsyncSync(open());
    },
    close() {
      closing = true;
      release(); // or once the sync in flight has finished
    },
  };
}

export function createGroupCommit(db: DatabaseSync, options: GroupCommitOptions = {}): GroupCommit {
  const schedule = options.schedule ?? ((flush: () => void) => void setImmediate(flush));
  const { log } = options;
  let queue: Queued[] = [];
  let scheduled = false;
  /** Committed, waiting for a sync that starts after their commit. */
  let unsynced: Queued[] = [];
  /** Committed, each list covered by a sync in flight. */
  const syncing = new Set<Queued[]>();
  const maxSyncs = options.maxSyncs ?? 1;
  const maxBatch = options.maxBatch ?? Infinity;
  let closed = false;
  let committing = false;

  const rolledBack = () => options.onRollback?.();
  // Prepared once: compiling these two for every write was a tenth of a batch's time.
  const savepoint = db.prepare('SAVEPOINT queued_write');
  const release = db.prepare('RELEASE queued_write');

  function startSync(): void {
    if (!log || syncing.size >= maxSyncs || unsynced.length === 0) return;
    const covered = unsynced;
    unsynced = [];
    syncing.add(covered);
    log.sync((error) => {
      syncing.delete(covered);
      if (closed) return; // close() synced and answered them already
      for (const item of covered) {
        if (error) item.reject(error);
        else item.resolve();
      }
      startSync();
    });
  }

  function commit(batch: Queued[]): void {
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
      savepoint.run();
      try {
        item.write();
        release.run();
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
        rolledBack();
      }
    }
    if (fatal !== undefined) {
      if (db.isTransaction) db.exec('ROLLBACK');
      rolledBack();
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
      rolledBack();
      for (const item of written) item.reject(error);
      return;
    }
    options.onBatch?.(batch.length);
    if (!log) {
      for (const item of written) item.resolve();
      return;
    }
    unsynced.push(...written);
    startSync();
  }

  function flush(): void {
    // A write of the batch being committed that reads (a join reads the attempt it starts) sees
    // the transaction it is part of; what was queued meanwhile waits for the next flush.
    if (committing) return;
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    committing = true;
    try {
      if (!log) return commit(batch);
      // This batch's COMMIT writes the log without syncing it; startSync syncs it off the loop.
      db.exec('PRAGMA synchronous = NORMAL');
      try {
        commit(batch);
      } finally {
        db.exec('PRAGMA synchronous = FULL');
      }
    } finally {
      committing = false;
      // Queued by a write of this batch: committed in a turn of its own, as any other.
      if (queue.length > 0 && !scheduled) {
        scheduled = true;
        schedule(flush);
      }
    }
  }

  return {
    enqueue(write) {
      return new Promise<void>((resolve, reject) => {
        if (closed) return reject(new Error('the database is closed'));
        queue.push({ write, resolve, reject });
        // A batch this large is committed now, so that its sync runs while the rest of this
        // turn's requests are read; the rest make batches of their own.
        if (queue.length >= maxBatch && !committing) return flush();
        if (!scheduled) {
          scheduled = true;
          schedule(flush);
        }
      });
    },
    flush,
    close() {
      flush();
      if (log) {
        closed = true;
        // Everything committed, including what a sync in flight covers, is synced here.
        const waiting = [...[...syncing].flat(), ...unsynced];
        syncing.clear();
        unsynced = [];
        if (waiting.length > 0) {
          try {
            log.syncNow();
            for (const item of waiting) item.resolve();
          } catch (error) {
            for (const item of waiting) item.reject(error);
          }
        }
        log.close();
      }
    },
    get pending() {
      return queue.length;
    },
  };
}
