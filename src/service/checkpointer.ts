import { Worker } from 'node:worker_threads';

// Checkpoints off the event loop. In WAL mode SQLite copies the log back into the database (a
// checkpoint) once the log passes 1,000 pages, inside whichever COMMIT crossed the line, and a
// checkpoint syncs the log and then the database file: on the service's thread that stopped every
// student's request for 10–45 ms a few times a second under a burst (a third of the time the
// event loop spent committing). Here the writer's connection never checkpoints by itself
// (wal_autocheckpoint = 0); a worker thread with a connection of its own runs a PASSIVE checkpoint
// a moment after writes were committed, while the writer goes on. PASSIVE takes no lock the writer
// needs, so neither waits for the other; SQLite keeps a checkpoint crash-safe whichever thread
// runs it, and durability is the commits' business (group-commit.ts), not the checkpoint's.
//
// The worker starts at the first commit and is started from source text (`eval`), as the page
// reader is (import/readability.ts), so it runs the same bundled and from the sources.

export interface Checkpointer {
  /** Something was committed: a checkpoint follows within `delayMs`, unless one is already due. */
  committed(): void;
  /** Stops the worker (the store is closing); a checkpoint under way finishes first. */
  close(): void;
}

export interface CheckpointerOptions {
  /** How long writes are let gather before a checkpoint copies them (default 200 ms). */
  delayMs?: number;
  /** Told of a checkpoint that failed; the next commit asks for another. */
  onError?: (message: string) => void;
  /** Told of each checkpoint done, with the log's frames and those now in the database (tests). */
  onCheckpoint?: (result: { log: number; checkpointed: number }) => void;
}

type Reply = { ok: true; log: number; checkpointed: number } | { ok: false; message: string };

// Plain JavaScript: it runs in the worker as it is, with no build step.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const { existsSync } = require('node:fs');
let db;
let checkpoint;
parentPort.on('message', (message) => {
  if (message === 'close') {
    db?.close();
    parentPort.close();
    return;
  }
  let reply;
  try {
    if (!db) {
      // Opening would create a database that is not there (a folder removed under a closed store).
      if (!existsSync(workerData.file)) throw new Error(workerData.file + ' is gone');
      db = new DatabaseSync(workerData.file, { timeout: 5000 });
      checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    }
    // The writer starts the log afresh only once everything in it is in the database. Frames
    // committed while a checkpoint ran are left for a shorter one right after, until none are.
    let row = checkpoint.get();
    // At most twice more: each one syncs the log and the database, and the disk is shared with
    // the commits' own syncs.
    for (let again = 0; again < 2 && row.busy === 0 && row.checkpointed < row.log; again++) row = checkpoint.get();
    reply = { ok: true, log: row.log, checkpointed: row.checkpointed };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage(reply);
});
`;

/** Checkpoints of the database at `file` (in WAL mode, whose writer has wal_autocheckpoint = 0). */
export function createCheckpointer(file: string, options: CheckpointerOptions = {}): Checkpointer {
  const delayMs = options.delayMs ?? 200;
  let worker: Worker | undefined;
  /** A checkpoint is asked for (its timer runs) or under way. */
  let due = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function start(): Worker {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
    started.on('message', (reply: Reply) => {
      due = false;
      if (reply.ok) options.onCheckpoint?.({ log: reply.log, checkpointed: reply.checkpointed });
      else options.onError?.(reply.message);
    });
    started.on('error', (error) => {
      options.onError?.(error.message);
      if (worker === started) worker = undefined;
      due = false;
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      due = false;
    });
    // Never what keeps the service (or a test, or a script) from exiting.
    started.unref();
    return started;
  }

  return {
    committed() {
      if (due || closed) return;
      due = true;
      timer = setTimeout(() => {
        timer = undefined;
        if (closed) return;
        (worker ??= start()).postMessage('checkpoint');
      }, delayMs);
      timer.unref();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      worker?.postMessage('close');
      worker = undefined;
    },
  };
}
