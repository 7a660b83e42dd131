import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AttemptSettings } from '../../shared/contract.ts';

// What the teacher's side keeps beside the database: the passphrase (as a scrypt hash with its
// salt and parameters, never the passphrase itself), the secret that makes resume codes, and
// the settings for new attempts. A reset of the passphrase removes only the passphrase.

export const TEACHER_FILE = 'teacher.json';

export const PassphraseHash = z.strictObject({
  algorithm: z.literal('scrypt'),
  /** scrypt's cost parameters, kept so that stronger ones can be chosen later without a reset. */
  N: z.int().min(1024),
  r: z.int().min(1),
  p: z.int().min(1),
  salt: z.base64(),
  hash: z.base64(),
});
export type PassphraseHash = z.output<typeof PassphraseHash>;

const TeacherData = z.strictObject({
  version: z.literal(1),
  passphrase: PassphraseHash.optional(),
  /** HMAC key for resume codes: a code cannot be worked out from an attempt without it. */
  resumeSecret: z.base64(),
  newAttempts: AttemptSettings.prefault({}),
});
export type TeacherData = z.output<typeof TeacherData>;

/** Where the teacher's data is kept; a memory one serves the tests and tools. */
export interface TeacherStorage {
  read(): TeacherData;
  write(data: TeacherData): void;
}

function fresh(): TeacherData {
  return { version: 1, resumeSecret: randomBytes(32).toString('base64'), newAttempts: { feedback: 'deferred', shuffle: false } };
}

export class TeacherFileError extends Error {
  override name = 'TeacherFileError';
}

/**
 * The teacher's file in `dataDir`, read on every use so that a reset made while the app runs
 * takes effect at once. Written to a temporary file and renamed, so a crash leaves the old
 * file or the new one, never half of one.
 */
export function teacherFileStorage(dataDir: string): TeacherStorage {
  const file = join(dataDir, TEACHER_FILE);
  const storage: TeacherStorage = {
    read() {
      if (!existsSync(file)) {
        const data = fresh();
        storage.write(data);
        return data;
      }
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new TeacherFileError(
          `${file} is not valid JSON (${(error as Error).message}); run npm run reset-passphrase to start it again`,
        );
      }
      const parsed = TeacherData.safeParse(json);
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
        throw new TeacherFileError(`${file} is not a valid teacher file (${where}); run npm run reset-passphrase to start it again`);
      }
      return parsed.data;
    },
    write(data) {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    },
  };
  return storage;
}

export function memoryTeacherStorage(): TeacherStorage {
  let data = fresh();
  return {
    read: () => structuredClone(data),
    write: (next) => void (data = structuredClone(next)),
  };
}

/**
 * Forgets the passphrase and keeps everything else (results live in the database and are not
 * touched; the resume secret and the settings for new attempts stay). Returns whether a
 * passphrase was set. Used by `npm run reset-passphrase`.
 */
export function resetPassphrase(dataDir: string): boolean {
  const file = join(dataDir, TEACHER_FILE);
  if (!existsSync(file)) return false;
  const storage = teacherFileStorage(dataDir);
  let data: TeacherData;
  try {
    data = storage.read();
  } catch {
    // An unreadable file holds nothing a reset must keep except what a fresh one recreates.
    renameSync(file, `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    return true;
  }
  const had = data.passphrase !== undefined;
  delete data.passphrase;
  storage.write(data);
  return had;
}
