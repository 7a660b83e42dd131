import type { LoadedQuestion } from '../bank/loaded.ts';
import { sentenceMisses, type SentenceStats } from './class-results.ts';
import type { AnswerScore, AttemptData } from './types.ts';

// The class as it is right now, for a live session's dashboard. Unlike classResults (which
// waits for submitted attempts) every answer counts the moment it is given: the teacher wants
// to see question 3 going wrong while there is still time to talk about it.

export interface LiveQuestion {
  questionId: string;
  number: number;
  prompt: string;
  answered: number;
  correct: number;
  /** correct / answered; null while nobody has answered. */
  shareCorrect: number | null;
}

export interface LiveResults {
  questions: LiveQuestion[];
  /**
   * Per evidence sentence: answers given to the questions citing it (`answered`) and those not
   * fully right (`missed`). A question nobody answered counts nowhere, handed in or not.
   */
  sentences: SentenceStats[];
}

/** What the tally needs of an attempt: the scores of its answers so far (handed in or not, they count the same). */
export interface TalliedAttempt {
  answers: Iterable<AnswerScore>;
}

/**
 * The class figures kept up to date one attempt at a time: an attempt's share is added when it
 * joins the count and taken back (with the same call, sign -1) before it changes, so a new
 * answer costs the size of one attempt, never the size of the class. Every answer given counts,
 * submitted or not; a question left unanswered counts nowhere, as in class results' heat map
 * (class-results.ts): a student who ran out of time did not misread the sentence.
 */
export class LiveTally {
  readonly #questions: readonly LoadedQuestion[];
  readonly #sentenceOrder: readonly string[];
  readonly #known: ReadonlySet<string>;
  readonly #answered = new Map<string, number>();
  readonly #correct = new Map<string, number>();
  readonly #missed = new Map<string, number>();

  constructor(questions: readonly LoadedQuestion[], sentenceOrder: readonly string[]) {
    this.#questions = questions;
    this.#sentenceOrder = sentenceOrder;
    this.#known = new Set(questions.map((q) => q.id));
  }

  /** Adds an attempt's share (sign 1), or takes it back (sign -1) exactly as it was added. */
  count(attempt: TalliedAttempt, sign: 1 | -1): void {
    const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + sign);
    const given = new Set<string>();
    for (const answer of attempt.answers) {
      if (!this.#known.has(answer.questionId) || given.has(answer.questionId)) continue;
      given.add(answer.questionId);
      bump(this.#answered, answer.questionId);
      if (answer.verdict === 'correct') bump(this.#correct, answer.questionId);
      else bump(this.#missed, answer.questionId);
    }
  }

  /**
   * One answer of a counted attempt changed, the rest of it did not: `before` (undefined while
   * the question was unanswered) leaves the figures and `after` (undefined once emptied) joins
   * them. The same sums as taking the attempt's share back and adding it again, at the cost of
   * one answer instead of the whole attempt, for the answer a live session gets many times a second.
   */
  change(questionId: string, before: AnswerScore | undefined, after: AnswerScore | undefined): void {
    if (!this.#known.has(questionId)) return;
    const bump = (map: Map<string, number>, sign: 1 | -1) => map.set(questionId, (map.get(questionId) ?? 0) + sign);
    for (const [score, sign] of [
      [before, -1],
      [after, 1],
    ] as const) {
      if (score === undefined) continue;
      bump(this.#answered, sign);
      bump(score.verdict === 'correct' ? this.#correct : this.#missed, sign);
    }
  }

  results(): LiveResults {
    return {
      questions: this.#questions.map((q, i) => {
        const n = this.#answered.get(q.id) ?? 0;
        const right = this.#correct.get(q.id) ?? 0;
        return { questionId: q.id, number: i + 1, prompt: q.prompt, answered: n, correct: right, shareCorrect: n === 0 ? null : right / n };
      }),
      sentences: sentenceMisses(this.#questions, this.#sentenceOrder, this.#missed, this.#answered),
    };
  }
}

/** The class figures of these attempts, counted from scratch. */
export function liveResults(
  questions: readonly LoadedQuestion[],
  sentenceOrder: readonly string[],
  attempts: readonly AttemptData<AnswerScore>[],
): LiveResults {
  const tally = new LiveTally(questions, sentenceOrder);
  for (const attempt of attempts) tally.count(attempt, 1);
  return tally.results();
}
