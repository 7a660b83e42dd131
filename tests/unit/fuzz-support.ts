import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { ERROR_CODES, ERROR_REASONS, type Envelope } from '../../src/shared/contract.ts';

// What the fuzz suites share (fuzz.test.ts through dispatch, fuzz-classroom.test.ts through
// the classroom's teacher and student channels): values that do not belong, the mutations of a
// valid payload, the envelope check, and a digest of the database that any commit changes.

// ── Values that do not belong ─────────────────────────────────────────────────────────────

/** An object whose own keys include `__proto__`, as JSON.parse makes it from a hostile body. */
const protoObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"admin": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}') as unknown,
  JSON.parse('{"__proto__": null, "type": "single-choice"}') as unknown,
);
const HUGE = 'x'.repeat(70_000);
const nested = (depth: number): unknown => (depth === 0 ? [] : [nested(depth - 1)]);
export const badUuid = fc.constantFrom(
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '{11111111-1111-4111-8111-111111111111}',
  '11111111-1111-4111-8111-11111111111',
  '11111111111141118111111111111111',
  'ZZZZZZZZ-ZZZZ-4ZZZ-8ZZZ-ZZZZZZZZZZZZ',
  "' OR 1=1 --",
);

/** Junk of every kind; `extra` adds values that are real somewhere else (other students' ids, tokens). */
export function weirdValues(...extra: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, undefined, Number.NaN, Infinity, -Infinity, -0, 1e308, true, false, '', '__proto__', 'constructor', HUGE),
    fc.string({ maxLength: 30, unit: 'grapheme' }),
    fc.integer(),
    fc.double(),
    fc.constant(nested(300)),
    fc.array(fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }),
    protoObject,
    badUuid,
    fc.uuid(),
    ...extra,
  );
}

const strangeKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'admin', 'type', ''),
  fc.string({ maxLength: 12 }),
);

// ── Mutations of a valid payload ───────────────────────────────────────────────────────────

type Mutation = 'drop' | 'add' | 'replace' | 'wrap' | 'whole';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Defines the key as an own, enumerable property, so that even `__proto__` is a key and not the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

function mutate(base: unknown, op: Mutation, pick: number, depth: number, key: string, value: unknown): unknown {
  if (op === 'whole' || !isPlainObject(base)) return value;
  const root = structuredClone(base);
  // Walk down into a nested object (settings, response, gaps, pairs) as far as `depth` allows.
  let target: Record<string, unknown> = root;
  for (let d = 0; d < depth; d++) {
    const inner = Object.keys(target).filter((k) => isPlainObject(target[k]));
    if (inner.length === 0) break;
    target = target[inner[pick % inner.length]!] as Record<string, unknown>;
  }
  const keys = Object.keys(target);
  const chosen = keys.length > 0 ? keys[pick % keys.length]! : key;
  switch (op) {
    case 'drop':
      delete target[chosen];
      break;
    case 'add':
      setOwn(target, key, value);
      break;
    case 'replace':
      setOwn(target, chosen, value);
      break;
    case 'wrap':
      setOwn(target, chosen, [target[chosen]]);
      break;
  }
  return root;
}

function mutated(valid: fc.Arbitrary<unknown>, weird: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.constantFrom<Mutation>('drop', 'add', 'replace', 'replace', 'wrap', 'whole'), fc.nat(), fc.nat(3), strangeKey, weird)
    .map(([base, op, pick, depth, key, value]) => mutate(base, op, pick, depth, key, value));
}

/** Mostly mutants, some valid payloads so that the success paths run too, some pure junk. */
export function payloads(valid: fc.Arbitrary<unknown>, weird: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 6, arbitrary: mutated(valid, weird) }, { weight: 1, arbitrary: weird });
}

// ── Valid parts ───────────────────────────────────────────────────────────────────────────

export const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

export function someOf(ids: readonly string[]): fc.Arbitrary<string[]> {
  return fc.subarray([...ids]).chain((chosen) => fc.shuffledSubarray(chosen, { minLength: chosen.length, maxLength: chosen.length }));
}

