import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../errors.ts';
import { createSlowdown, seconds } from './slowdown.ts';
import type { PassphraseHash, TeacherStorage } from './teacher-file.ts';

// Teacher mode: the passphrase opens a teacher session (a token the caller presents with each
// teacher call), which ends after a spell without teacher calls or when the teacher locks it.
// Wrong passphrases are slowed down: each one doubles the wait before the next try.

/** Who is calling: the transport fills it in (IPC from the preload's argument, HTTP from the Authorization header). */
export interface Caller {
  teacherToken?: string | undefined;
}

export interface TeacherStatus {
  passphraseSet: boolean;
  unlocked: boolean;
  lockAfterMinutes: number;
}

export interface TeacherUnlock {
  token: string;
  lockAfterMinutes: number;
}

export interface TeacherGate {
  status(caller: Caller | undefined): TeacherStatus;
  /** First use only: sets the passphrase and opens a session. */
  setPassphrase(passphrase: string): TeacherUnlock;
  unlock(passphrase: string): TeacherUnlock;
  /** Ends the caller's session (other windows' sessions stay). */
  lock(caller: Caller | undefined): void;
  /** Throws the 'locked' refusal unless the caller holds a live session; a live one is kept alive. */
  require(caller: Caller | undefined): void;
}

export const MIN_PASSPHRASE_LENGTH = 8;
export const DEFAULT_LOCK_AFTER_MINUTES = 15;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/** OWASP's scrypt minimum (N = 2^17, r = 8, p = 1) takes 128 MB; 2^15 keeps unlocking near 100 ms and 32 MB. */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

function derive(passphrase: string, salt: Buffer, cost: ScryptCost): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 });
}

export function hashPassphrase(passphrase: string, cost: ScryptCost = SCRYPT_COST): PassphraseHash {
  const salt = randomBytes(16);
  return { algorithm: 'scrypt', ...cost, salt: salt.toString('base64'), hash: derive(passphrase, salt, cost).toString('base64') };
}

export function passphraseMatches(passphrase: string, stored: PassphraseHash): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = derive(passphrase, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function createTeacherGate(options: {
  storage: TeacherStorage;
  now?: () => Date;
  lockAfterMinutes?: number;
  cost?: ScryptCost;
}): TeacherGate {
  const { storage, now = () => new Date(), lockAfterMinutes = DEFAULT_LOCK_AFTER_MINUTES, cost = SCRYPT_COST } = options;
  const idleMs = lockAfterMinutes * 60_000;
  /** token → when it was last used, and the hash it was opened with (a reset ends it). */
  const sessions = new Map<string, { lastUsed: number; hash: string }>();
  const tries = createSlowdown(now);

  function live(caller: Caller | undefined, hash: string | undefined): string | undefined {
    const token = caller?.teacherToken;
    if (token === undefined || hash === undefined) return undefined;
    const session = sessions.get(token);
    if (!session) return undefined;
    if (session.hash !== hash || now().getTime() - session.lastUsed > idleMs) {
      sessions.delete(token);
      return undefined;
    }
    return token;
  }

  function open(hash: string): TeacherUnlock {
    const token = randomBytes(32).toString('base64url');
    const time = now().getTime();
    for (const [t, s] of sessions) if (time - s.lastUsed > idleMs) sessions.delete(t);
    sessions.set(token, { lastUsed: time, hash });
    return { token, lockAfterMinutes };
  }

  function checkLength(passphrase: string): void {
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
      throw new ServiceError('passphrase-too-short', `a passphrase has at least ${MIN_PASSPHRASE_LENGTH} characters`);
    }
  }

  return {
    status(caller) {
      const hash = storage.read().passphrase?.hash;
      return { passphraseSet: hash !== undefined, unlocked: live(caller, hash) !== undefined, lockAfterMinutes };
    },

    setPassphrase(passphrase) {
      const data = storage.read();
      if (data.passphrase) {
        throw new ServiceError(
          'passphrase-set',
          'a passphrase is already set: unlock with it, or reset it at this computer (see the README)',
        );
      }
      checkLength(passphrase);
      data.passphrase = hashPassphrase(passphrase, cost);
      storage.write(data);
      return open(data.passphrase.hash);
    },

    unlock(passphrase) {
      const stored = storage.read().passphrase;
      if (!stored) throw new ServiceError('no-passphrase', 'no passphrase is set yet: set one first');
      tries.check('too many wrong passphrases');
      if (!passphraseMatches(passphrase, stored)) {
        const wait = tries.fail();
        throw new ServiceError('wrong-passphrase', `that passphrase is not right; you can try again in ${seconds(wait)}`);
      }
      tries.succeed();
      return open(stored.hash);
    },

    lock(caller) {
      const token = caller?.teacherToken;
      if (token !== undefined) sessions.delete(token);
    },

    require(caller) {
      const token = live(caller, storage.read().passphrase?.hash);
      if (token === undefined) {
        throw new ServiceError('locked', 'the teacher’s side is locked: unlock it with the teacher’s passphrase');
      }
      sessions.get(token)!.lastUsed = now().getTime();
    },
  };
}
