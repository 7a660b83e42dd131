import type { LoadedQuestion } from '../bank/loaded.ts';
import { round2 } from '../scoring/score.ts';
import { sentenceMisses, type ClassResults, type QuestionStats } from './class-results.ts';
import { MIN_ATTEMPTS_FOR_RELIABILITY, MIN_ATTEMPTS_TO_FLAG, type OptionShare, type Reliability } from './item-analysis.ts';
import { CHOICE_TYPES, TRUTH_LABELS, textOf } from './readable.ts';

// Class results from sums, so that the service can let SQLite add up 100,000 answers and hand
// over a few numbers per question instead of every row. Same figures as classResults() (the
// reference, which takes the rows); tests/unit/class-sums.test.ts checks the two agree on
// randomised classes. Only submitted attempts are summed, as there.

/**
 * Sums over the submitted attempts' answers to one question. x is the share of the question's
 * points an answer earned (points / the bank's maximum), p its points, t its attempt's total
 * over the bank's questions.
 */
export interface QuestionSums {
  questionId: string;
  /** Answers to it. */
  answered: number;
  /** Answers with full credit (verdict correct). */
  full: number;
  /** Answers whose response is of the question's type (option shares count only these). */
  typed: number;
  /** Answers whose points are neither 0 nor the maximum: the quiz is then not right-or-wrong. */
  partial: number;
  p: number;
  pp: number;
  x: number;
  xx: number;
  xp: number;
  xt: number;
  pt: number;
}

/**
 * How often a choice was made. `choice` is an option id (or a truth value); for matching it is
 * the left item's id and `right` the right item chosen for it. `count` counts every mention,
 * `responses` the answers that made it. `first` orders first appearances (attempts newest
 * first, then the place in the answer) so that ties go, as in classResults, to the one met first.
 */
export interface ChoiceCount {
  questionId: string;
  choice: string;
  right?: string;
  count: number;
  responses: number;
  first: number;
}

export interface ClassSums {
  /** Submitted attempts. */
  attempts: number;
  /** Sum and sum of squares of their totals over the bank's questions. */
  t: number;
  tt: number;
  questions: ReadonlyMap<string, QuestionSums>;
  choices: readonly ChoiceCount[];
}

const NONE: Omit<QuestionSums, 'questionId'> = {
  answered: 0,
  full: 0,
  typed: 0,
  partial: 0,
  p: 0,
  pp: 0,
  x: 0,
  xx: 0,
  xp: 0,
  xt: 0,
  pt: 0,
};

/** Below this a centred sum of squares is rounding noise: that side does not vary. */
const NOISE = 1e-9;

export function classResultsFromSums(
  questions: readonly LoadedQuestion[],
  sentenceOrder: readonly string[],
  sums: ClassSums,
): ClassResults {
  const n = sums.attempts;
  const choicesOf = new Map<string, ChoiceCount[]>();
  for (const c of sums.choices) {
    const list = choicesOf.get(c.questionId) ?? [];
    list.push(c);
    choicesOf.set(c.questionId, list);
  }
  const stats: QuestionStats[] = questions.map((q, i) => {
    const s = { ...NONE, ...sums.questions.get(q.id) };
    const discrimination = n < 2 ? null : itemRest(s, sums, n);
    const choices = choicesOf.get(q.id) ?? [];
    const stat: QuestionStats = {
      questionId: q.id,
      number: i + 1,
      prompt: q.prompt,
      type: q.type,
      skill: q.skill,
      answered: s.answered,
      facility: s.answered === 0 ? null : s.full / s.answered,
      averagePoints: s.answered === 0 ? null : round2(s.p / s.answered),
      discrimination,
      flagged: discrimination !== null && discrimination < -1e-9 && n >= MIN_ATTEMPTS_TO_FLAG,
    };
    if (CHOICE_TYPES.has(q.type)) {
      const wrong = mostChosenWrong(q, choices);
      if (wrong) stat.mostChosenWrong = wrong;
    }
    const options = optionShares(q, choices, s.typed);
    if (options) stat.options = options;
    // Key order as classResults builds it, so that a reply compares equal field by field.
    const { discrimination: d, flagged, options: o, ...rest } = stat;
    return { ...rest, discrimination: d, flagged, ...(o ? { options: o } : {}) };
  });
  const missed = new Map(questions.map((q) => [q.id, (sums.questions.get(q.id)?.answered ?? 0) - (sums.questions.get(q.id)?.full ?? 0)]));
  const answered = new Map(questions.map((q) => [q.id, sums.questions.get(q.id)?.answered ?? 0]));
  return {
    questions: stats,
    sentences: sentenceMisses(questions, sentenceOrder, missed, answered),
    reliability: reliability(questions, sums),
  };
}