/** A response shaped for `q`, right or wrong, sometimes naming ids the question does not have. */
export function responseFor(q: LoadedQuestion, sentenceIds: readonly string[]): fc.Arbitrary<unknown> {
  const id = (ids: string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: slug });
  const text = fc.string({ maxLength: 40, unit: 'grapheme' });
  switch (q.type) {
    case 'single-choice':
      return fc.record({ type: fc.constant(q.type), optionId: id(q.options.map((o) => o.id)) });
    case 'multiple-select':
      return fc.record({ type: fc.constant(q.type), optionIds: someOf(q.options.map((o) => o.id)) });
    case 'true-false-not-given':
      return fc.record({ type: fc.constant(q.type), value: fc.constantFrom('true', 'false', 'not-given') });
    case 'short-answer':
      return fc.record({ type: fc.constant(q.type), text: fc.oneof(text, fc.constantFrom(...q.accepted)) });
    case 'cloze':
      return fc.record({ type: fc.constant(q.type), gaps: fc.dictionary(id(q.gaps.map((g) => g.id)), text, { maxKeys: q.gaps.length }) });
    case 'evidence-selection':
      return fc.record({ type: fc.constant(q.type), sentenceIds: someOf(sentenceIds.slice(0, 12)) });
    case 'ordering':
      return fc.record({ type: fc.constant(q.type), order: someOf(q.items.map((i) => i.id)) });
    case 'matching':
      return fc.record({
        type: fc.constant(q.type),
        pairs: fc.dictionary(id(q.left.map((l) => l.id)), id(q.right.map((r) => r.id)), { maxKeys: q.left.length }),
      });
    case 'two-part':
      return fc.record({
        type: fc.constant(q.type),
        partA: id(q.partA.options.map((o) => o.id)),
        partB: someOf(q.partB.options.map((o) => o.id)),
      });
  }
}

// ── The checks ────────────────────────────────────────────────────────────────────────────

const codes = new Set<string>(ERROR_CODES);

/** `{ok: true}` or a typed refusal with a message; never `internal`. */
export function checkEnvelope(reply: Envelope<unknown>): void {
  if (reply.ok === true) return;
  if (reply.ok !== false || !isPlainObject(reply.error)) throw new Error(`not an envelope: ${String(reply)}`);
  const { code, reason, message } = reply.error;
  if (!codes.has(code)) throw new Error(`unknown error code ${String(code)}`);
  if (!Object.hasOwn(ERROR_REASONS, reason) || ERROR_REASONS[reason] !== code)
    throw new Error(`error ${code} with reason ${String(reason)}`);
  if (code === 'internal') throw new Error(`internal error: ${message}`);
  if (typeof message !== 'string' || message === '') throw new Error(`error ${code} without a message`);
}

/**
 * A second, read-only connection that sees every commit the service makes. data_version changes
 * whenever another connection commits; the counts and sums catch a change of content as well.
 */
export function watchDatabase(file: string): { digest: () => string; close: () => void } {
  const watcher = new DatabaseSync(file, { readOnly: true });
  const version = watcher.prepare('PRAGMA data_version');
  const contents = watcher.prepare(`SELECT
      (SELECT count(*) FROM attempts) AS attempts,
      (SELECT coalesce(max(rowid), 0) FROM attempts) AS attemptRowid,
      (SELECT count(*) FROM attempts WHERE status = 'submitted') AS submitted,
      (SELECT count(*) FROM responses) AS responses,
      (SELECT coalesce(max(rowid), 0) FROM responses) AS responseRowid,
      (SELECT coalesce(sum(length(response)), 0) + total(points) FROM responses) AS responseWeight,
      (SELECT group_concat(id || ':' || state || ':' || review_released || ':' || port, ',') FROM sessions) AS sessions,
      (SELECT count(*) FROM seats) AS seats,
      (SELECT coalesce(max(rowid), 0) FROM seats) AS seatRowid,
      (SELECT total(removed) FROM seats) AS removed`);
  return { digest: () => JSON.stringify([version.get(), contents.get()]), close: () => watcher.close() };
}
