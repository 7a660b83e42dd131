import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { CHANNELS, CLASSROOM_CHANNELS, type Channel, type ClassroomChannel } from '../../src/shared/channels.ts';
import { ERROR_CODES, type Envelope } from '../../src/shared/contract.ts';
import { fakeClock, seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

// Every channel takes random and mutated payloads through dispatch, the path both transports
// share. Each reply must be a well-formed envelope, never a throw and never `internal`; and a
// refused payload must leave the database exactly as it was.

const RUNS_PER_CHANNEL = 10_000;

const quiz = seedQuiz();
const questions = quiz.questions;
const sentenceIds = quiz.article.sentences.map((s) => s.id);

let harness: Harness;
let watcher: DatabaseSync;
let digest: () => string;
const logged: string[] = [];
/** Attempt ids that exist (or existed: deleteAttempt removes some), so payloads can name real attempts of other students. */
const knownAttempts: string[] = [];

beforeAll(() => {
  const clock = fakeClock();
  harness = serviceHarness({ now: clock.now });
  const start = (settings: object) => {
    const reply = dispatch(harness.service, 'startAttempt', { quizId: quiz.id, studentName: 'Pool', settings }, () => {});
    if (!reply.ok) throw new Error(reply.error.message);
    const { attemptId } = reply.value as { attemptId: string };
    knownAttempts.push(attemptId);
    return attemptId;
  };
  const timed = start({ timeLimitMinutes: 1 });
  start({});
  const immediate = start({ feedback: 'immediate' });
  start({ shuffle: true });
  const submitted = start({});
  harness.service.answer({ attemptId: immediate, questionId: questions[0]!.id, response: correctResponse(questions[0]!) });
  harness.service.submit({ attemptId: submitted });
  clock.advance(10 * 60_000); // the timed attempt is now over time
  void timed;

  // A second connection sees every commit the service makes. data_version changes whenever
  // another connection commits; the counts and sums catch a change of content as well.
  watcher = new DatabaseSync(harness.file, { readOnly: true });
  const version = watcher.prepare('PRAGMA data_version');
  const contents = watcher.prepare(`SELECT
      (SELECT count(*) FROM attempts) AS attempts,
      (SELECT coalesce(max(rowid), 0) FROM attempts) AS attemptRowid,
      (SELECT count(*) FROM attempts WHERE status = 'submitted') AS submitted,
      (SELECT count(*) FROM responses) AS responses,
      (SELECT coalesce(max(rowid), 0) FROM responses) AS responseRowid,
      (SELECT coalesce(sum(length(response)), 0) + total(points) FROM responses) AS responseWeight`);
  digest = () => JSON.stringify([version.get(), contents.get()]);
});

afterAll(() => {
  watcher?.close();
  harness?.close();
});

// ── Values that do not belong ─────────────────────────────────────────────────────────────

/** An object whose own keys include `__proto__`, as JSON.parse makes it from a hostile body. */
const protoObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"admin": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}') as unknown,
  JSON.parse('{"__proto__": null, "type": "single-choice"}') as unknown,
);
const HUGE = 'x'.repeat(70_000);
const nested = (depth: number): unknown => (depth === 0 ? [] : [nested(depth - 1)]);
const badUuid = fc.constantFrom(
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '{11111111-1111-4111-8111-111111111111}',
  '11111111-1111-4111-8111-11111111111',
  '11111111111141118111111111111111',
  'ZZZZZZZZ-ZZZZ-4ZZZ-8ZZZ-ZZZZZZZZZZZZ',
  "' OR 1=1 --",
);
const knownAttempt = fc.nat().map((i) => knownAttempts[i % knownAttempts.length]!);
const weird: fc.Arbitrary<unknown> = fc.oneof(
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
  knownAttempt,
);
const strangeKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'admin', 'type', ''),
  fc.string({ maxLength: 12 }),
);

// ── Mutations of a valid payload ───────────────────────────────────────────────────────────

type Mutation = 'drop' | 'add' | 'replace' | 'wrap' | 'whole';

function isPlainObject(value: unknown): value is Record<string, unknown> {
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

function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.constantFrom<Mutation>('drop', 'add', 'replace', 'replace', 'wrap', 'whole'), fc.nat(), fc.nat(3), strangeKey, weird)
    .map(([base, op, pick, depth, key, value]) => mutate(base, op, pick, depth, key, value));
}

/** Mostly mutants, some valid payloads so that the success paths run too, some pure junk. */
function payloads(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 6, arbitrary: mutated(valid) }, { weight: 1, arbitrary: weird });
}

// ── Valid payloads, channel by channel ────────────────────────────────────────────────────

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const quizId = fc.oneof(fc.constant(quiz.id), slug);
const attemptId = fc.oneof({ weight: 4, arbitrary: knownAttempt }, { weight: 1, arbitrary: fc.uuid() });
const byAttempt = fc.record({ attemptId });

