import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { Question, type BankInput } from '../../src/core/bank/schema.ts';
import { ResponseShapeError, scoreResponse, type Response, type ScoreResult } from '../../src/core/scoring/index.ts';

type QuestionInput = BankInput['questions'][number];
type Spec = QuestionInput extends infer Q
  ? Q extends unknown
    ? Omit<Q, 'prompt' | 'evidence' | 'explanation' | 'skill' | 'difficulty' | 'id'>
    : never
  : never;

/** A bank question as the loader would hand it over, validated by the real schema. */
function load(spec: Spec, answerSentenceIds: string[] = []): LoadedQuestion {
  const question = Question.parse({
    id: 'q1',
    prompt: 'Prompt?',
    evidence: ['A sentence.'],
    explanation: 'Because.',
    skill: 'detail',
    difficulty: 'easy',
    ...spec,
  });
  return { ...question, evidenceSentenceIds: ['p1.s1'], answerSentenceIds, partBSentenceIds: {} };
}

const opts = (...ids: string[]) => ids.map((id) => ({ id, text: `Option ${id}` }));

const single = load({ type: 'single-choice', points: 2, options: opts('a', 'b', 'c'), correct: 'b' });
const multi = load({ type: 'multiple-select', points: 4, options: opts('a', 'b', 'c', 'd', 'e'), correct: ['a', 'b', 'c'] });
const tfng = load({ type: 'true-false-not-given', answer: 'not-given' });
const short = load({ type: 'short-answer', points: 3, accepted: ['Pyongyang', 'the capital'] });
const cloze = load({
  type: 'cloze',
  points: 3,
  text: 'About {{count}} troops crossed into {{place}} in {{year}}.',
  gaps: [
    { id: 'count', accepted: ['120,000'] },
    { id: 'place', accepted: ['South Korea'] },
    { id: 'year', accepted: ['1950'] },
  ],
});
const evidence = load({ type: 'evidence-selection', points: 2, answer: ['One.', 'Two.'] }, ['p1.s2', 'p3.s1']);
const ordering = load({
  type: 'ordering',
  points: 4,
  items: opts('a', 'b', 'c', 'd', 'e'),
  order: ['a', 'b', 'c', 'd', 'e'],
});
const matching = load({
  type: 'matching',
  points: 3,
  left: opts('s1', 's2', 's3'),
  right: opts('truman', 'kim', 'rhee', 'stalin'),
  pairs: [
    { left: 's1', right: 'truman' },
    { left: 's2', right: 'kim' },
    { left: 's3', right: 'truman' },
  ],
});
const twoPart = load({
  type: 'two-part',
  points: 2,
  partA: { prompt: 'Why?', options: opts('x', 'y', 'z'), correct: 'y' },
  partB: {
    prompt: 'Which sentences support your answer?',
    options: [
      { id: 'e1', quote: 'One.' },
      { id: 'e2', quote: 'Two.' },
      { id: 'e3', quote: 'Three.' },
      { id: 'e4', quote: 'Four.' },
    ],
    correct: ['e1', 'e2'],
  },
});

const ALL = [single, multi, tfng, short, cloze, evidence, ordering, matching, twoPart];

function score(question: LoadedQuestion, response: unknown): ScoreResult {
  return scoreResponse(question, response as Response);
}

function expectShapeError(question: LoadedQuestion, response: unknown, field: string, mentions: string): void {
  let thrown: unknown;
  try {
    score(question, response);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ResponseShapeError);
  expect((thrown as ResponseShapeError).field).toBe(field);
  expect((thrown as ResponseShapeError).message).toContain(mentions);
}

describe('single choice', () => {
  it('gives all the points for the right option', () => {
    expect(score(single, { type: 'single-choice', optionId: 'b' })).toEqual({ points: 2, maxPoints: 2, verdict: 'correct' });
  });
  it('gives nothing for a wrong option', () => {
    expect(score(single, { type: 'single-choice', optionId: 'a' })).toEqual({ points: 0, maxPoints: 2, verdict: 'incorrect' });
  });
  it('rejects an option the question does not have', () => {
    expectShapeError(single, { type: 'single-choice', optionId: 'zz' }, 'optionId', '"zz"');
  });
});

