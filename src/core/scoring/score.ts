import type { LoadedQuestion } from '../bank/loaded.ts';
import type { QuestionType } from '../bank/schema.ts';
import { answersMatch } from './normalise.ts';
import { Response, type ResponseOf } from './response.ts';
import { ResponseShapeError, type LoadedQuestionOf, type ScorePart, type ScoreResult } from './types.ts';

// The rules and their reasons are written up for teachers in docs/scoring.md; keep the two in step.

/** To two decimals; the nudge stops a half such as 3 × 3/40, computed as 0.22499…, rounding down. */
export function round2(x: number): number {
  return Math.round(x * 100 + 1e-9) / 100;
}

function result(question: LoadedQuestion, fraction: number, parts?: ScorePart[]): ScoreResult {
  const verdict = fraction >= 1 ? 'correct' : fraction <= 0 ? 'incorrect' : 'partial';
  const score: ScoreResult = { points: round2(question.points * fraction), maxPoints: question.points, verdict };
  if (parts) score.parts = parts;
  return score;
}

function part(id: string, maxPoints: number, fraction: number, correct: boolean): ScorePart {
  return { id, points: round2(maxPoints * fraction), maxPoints: round2(maxPoints), correct };
}

/** Rejects ids the question does not have (when `known` is given) and ids listed twice. */
function checkIds(field: string, ids: readonly string[], known: ReadonlySet<string> | null, what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (known && !known.has(id)) throw new ResponseShapeError(field, `${field}: there is no ${what} "${id}" in this question`);
    if (seen.has(id)) throw new ResponseShapeError(field, `${field}: ${what} "${id}" is given more than once`);
    seen.add(id);
  }
}

/** A record entry, ignoring inherited properties: a gap may well be called "constructor". */
function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function idsOf(items: readonly { id: string }[]): Set<string> {
  return new Set(items.map((item) => item.id));
}

/** Right picks minus wrong picks, over the number of right answers, floored at 0. */
function selectionFraction(chosen: readonly string[], correct: readonly string[]): number {
  const right = new Set(correct);
  if (right.size === 0) return 0;
  let net = 0;
  for (const id of chosen) net += right.has(id) ? 1 : -1;
  return Math.max(0, net / right.size);
}

export function scoreSingleChoice(q: LoadedQuestionOf<'single-choice'>, r: ResponseOf<'single-choice'>): ScoreResult {
  checkIds('optionId', [r.optionId], idsOf(q.options), 'option');
  return result(q, r.optionId === q.correct ? 1 : 0);
}

export function scoreMultipleSelect(q: LoadedQuestionOf<'multiple-select'>, r: ResponseOf<'multiple-select'>): ScoreResult {
  checkIds('optionIds', r.optionIds, idsOf(q.options), 'option');
  return result(q, selectionFraction(r.optionIds, q.correct));
}

export function scoreTrueFalseNotGiven(q: LoadedQuestionOf<'true-false-not-given'>, r: ResponseOf<'true-false-not-given'>): ScoreResult {
  return result(q, r.value === q.answer ? 1 : 0);
}

export function scoreShortAnswer(q: LoadedQuestionOf<'short-answer'>, r: ResponseOf<'short-answer'>): ScoreResult {
  return result(q, answersMatch(r.text, q.accepted) ? 1 : 0);
}

export function scoreCloze(q: LoadedQuestionOf<'cloze'>, r: ResponseOf<'cloze'>): ScoreResult {
  checkIds('gaps', Object.keys(r.gaps), idsOf(q.gaps), 'gap');
  const each = q.points / q.gaps.length;
  const parts = q.gaps.map((gap) => {
    const right = answersMatch(own(r.gaps, gap.id) ?? '', gap.accepted);
    return part(gap.id, each, right ? 1 : 0, right);
  });
  return result(q, parts.filter((p) => p.correct).length / q.gaps.length, parts);
}

export function scoreEvidenceSelection(q: LoadedQuestionOf<'evidence-selection'>, r: ResponseOf<'evidence-selection'>): ScoreResult {
  // Any well-formed sentence id is accepted: one the question does not expect is simply a wrong pick.
  checkIds('sentenceIds', r.sentenceIds, null, 'sentence');
  if (q.answerSentenceIds.length === 0) throw new Error(`question "${q.id}" has no answer sentences`);
  return result(q, selectionFraction(r.sentenceIds, q.answerSentenceIds));
}

