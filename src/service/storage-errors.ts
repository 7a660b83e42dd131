import { DataFolderInUse } from './data-lock.ts';
import { StoreError } from './store/rows.ts';

// SQLite's failures, in words a teacher can act on. node:sqlite throws errors with code
// ERR_SQLITE_ERROR and SQLite's (extended) result code in `errcode`; the primary code is its
// low byte.

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;

/** What is wrong with the storage, when `error` is a storage failure; undefined otherwise. */
export function storageProblemOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, errcode } = error as Error & { code?: unknown; errcode?: unknown };
  if (code !== 'ERR_SQLITE_ERROR' || typeof errcode !== 'number') return undefined;
  switch (errcode & 0xff) {
    case SQLITE_FULL:
      return 'the disk is full';
    case SQLITE_READONLY:
      return 'the database is read-only';
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return 'the database is locked by another program';
    case SQLITE_IOERR:
      return 'the disk could not be read or written';
    case SQLITE_CANTOPEN:
      return 'the database file could not be opened';
    default:
      return undefined;
  }
}

/** One sentence for a start-up that failed: no stack trace, and what to do where there is something to do. */
export function startupProblem(error: unknown, dataDir: string): string {
  if (error instanceof DataFolderInUse) return `Evident cannot start: ${error.message}.`;
  const storage = storageProblemOf(error);
  if (storage)
    return `Evident cannot start: ${storage} (the database in ${dataDir}); free some space or fix its permissions, then start again.`;
  if (error instanceof StoreError) return `Evident cannot start: ${error.message}.`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `Evident cannot start: the data folder ${dataDir} cannot be written (${code}).`;
  const message = error instanceof Error ? error.message : String(error);
  return `Evident cannot start: ${message.split('\n')[0]}.`;
}