describe('true / false / not given', () => {
  it.each([
    ['not-given', 1, 'correct'],
    ['true', 0, 'incorrect'],
    ['false', 0, 'incorrect'],
  ] as const)('%s scores %d', (value, points, verdict) => {
    expect(score(tfng, { type: 'true-false-not-given', value })).toMatchObject({ points, maxPoints: 1, verdict });
  });
  it('rejects a value that is not one of the three', () => {
    expectShapeError(tfng, { type: 'true-false-not-given', value: 'maybe' }, 'value', 'value');
  });
});

describe('multiple select: (right − wrong) / number right, floored at 0', () => {
  it.each([
    [['a', 'b', 'c'], 4, 'correct'],
    [['c', 'a', 'b'], 4, 'correct'],
    [['a', 'b'], 2.67, 'partial'],
    [['a'], 1.33, 'partial'],
    [['a', 'b', 'c', 'd'], 2.67, 'partial'],
    [['a', 'b', 'd'], 1.33, 'partial'],
    [['a', 'd'], 0, 'incorrect'],
    [['a', 'd', 'e'], 0, 'incorrect'], // would be −1/3 without the floor
    [['d', 'e'], 0, 'incorrect'],
    [['a', 'b', 'c', 'd', 'e'], 1.33, 'partial'],
    [[], 0, 'incorrect'],
  ])('%j → %d', (optionIds, points, verdict) => {
    expect(score(multi, { type: 'multiple-select', optionIds })).toEqual({ points, maxPoints: 4, verdict });
  });
  it('rejects an unknown option, naming it', () => {
    expectShapeError(multi, { type: 'multiple-select', optionIds: ['a', 'nope'] }, 'optionIds', '"nope"');
  });
  it('rejects an option picked twice, rather than counting it twice', () => {
    expectShapeError(multi, { type: 'multiple-select', optionIds: ['a', 'a', 'b'] }, 'optionIds', '"a"');
  });
});

describe('short answer', () => {
  it.each([
    ['Pyongyang', 3, 'correct'],
    ['  the CAPITAL. ', 3, 'correct'],
    ['Pyongyng', 3, 'correct'],
    ['Seoul', 0, 'incorrect'],
    ['', 0, 'incorrect'],
  ])('%j → %d', (text, points, verdict) => {
    expect(score(short, { type: 'short-answer', text })).toEqual({ points, maxPoints: 3, verdict });
  });
  it('rejects an answer over the length limit', () => {
    expectShapeError(short, { type: 'short-answer', text: 'x'.repeat(501) }, 'text', 'text');
  });
});

describe('cloze: each gap equal', () => {
  it('gives full marks with every gap right, reporting each gap', () => {
    const result = score(cloze, { type: 'cloze', gaps: { count: '120 000', place: 'south korea', year: '1950' } });
    expect(result).toEqual({
      points: 3,
      maxPoints: 3,
      verdict: 'correct',
      parts: [
        { id: 'count', points: 1, maxPoints: 1, correct: true },
        { id: 'place', points: 1, maxPoints: 1, correct: true },
        { id: 'year', points: 1, maxPoints: 1, correct: true },
      ],
    });
  });
  it('gives a third per gap', () => {
    const result = score(cloze, { type: 'cloze', gaps: { count: '12000', place: 'Sout Korea', year: '1950' } });
    expect(result).toMatchObject({ points: 2, verdict: 'partial' });
    expect(result.parts?.map((p) => p.correct)).toEqual([false, true, true]);
  });
  it('treats a missing gap as blank', () => {
    expect(score(cloze, { type: 'cloze', gaps: { year: '1950' } })).toMatchObject({ points: 1, verdict: 'partial' });
  });
  it('scores an empty response 0', () => {
    expect(score(cloze, { type: 'cloze', gaps: {} })).toMatchObject({ points: 0, verdict: 'incorrect' });
  });
  it('rejects a gap the question does not have', () => {
    expectShapeError(cloze, { type: 'cloze', gaps: { year: '1950', month: 'June' } }, 'gaps', '"month"');
  });
  it('is not fooled by a gap named like an Object property', () => {
    const q = load({ type: 'cloze', text: 'A {{constructor}}.', gaps: [{ id: 'constructor', accepted: ['x'] }] });
    expect(score(q, { type: 'cloze', gaps: {} })).toMatchObject({ points: 0, verdict: 'incorrect' });
    expect(score(q, { type: 'cloze', gaps: { constructor: 'x' } })).toMatchObject({ points: 1, verdict: 'correct' });
  });
});