/** Length of the longest strictly increasing subsequence; n ≤ 20, so quadratic is plenty. */
function longestIncreasing(values: readonly number[]): number {
  const best: number[] = [];
  values.forEach((v, i) => {
    let len = 1;
    for (let j = 0; j < i; j++) {
      if ((values[j] ?? Infinity) < v) len = Math.max(len, (best[j] ?? 0) + 1);
    }
    best.push(len);
  });
  return Math.max(0, ...best);
}

export function scoreOrdering(q: LoadedQuestionOf<'ordering'>, r: ResponseOf<'ordering'>): ScoreResult {
  // An empty order means the student never answered; anything else must use every item once.
  if (r.order.length === 0) return result(q, 0);
  checkIds('order', r.order, idsOf(q.items), 'item');
  if (r.order.length !== q.items.length) {
    const missing = q.items.filter((item) => !r.order.includes(item.id)).map((item) => `"${item.id}"`);
    throw new ResponseShapeError('order', `order: every item must be placed; missing ${missing.join(', ')}`);
  }
  const rank = new Map(q.order.map((id, i) => [id, i]));
  const n = q.items.length;
  const kept = longestIncreasing(r.order.map((id) => rank.get(id) ?? -1));
  return result(q, n <= 1 ? 1 : (kept - 1) / (n - 1));
}

export function scoreMatching(q: LoadedQuestionOf<'matching'>, r: ResponseOf<'matching'>): ScoreResult {
  checkIds('pairs', Object.keys(r.pairs), idsOf(q.left), 'left item');
  const rightIds = idsOf(q.right);
  for (const [left, right] of Object.entries(r.pairs)) {
    if (!rightIds.has(right)) {
      throw new ResponseShapeError('pairs', `pairs: there is no right item "${right}" in this question (given for "${left}")`);
    }
  }
  const answer = new Map(q.pairs.map((p) => [p.left, p.right]));
  const each = q.points / q.left.length;
  const parts = q.left.map((item) => {
    const given = own(r.pairs, item.id);
    const right = given !== undefined && given === answer.get(item.id);
    return part(item.id, each, right ? 1 : 0, right);
  });
  return result(q, parts.filter((p) => p.correct).length / q.left.length, parts);
}

export function scoreTwoPart(q: LoadedQuestionOf<'two-part'>, r: ResponseOf<'two-part'>): ScoreResult {
  checkIds('partA', [r.partA], idsOf(q.partA.options), 'Part A option');
  checkIds('partB', r.partB, idsOf(q.partB.options), 'Part B option');
  const aRight = r.partA === q.partA.correct;
  const b = selectionFraction(r.partB, q.partB.correct);
  // Part B asks for the evidence behind the right Part A answer, so it earns nothing on its own
  // when Part A is wrong (the PARCC / Smarter Balanced convention; see docs/scoring.md).
  const bEarned = aRight ? b : 0;
  const half = q.points / 2;
  const parts = [part('partA', half, aRight ? 1 : 0, aRight), part('partB', half, bEarned, b === 1)];
  return result(q, ((aRight ? 1 : 0) + bEarned) / 2, parts);
}

const SCORERS: { [T in QuestionType]: (q: LoadedQuestionOf<T>, r: ResponseOf<T>) => ScoreResult } = {
  'single-choice': scoreSingleChoice,
  'multiple-select': scoreMultipleSelect,
  'true-false-not-given': scoreTrueFalseNotGiven,
  'short-answer': scoreShortAnswer,
  cloze: scoreCloze,
  'evidence-selection': scoreEvidenceSelection,
  ordering: scoreOrdering,
  matching: scoreMatching,
  'two-part': scoreTwoPart,
};

/**
 * Scores one response. The response is re-validated here because it crosses a process boundary
 * on its way in; a malformed one throws ResponseShapeError rather than scoring 0.
 */
export function scoreResponse(question: LoadedQuestion, response: Response): ScoreResult {
  const parsed = Response.safeParse(response);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    throw new ResponseShapeError(path[0] ?? 'response', `${path.join('.') || 'response'}: ${issue?.message ?? 'invalid'}`);
  }
  const r = parsed.data;
  if (r.type !== question.type) {
    throw new ResponseShapeError('type', `type: question "${question.id}" is ${question.type} but the response is for ${r.type}`);
  }
  // Safe: the types were just checked to agree, which TypeScript cannot correlate across a lookup.
  const score = SCORERS[question.type] as (q: LoadedQuestion, r: Response) => ScoreResult;
  return score(question, r);
}