/** Pearson's correlation between the share of the question earned and the score on the rest. */
function itemRest(s: Omit<QuestionSums, 'questionId'>, sums: ClassSums, n: number): number | null {
  const rest = sums.t - s.p;
  const restSquares = sums.tt - 2 * s.pt + s.pp;
  const sxx = s.xx - (s.x * s.x) / n;
  const syy = restSquares - (rest * rest) / n;
  const sxy = s.xt - s.xp - (s.x * rest) / n;
  if (sxx < NOISE || syy < NOISE) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function reliability(questions: readonly LoadedQuestion[], sums: ClassSums): Reliability {
  const n = sums.attempts;
  const dichotomous = questions.every((q) => (sums.questions.get(q.id)?.partial ?? 0) === 0);
  const method = dichotomous ? 'KR-20' : "Cronbach's alpha";
  if (questions.length < 2) return { alpha: null, method, attempts: n, reason: 'a quiz needs at least two questions' };
  if (n < MIN_ATTEMPTS_FOR_RELIABILITY) {
    return { alpha: null, method, attempts: n, reason: `not estimated below ${MIN_ATTEMPTS_FOR_RELIABILITY} submitted attempts` };
  }
  // Population variances, as KR-20 and alpha use them.
  const totalVariance = sums.tt / n - (sums.t / n) ** 2;
  if (totalVariance < NOISE / n) return { alpha: null, method, attempts: n, reason: 'every attempt has the same score' };
  const itemVariances = questions.reduce((sum, q) => {
    const s = sums.questions.get(q.id);
    return s ? sum + Math.max(0, s.pp / n - (s.p / n) ** 2) : sum;
  }, 0);
  const k = questions.length;
  return { alpha: (k / (k - 1)) * (1 - itemVariances / totalVariance), method, attempts: n };
}

function mostChosenWrong(q: LoadedQuestion, choices: readonly ChoiceCount[]): { text: string; count: number } | undefined {
  const byText = new Map<string, { count: number; first: number }>();
  for (const c of choices) {
    const wrong = wrongText(q, c);
    if (wrong === undefined) continue;
    const seen = byText.get(wrong.text);
    byText.set(wrong.text, { count: (seen?.count ?? 0) + c.count, first: Math.min(seen?.first ?? Infinity, wrong.first) });
  }
  let best: { text: string; count: number; first: number } | undefined;
  for (const [text, { count, first }] of byText) {
    if (!best || count > best.count || (count === best.count && first < best.first)) best = { text, count, first };
  }
  return best && { text: best.text, count: best.count };
}

/** The wrong choice's text as classResults words it, and where it was first met; undefined when the choice was right. */
function wrongText(q: LoadedQuestion, c: ChoiceCount): { text: string; first: number } | undefined {
  switch (q.type) {
    case 'single-choice':
      return c.choice === q.correct ? undefined : { text: textOf(q.options, c.choice), first: c.first };
    case 'multiple-select':
      return q.correct.includes(c.choice) ? undefined : { text: textOf(q.options, c.choice), first: c.first };
    case 'true-false-not-given':
      return c.choice === q.answer || !Object.hasOwn(TRUTH_LABELS, c.choice)
        ? undefined
        : { text: TRUTH_LABELS[c.choice as keyof typeof TRUTH_LABELS], first: c.first };
    case 'two-part':
      return c.choice === q.partA.correct ? undefined : { text: textOf(q.partA.options, c.choice), first: c.first };
    case 'matching': {
      const index = q.left.findIndex((l) => l.id === c.choice);
      if (index < 0 || c.right === undefined) return undefined;
      if (q.pairs.some((p) => p.left === c.choice && p.right === c.right)) return undefined;
      return { text: `${q.left[index]!.text} → ${textOf(q.right, c.right)}`, first: c.first + index };
    }
    default:
      return undefined;
  }
}

function optionShares(q: LoadedQuestion, choices: readonly ChoiceCount[], answers: number): OptionShare[] | undefined {
  let options: { id: string; text: string; correct: boolean }[];
  switch (q.type) {
    case 'single-choice':
      options = q.options.map((o) => ({ id: o.id, text: o.text, correct: o.id === q.correct }));
      break;
    case 'multiple-select':
      options = q.options.map((o) => ({ id: o.id, text: o.text, correct: q.correct.includes(o.id) }));
      break;
    case 'true-false-not-given':
      options = (Object.keys(TRUTH_LABELS) as (keyof typeof TRUTH_LABELS)[]).map((v) => ({
        id: v,
        text: TRUTH_LABELS[v],
        correct: v === q.answer,
      }));
      break;
    case 'two-part':
      options = q.partA.options.map((o) => ({ id: o.id, text: o.text, correct: o.id === q.partA.correct }));
      break;
    default:
      return undefined;
  }
  const counts = new Map(choices.map((c) => [c.choice, c.responses]));
  return options.map((o) => {
    const count = counts.get(o.id) ?? 0;
    return { ...o, count, share: answers === 0 ? 0 : count / answers };
  });
}