describe('evidence selection: (|S∩C| − |S∖C|) / |C|, floored at 0', () => {
  it.each([
    [['p1.s2', 'p3.s1'], 2, 'correct'],
    [['p3.s1', 'p1.s2'], 2, 'correct'],
    [['p1.s2'], 1, 'partial'],
    [['p1.s2', 'p3.s1', 'p9.s9'], 1, 'partial'],
    [['p1.s2', 'p9.s9'], 0, 'incorrect'],
    [['p1.s1', 'p2.s1', 'p1.s2'], 0, 'incorrect'], // −1/2 without the floor
    [[], 0, 'incorrect'],
  ])('%j → %d', (sentenceIds, points, verdict) => {
    expect(score(evidence, { type: 'evidence-selection', sentenceIds })).toEqual({ points, maxPoints: 2, verdict });
  });
  it('rejects a sentence selected twice', () => {
    expectShapeError(evidence, { type: 'evidence-selection', sentenceIds: ['p1.s2', 'p1.s2'] }, 'sentenceIds', '"p1.s2"');
  });
  it('rejects a string that is not a sentence id', () => {
    expectShapeError(evidence, { type: 'evidence-selection', sentenceIds: ['paragraph 1'] }, 'sentenceIds', 'sentenceIds.0: a sentence id');
  });
});

describe('ordering: (longest correctly ordered subsequence − 1) / (n − 1)', () => {
  it.each([
    [['a', 'b', 'c', 'd', 'e'], 4, 'correct'],
    [['b', 'a', 'c', 'd', 'e'], 3, 'partial'], // one swap of neighbours
    [['b', 'c', 'd', 'e', 'a'], 3, 'partial'], // one item moved from first to last
    [['a', 'e', 'b', 'c', 'd'], 3, 'partial'],
    [['e', 'd', 'a', 'b', 'c'], 2, 'partial'],
    [['e', 'd', 'c', 'b', 'a'], 0, 'incorrect'], // fully reversed
    [[], 0, 'incorrect'], // not answered
  ])('%j → %d', (order, points, verdict) => {
    expect(score(ordering, { type: 'ordering', order })).toEqual({ points, maxPoints: 4, verdict });
  });
  it('rejects an item the question does not have', () => {
    expectShapeError(ordering, { type: 'ordering', order: ['a', 'b', 'c', 'd', 'x'] }, 'order', '"x"');
  });
  it('rejects an item placed twice', () => {
    expectShapeError(ordering, { type: 'ordering', order: ['a', 'b', 'c', 'd', 'd'] }, 'order', '"d"');
  });
  it('rejects an order that leaves items out, naming them', () => {
    expectShapeError(ordering, { type: 'ordering', order: ['a', 'c', 'e'] }, 'order', '"b", "d"');
  });
});

describe('matching: each left item equal', () => {
  it('gives full marks for every pair, reusing a right item where the answer does', () => {
    expect(score(matching, { type: 'matching', pairs: { s1: 'truman', s2: 'kim', s3: 'truman' } })).toEqual({
      points: 3,
      maxPoints: 3,
      verdict: 'correct',
      parts: [
        { id: 's1', points: 1, maxPoints: 1, correct: true },
        { id: 's2', points: 1, maxPoints: 1, correct: true },
        { id: 's3', points: 1, maxPoints: 1, correct: true },
      ],
    });
  });
  it('gives credit per right pair', () => {
    const result = score(matching, { type: 'matching', pairs: { s1: 'truman', s2: 'stalin', s3: 'kim' } });
    expect(result).toMatchObject({ points: 1, verdict: 'partial' });
    expect(result.parts?.map((p) => p.correct)).toEqual([true, false, false]);
  });
  it('gives an unanswered left item nothing', () => {
    expect(score(matching, { type: 'matching', pairs: { s2: 'kim', s3: 'truman' } })).toMatchObject({
      points: 2,
      verdict: 'partial',
    });
    expect(score(matching, { type: 'matching', pairs: {} })).toMatchObject({ points: 0, verdict: 'incorrect' });
  });
  it('rejects an unknown left item', () => {
    expectShapeError(matching, { type: 'matching', pairs: { s9: 'kim' } }, 'pairs', '"s9"');
  });
  it('rejects an unknown right item', () => {
    expectShapeError(matching, { type: 'matching', pairs: { s1: 'nixon' } }, 'pairs', '"nixon"');
  });
});

