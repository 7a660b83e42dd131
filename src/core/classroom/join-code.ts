// Join codes are read off a projector and typed by children: six characters from an alphabet
// without the look-alikes 0/O, 1/I/L, and forgiving of case, spaces and dashes.

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** A new code; `randomIndex(n)` returns a uniform integer in [0, n) (crypto.randomInt in the service). */
export function newJoinCode(randomIndex: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomIndex(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** The code as typed, in canonical form: upper case, spaces and dashes dropped. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** Whether `typed` is `code`, in time that does not depend on where they first differ. */
export function joinCodeMatches(typed: string, code: string): boolean {
  const given = normaliseJoinCode(typed);
  let difference = given.length ^ code.length;
  for (let i = 0; i < code.length; i++) difference |= (given.charCodeAt(i) || 0) ^ code.charCodeAt(i);
  return difference === 0;
}

/** For showing: "ABC DEF" reads more easily than "ABCDEF". */
export function formatJoinCode(code: string): string {
  return code.length === JOIN_CODE_LENGTH ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