function someOf(ids: readonly string[]): fc.Arbitrary<string[]> {
  return fc.subarray([...ids]).chain((chosen) => fc.shuffledSubarray(chosen, { minLength: chosen.length, maxLength: chosen.length }));
}

/** A response shaped for `q`, right or wrong, sometimes naming ids the question does not have. */
function responseFor(q: LoadedQuestion): fc.Arbitrary<unknown> {
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

const responses = questions.map(responseFor);
const answerPayload = fc
  .tuple(attemptId, fc.nat(questions.length - 1), fc.nat(questions.length - 1), fc.boolean(), fc.boolean())
  .chain(([attempt, qi, ri, matching, right]) => {
    const question = questions[qi]!;
    // Usually the response fits its question; sometimes it is another question's (a mismatch).
    const response = right ? fc.constant(correctResponse(question)) : responses[matching ? qi : ri]!;
    return fc.record({ attemptId: fc.constant(attempt), questionId: fc.oneof({ weight: 6, arbitrary: fc.constant(question.id) }, { weight: 1, arbitrary: slug }), response });
  });

const name = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 70, unit: 'grapheme' }));
const settings = fc.record(
  {
    feedback: fc.constantFrom('immediate', 'deferred'),
    shuffle: fc.boolean(),
    timeLimitMinutes: fc.integer({ min: 1, max: 240 }),
  },
  { requiredKeys: [] },
);

// The classroom's channels need a session server; tests/unit/classroom-refusals.test.ts fuzzes them.
type FuzzedChannel = Exclude<Channel, ClassroomChannel>;

const VALID: Record<FuzzedChannel, fc.Arbitrary<unknown>> = {
  listQuizzes: fc.constant({}),
  startAttempt: fc.record({ quizId, studentName: name, settings }, { requiredKeys: ['quizId', 'studentName'] }),
  getAttempt: byAttempt,
  answer: answerPayload,
  submit: byAttempt,
  review: byAttempt,
  listAttempts: fc.record(
    { quizId, studentName: fc.string({ maxLength: 10 }), status: fc.constantFrom('in-progress', 'submitted') },
    { requiredKeys: [] },
  ),
  deleteAttempt: byAttempt,
  quizResults: fc.record({ quizId }),
  exportCsv: fc.record({ kind: fc.constantFrom('attempts', 'responses'), quizId }, { requiredKeys: ['kind'] }),
};

// Reads and answers first while the database is small; the channels that add or remove
// attempts last, so that the pool of real attempts lasts for the others.
const ORDER: FuzzedChannel[] = [
  'listQuizzes',
  'getAttempt',
  'answer',
  'listAttempts',
  'quizResults',
  'exportCsv',
  'submit',
  'review',
  'startAttempt',
  'deleteAttempt',
];

// ── The property ──────────────────────────────────────────────────────────────────────────

const codes = new Set<string>(ERROR_CODES);

function checkEnvelope(reply: Envelope<unknown>): void {
  if (reply.ok === true) return;
  if (reply.ok !== false || !isPlainObject(reply.error)) throw new Error(`not an envelope: ${String(reply)}`);
  const { code, message } = reply.error;
  if (!codes.has(code)) throw new Error(`unknown error code ${String(code)}`);
  if (code === 'internal') throw new Error(`internal error: ${message}`);
  if (typeof message !== 'string' || message === '') throw new Error(`error ${code} without a message`);
}

describe('fuzzing every channel through dispatch', () => {
  it('covers every channel', () => {
    const covered: Channel[] = [...ORDER, ...CLASSROOM_CHANNELS];
    if (new Set(covered).size !== CHANNELS.length || !CHANNELS.every((c) => covered.includes(c))) {
      throw new Error(`the fuzz order ${ORDER.join()} does not match the channels ${CHANNELS.join()}`);
    }
  });

  for (const channel of ORDER) {
    it(`${channel}: ${RUNS_PER_CHANNEL} payloads, each answered with an envelope; refused ones change nothing`, () => {
      let refused = 0;
      fc.assert(
        fc.property(payloads(VALID[channel]), (payload) => {
          const before = digest();
          logged.length = 0;
          const reply = dispatch(harness.service, channel, payload, (message) => logged.push(message));
          checkEnvelope(reply);
          if (logged.length > 0) throw new Error(`dispatch logged: ${logged.join('; ')}`);
          if (!reply.ok) {
            refused++;
            const after = digest();
            if (after !== before) throw new Error(`a refused ${channel} (${reply.error.code}) changed the database: ${before} → ${after}`);
          } else if (channel === 'startAttempt') {
            knownAttempts.push((reply.value as { attemptId: string }).attemptId);
          }
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
      // Not a weak property by accident: most payloads are bad, and some are good.
      if (channel !== 'listQuizzes' && (refused === 0 || refused === RUNS_PER_CHANNEL)) {
        throw new Error(`${channel}: ${refused} of ${RUNS_PER_CHANNEL} refused; the generators are off`);
      }
    }, 120_000);
  }
});