describe('two-part: A and B half each; B earns nothing when A is wrong', () => {
  const parts = (r: ScoreResult) => r.parts?.map((p) => [p.id, p.points, p.correct]);
  it('gives full marks for A right and exactly the right evidence', () => {
    const result = score(twoPart, { type: 'two-part', partA: 'y', partB: ['e2', 'e1'] });
    expect(result).toMatchObject({ points: 2, maxPoints: 2, verdict: 'correct' });
    expect(result.parts).toEqual([
      { id: 'partA', points: 1, maxPoints: 1, correct: true },
      { id: 'partB', points: 1, maxPoints: 1, correct: true },
    ]);
  });
  it('scores Part B like multiple select when A is right', () => {
    expect(score(twoPart, { type: 'two-part', partA: 'y', partB: ['e1'] })).toMatchObject({ points: 1.5, verdict: 'partial' });
    expect(score(twoPart, { type: 'two-part', partA: 'y', partB: ['e1', 'e2', 'e3'] })).toMatchObject({ points: 1.5 });
    expect(score(twoPart, { type: 'two-part', partA: 'y', partB: ['e1', 'e3', 'e4'] })).toMatchObject({ points: 1 });
    expect(score(twoPart, { type: 'two-part', partA: 'y', partB: [] })).toMatchObject({ points: 1, verdict: 'partial' });
  });
  it('gives Part B nothing when A is wrong, but still reports that B was right', () => {
    const result = score(twoPart, { type: 'two-part', partA: 'x', partB: ['e1', 'e2'] });
    expect(result).toMatchObject({ points: 0, verdict: 'incorrect' });
    expect(parts(result)).toEqual([
      ['partA', 0, false],
      ['partB', 0, true],
    ]);
  });
  it('rejects an unknown Part A option', () => {
    expectShapeError(twoPart, { type: 'two-part', partA: 'w', partB: [] }, 'partA', '"w"');
  });
  it('rejects an unknown or repeated Part B option', () => {
    expectShapeError(twoPart, { type: 'two-part', partA: 'y', partB: ['e5'] }, 'partB', '"e5"');
    expectShapeError(twoPart, { type: 'two-part', partA: 'y', partB: ['e1', 'e1'] }, 'partB', '"e1"');
  });
});

