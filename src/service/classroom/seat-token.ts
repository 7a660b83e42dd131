import { hash, randomBytes } from 'node:crypto';

// A seat token is the student's only credential: 32 random bytes, unguessable. The database
// keeps only its SHA-256, so a copy of the teacher's database seats nobody.

export function newSeatToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 in hex, computed at every student request: the one-shot hash, about four times cheaper than a Hash object. */
export function hashSeatToken(token: string): string {
  return hash('sha256', token, 'hex');
}
