import { createHmac } from 'node:crypto';

// A resume code lets a student carry on an attempt they left, together with their name, and
// nobody else: it is an HMAC of the attempt id under a secret kept beside the database, so it
// cannot be worked out from anything a student sees.

/** No 0/O, 1/I/L or U: easy to read aloud and to copy from a screen. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
const LENGTH = 8;

/** The attempt's code, as shown: two groups of four, "K7QM-2XPA". */
export function resumeCodeOf(secret: string, attemptId: string): string {
  const digest = createHmac('sha256', Buffer.from(secret, 'base64')).update(attemptId).digest();
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code as typed, in the form compared: capitals, no spaces or dashes. */
export function normaliseResumeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
