import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Problem } from './problem.ts';

// A bank that is not JSON, told as file:line:column and in an author's words. JSON.parse decides
// whether the text is JSON; where and why it is not comes from jsonc-parser (the parser VS Code's
// JSON support is built on), because the engine's own message states a position for some errors
// and not others, and its wording changes between engine versions.

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

export function parseJson(file: string, text: string): JsonResult {
  // Editors on Windows like to save a byte-order mark, which JSON.parse rejects.
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(withoutBom) };
  } catch {
    return { ok: false, problem: { file, ...describeJsonError(withoutBom) } };
  }
}

/** Where the first syntax error of `text` is, and what it is, in plain words. */
export function describeJsonError(text: string): { message: string; line: number; column: number } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  // Not expected: JSON.parse refused what jsonc-parser accepts. Blame the end rather than guess.
  if (!first) return { message: 'invalid JSON', ...positionToLineColumn(text, text.length) };
  const offset = pinpoint(text, first);
  return { message: `invalid JSON: ${explain(text, first, offset)}`, ...positionToLineColumn(text, offset) };
}

/** Within a bad string token, the offending character rather than the token's opening quote. */
function pinpoint(text: string, error: ParseError): number {
  const token = text.slice(error.offset, error.offset + error.length);
  const code = printParseErrorCode(error.error);
  if (code === 'InvalidCharacter') {
    const at = token.search(/[\u0000-\u001f]/u);
    if (at > 0) return error.offset + at;
  }
  if (code === 'InvalidEscapeCharacter' || code === 'InvalidUnicode') {
    const at = token.search(/\\(?:[^"\\/bfnrtu]|u(?![0-9a-fA-F]{4}))/u);
    if (at > 0) return error.offset + at;
  }
  return error.offset;
}

function explain(text: string, error: ParseError, offset: number): string {
  const token = text.slice(error.offset, error.offset + error.length);
  const character = text[offset] ?? '';
  const afterComma = /,\s*$/u.test(text.slice(0, offset));
  const noTrailingComma = ' (remove the comma before it: JSON allows no comma after the last item)';
  switch (printParseErrorCode(error.error)) {
    case 'PropertyNameExpected':
      if (character === '}' && afterComma) return `expected another field before “}”${noTrailingComma}`;
      return `expected a field name in "double quotes"${character === "'" ? ', not single quotes' : ''}`;
    case 'ValueExpected':
      if (offset >= text.length) return 'the file ends where a value should be';
      if ((character === ']' || character === '}') && afterComma) return `expected another item before “${character}”${noTrailingComma}`;
      return `expected a value before “${character}”`;
    case 'InvalidSymbol':
      if (token.startsWith("'")) return `${quoteToken(token)} is not JSON (text must be written in "double quotes")`;
      if (/^\p{L}/u.test(token))
        return `${quoteToken(token)} is not JSON (text must be written in "double quotes"; the only bare words are true, false and null)`;
      return `${quoteToken(token)} is not JSON`;
    case 'ColonExpected':
      return 'expected “:” after the field name';
    case 'CommaExpected':
      return 'expected a comma between this and the item before it';
    case 'CloseBraceExpected':
      return offset >= text.length ? 'the file ends before an object is closed with “}”' : 'expected “}” to close the object';
    case 'CloseBracketExpected':
      return offset >= text.length ? 'the file ends before a list is closed with “]”' : 'expected “]” to close the list';
    case 'EndOfFileExpected':
      return 'there is more after the end of the JSON (an extra “}” or “]”?)';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'JSON allows no comments';
    case 'UnexpectedEndOfString':
      return 'text in double quotes is not closed before the end of the line or file';
    case 'InvalidCharacter':
      return 'a control character (a tab or a line break) inside text; write it as \\t or \\n';
    case 'InvalidEscapeCharacter':
      return 'a backslash that starts no known escape; write \\\\ for a backslash';
    case 'InvalidUnicode':
      return 'a \\u escape needs four hexadecimal digits';
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return `${quoteToken(token)} is not a complete number`;
    default:
      return 'this is not valid JSON';
  }
}

function quoteToken(token: string): string {
  return `“${token.length > 30 ? `${token.slice(0, 30)}…` : token}”`;
}

export function positionToLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
