import type { LoadedQuestion } from '../bank/loaded.ts';
import type { TruthValue } from '../bank/schema.ts';
import type { Response, ResponseOf } from '../scoring/response.ts';
import { TRUTH_LABELS } from './readable.ts';

// Classical item analysis of a quiz's submitted attempts, for the teacher: how easy each
// question was, whether it separates the students who know the text from those who do not,
// which options were chosen, and how consistent the quiz is as a whole. Pure: it takes the
// points each attempt earned per question (the service sums them in SQL) and the choices made.
// docs/item-analysis.md explains each figure for teachers.

/** Below this many submitted attempts the quiz's reliability is not estimated: it would be noise. */
export const MIN_ATTEMPTS_FOR_RELIABILITY = 10;
/** Below this many, a question's discrimination is shown but never flagged: two or three students prove nothing. */
export const MIN_ATTEMPTS_TO_FLAG = 5;

export interface ItemQuestion {
  id: string;
  maxPoints: number;
}

/** One submitted attempt: the points earned per question it answered. An unanswered question earns 0. */
export interface ItemAttempt {
  points: ReadonlyMap<string, number>;
}

export interface ItemStats {
  questionId: string;
  /** Submitted attempts that answered it. */
  answered: number;
  /** Mean share of the points earned by those who answered, 0..1 (for a one-point question: the share right); null when nobody did. */
  facility: number | null;
  /**
   * Point-biserial discrimination: the correlation, over every submitted attempt, between the
   * share of this question's points earned and the score on the rest of the quiz. Null when it
   * cannot be computed (fewer than two attempts, or everybody scored the same on one side).
   */
  discrimination: number | null;
  /** Negative discrimination with enough attempts: the stronger students did worse on it. Review the key and the wording. */
  flagged: boolean;
}

export interface Reliability {
  /** Cronbach's alpha (equal to KR-20 when every question is right-or-wrong); null with its reason when not estimated. */
  alpha: number | null;
  /** 'KR-20' when every question is scored right or wrong, "Cronbach's alpha" otherwise. */
  method: 'KR-20' | "Cronbach's alpha";
  attempts: number;
  reason?: string;
}

export interface ItemAnalysis {
  items: ItemStats[];
  reliability: Reliability;
}

export function itemAnalysis(
  questions: readonly ItemQuestion[],
  attempts: readonly ItemAttempt[],
  options: { minAttemptsForReliability?: number; minAttemptsToFlag?: number } = {},
): ItemAnalysis {
  const minReliability = options.minAttemptsForReliability ?? MIN_ATTEMPTS_FOR_RELIABILITY;
  const minFlag = options.minAttemptsToFlag ?? MIN_ATTEMPTS_TO_FLAG;
  const n = attempts.length;
  // The share of each question's points each attempt earned (0 when unanswered), and the totals.
  const shares = questions.map((q) => attempts.map((a) => (q.maxPoints > 0 ? (a.points.get(q.id) ?? 0) / q.maxPoints : 0)));
  const points = questions.map((q) => attempts.map((a) => a.points.get(q.id) ?? 0));
  const totals = attempts.map((_, i) => points.reduce((sum, column) => sum + column[i]!, 0));

  const items = questions.map((q, k): ItemStats => {
    const given = attempts.flatMap((a) => {
      const p = a.points.get(q.id);
      return p === undefined ? [] : [q.maxPoints > 0 ? p / q.maxPoints : 0];
    });
    const rest = totals.map((t, i) => t - points[k]![i]!);
    const discrimination = n < 2 ? null : correlation(shares[k]!, rest);
    return {
      questionId: q.id,
      answered: given.length,
      facility: given.length === 0 ? null : mean(given),
      discrimination,
      // Below −1e-9 rather than 0: a correlation that is exactly 0 on paper can come out as −1e-17.
      flagged: discrimination !== null && discrimination < -1e-9 && n >= minFlag,
    };
  });

  const dichotomous = points.every((column, k) => column.every((p) => p === 0 || p === questions[k]!.maxPoints));
  const method = dichotomous ? 'KR-20' : "Cronbach's alpha";
  let reliability: Reliability;
  if (questions.length < 2) reliability = { alpha: null, method, attempts: n, reason: 'a quiz needs at least two questions' };
  else if (n < minReliability)
    reliability = { alpha: null, method, attempts: n, reason: `not estimated below ${minReliability} submitted attempts` };
  else {
    const totalVariance = variance(totals);
    if (totalVariance === 0) reliability = { alpha: null, method, attempts: n, reason: 'every attempt has the same score' };
    else {
      const k = questions.length;
      const itemVariances = points.reduce((sum, column) => sum + variance(column), 0);
      reliability = { alpha: (k / (k - 1)) * (1 - itemVariances / totalVariance), method, attempts: n };
    }
  }
  return { items, reliability };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Population variance (divided by n), as KR-20 and alpha use it. */
function variance(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length;
}

/** Pearson's correlation; null when either side does not vary. */
function correlation(x: readonly number[], y: readonly number[]): number | null {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Below rounding noise a side counts as constant.
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

// ── Option shares, for the questions where a student picks among options ──

export interface OptionShare {
  id: string;
  text: string;
  correct: boolean;
  /** Answers that chose it. */
  count: number;
  /** count / answers to the question, 0..1. */
  share: number;
}

/**
 * For choice questions (single choice, multiple select, true / false / not given, part A of
 * two-part): how many of the answers chose each option, in the bank's order. Undefined for the
 * other types. A multiple-select answer chooses several, so its shares may add up to more than 1.
 */
export function optionShares(question: LoadedQuestion, responses: readonly Response[]): OptionShare[] | undefined {
  const options = choiceOptions(question);
  if (!options) return undefined;
  const counts = new Map(options.map((o) => [o.id, 0]));
  let answers = 0;
  for (const response of responses) {
    if (response.type !== question.type) continue;
    answers++;
    for (const id of new Set(chosen(response))) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
  }
  return options.map((o) => ({ ...o, count: counts.get(o.id)!, share: answers === 0 ? 0 : counts.get(o.id)! / answers }));
}

function choiceOptions(question: LoadedQuestion): { id: string; text: string; correct: boolean }[] | undefined {
  switch (question.type) {
    case 'single-choice':
      return question.options.map((o) => ({ id: o.id, text: o.text, correct: o.id === question.correct }));
    case 'multiple-select':
      return question.options.map((o) => ({ id: o.id, text: o.text, correct: question.correct.includes(o.id) }));
    case 'true-false-not-given':
      return (Object.keys(TRUTH_LABELS) as TruthValue[]).map((value) => ({
        id: value,
        text: TRUTH_LABELS[value],
        correct: value === question.answer,
      }));
    case 'two-part':
      return question.partA.options.map((o) => ({ id: o.id, text: o.text, correct: o.id === question.partA.correct }));
    default:
      return undefined;
  }
}

function chosen(response: Response): string[] {
  switch (response.type) {
    case 'single-choice':
      return [(response as ResponseOf<'single-choice'>).optionId];
    case 'multiple-select':
      return (response as ResponseOf<'multiple-select'>).optionIds;
    case 'true-false-not-given':
      return [(response as ResponseOf<'true-false-not-given'>).value];
    case 'two-part':
      return [(response as ResponseOf<'two-part'>).partA];
    default:
      return [];
  }
}
