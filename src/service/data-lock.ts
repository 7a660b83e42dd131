import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

// One Evident per data folder. Two servers on one database failed with "database is locked" on
// one start in three; now the first takes the folder's lock file (created exclusively, holding
// its process id) and a second one is told who holds it. A lock left by a process that no
// longer runs is stale and taken over.

export const LOCK_FILE = 'evident.lock';

export class DataFolderInUse extends Error {
  override name = 'DataFolderInUse';
  /** The process that holds the folder. */
  readonly pid: number;
  constructor(message: string, pid: number) {
    super(message);
    this.pid = pid;
  }
}

export interface DataLock {
  /** Gives the folder up (also done when the process exits). */
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? { pid: holder.pid, host: holder.host, since: String(holder.since) }
      : undefined;
  } catch {
    return undefined; // unreadable: left half-written by a crash, so stale
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataFolder(dir: string): DataLock {
  const file = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let tries = 0; tries < 3; tries++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        if (readHolder(file)?.pid === me.pid) rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && holder.host !== me.host) {
      throw new DataFolderInUse(
        `the data folder ${dir} is in use by Evident on ${holder.host} (process ${holder.pid}, since ${holder.since}); close it there, or delete ${file} if it is no longer running`,
        holder.pid,
      );
    }
    if (holder && holder.pid !== me.pid && isRunning(holder.pid)) {
      throw new DataFolderInUse(
        `the data folder ${dir} is in use by another Evident (process ${holder.pid}, since ${holder.since}); close that one first, or use another data folder`,
        holder.pid,
      );
    }
    // Stale (its process is gone) or our own from before: take it over.
    rmSync(file, { force: true });
  }
  throw new Error(`the lock file ${file} could not be taken`);
}