describe('points and rounding', () => {
  it('rounds to two decimals', () => {
    const q = load({ type: 'multiple-select', points: 1, options: opts('a', 'b', 'c'), correct: ['a', 'b', 'c'] });
    expect(score(q, { type: 'multiple-select', optionIds: ['a'] }).points).toBe(0.33);
    expect(score(q, { type: 'multiple-select', optionIds: ['a', 'b'] }).points).toBe(0.67);
  });
  it('rounds a half cent up', () => {
    const q = load({
      type: 'multiple-select',
      points: 1,
      options: opts('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      correct: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    });
    expect(score(q, { type: 'multiple-select', optionIds: ['a'] }).points).toBe(0.13);
  });
  it('rounds a half cent up even when floating point stores it just below (3 × 3/40 = 0.22499…)', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `p${i + 1}.s1`);
    const q = load({ type: 'evidence-selection', points: 3, answer: ['One.'] }, ids);
    expect(score(q, { type: 'evidence-selection', sentenceIds: ids.slice(0, 3) }).points).toBe(0.23);
  });
});

describe('malformed responses', () => {
  it('rejects a response for another question type', () => {
    expectShapeError(single, { type: 'multiple-select', optionIds: ['b'] }, 'type', 'single-choice');
  });
  it.each([
    [null, 'response'],
    [undefined, 'response'],
    ['b', 'response'],
    [{}, 'type'],
    [{ type: 'essay', text: 'x' }, 'type'],
    [{ type: 'single-choice' }, 'optionId'],
    [{ type: 'single-choice', optionId: 3 }, 'optionId'],
    [{ type: 'single-choice', optionId: 'b', extra: 1 }, 'response'],
  ])('throws ResponseShapeError, not TypeError, for %j', (response, field) => {
    let thrown: unknown;
    try {
      score(single, response);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResponseShapeError);
    expect((thrown as ResponseShapeError).field).toBe(field);
  });
  it('reports which field a schema-level problem is in', () => {
    expectShapeError(cloze, { type: 'cloze', gaps: { 'Bad Key': 'x' } }, 'gaps', 'gaps.Bad Key');
    expectShapeError(matching, { type: 'matching', pairs: { s1: 'Truman' } }, 'pairs', 'pairs.s1');
    expectShapeError(ordering, { type: 'ordering', order: 'a,b,c,d,e' }, 'order', 'order');
  });
  it('is a proper Error subclass', () => {
    const error = new ResponseShapeError('order', 'order: bad');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ResponseShapeError');
    expect(error.field).toBe('order');
    expect(error.message).toBe('order: bad');
  });
});

// ---- properties -------------------------------------------------------------------------------

const subset = (ids: readonly string[]) => fc.subarray([...ids]);
const answer = fc.oneof(fc.constantFrom('Pyongyang', 'Pyongyng', '120,000', '1950', 'South Korea', ''), fc.string({ maxLength: 30 }));

/** Well-shaped responses only: every id exists, nothing repeats. */
function responseFor(q: LoadedQuestion): fc.Arbitrary<Response> {
  switch (q.type) {
    case 'single-choice':
      return fc.constantFrom(...q.options.map((o) => o.id)).map((optionId) => ({ type: q.type, optionId }));
    case 'multiple-select':
      return subset(q.options.map((o) => o.id))
        .chain((ids) => fc.shuffledSubarray(ids, { minLength: ids.length }))
        .map((optionIds) => ({ type: q.type, optionIds }));
    case 'true-false-not-given':
      return fc.constantFrom('true', 'false', 'not-given' as const).map((value) => ({ type: q.type, value }));
    case 'short-answer':
      return answer.map((text) => ({ type: q.type, text }));
    case 'cloze':
      return fc.dictionary(fc.constantFrom(...q.gaps.map((g) => g.id)), answer).map((gaps) => ({ type: q.type, gaps }));
    case 'evidence-selection':
      return fc
        .uniqueArray(fc.constantFrom('p1.s1', 'p1.s2', 'p2.s1', 'p3.s1', 'p3.s2'))
        .map((sentenceIds) => ({ type: q.type, sentenceIds }));
    case 'ordering':
      return fc
        .oneof(
          fc.constant<string[]>([]),
          fc.shuffledSubarray(
            q.items.map((i) => i.id),
            { minLength: q.items.length },
          ),
        )
        .map((order) => ({ type: q.type, order }));
    case 'matching':
      return fc
        .dictionary(fc.constantFrom(...q.left.map((l) => l.id)), fc.constantFrom(...q.right.map((r) => r.id)))
        .map((pairs) => ({ type: q.type, pairs }));
    case 'two-part':
      return fc
        .record({
          partA: fc.constantFrom(...q.partA.options.map((o) => o.id)),
          partB: fc.shuffledSubarray(q.partB.options.map((o) => o.id)),
        })
        .map(({ partA, partB }) => ({ type: q.type, partA, partB }));
  }
}

const questionAndResponse = fc.constantFrom(...ALL).chain((q) => responseFor(q).map((r) => [q, r] as const));

describe('properties', () => {
  it('keeps points within [0, maxPoints] with a verdict that agrees', () => {
    fc.assert(
      fc.property(questionAndResponse, ([q, r]) => {
        const result = scoreResponse(q, r);
        expect(result.maxPoints).toBe(q.points);
        expect(result.points).toBeGreaterThanOrEqual(0);
        expect(result.points).toBeLessThanOrEqual(result.maxPoints);
        expect(Math.round(result.points * 100) / 100).toBe(result.points);
        if (result.verdict === 'correct') expect(result.points).toBe(result.maxPoints);
        if (result.verdict === 'incorrect') expect(result.points).toBe(0);
        for (const p of result.parts ?? []) {
          expect(p.points).toBeGreaterThanOrEqual(0);
          expect(p.points).toBeLessThanOrEqual(p.maxPoints);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is pure: the same input gives the same output and neither is mutated', () => {
    fc.assert(
      fc.property(questionAndResponse, ([q, r]) => {
        const before = structuredClone({ q, r });
        const first = scoreResponse(q, r);
        const second = scoreResponse(structuredClone(q), structuredClone(r));
        expect(second).toEqual(first);
        expect({ q, r }).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
