import type { AttemptDetail, AttemptDetailQuestion } from '../../../../shared/contract.ts';
import type { Client } from '../../lib/api.ts';
import { messageOf } from '../../lib/quiz-run.svelte.ts';

export type AttemptReviewClient = Pick<Client, 'attemptDetail' | 'overrideMark'>;

/** The teacher's mark on one question: a short answer right or wrong, or one cloze gap. */
export type NewMark = { correct: boolean } | { gap: string; correct: boolean };

/**
 * One student's attempt as the teacher reads it, and the teacher's marks over the automatic ones.
 * Every override answers with the whole attempt again, so the totals shown are the service's,
 * never added up here. `changed` tells the results behind to reload when the teacher goes back.
 */
export class AttemptReview {
  #client: AttemptReviewClient;
  #detail = $state<AttemptDetail | null>(null);
  #error = $state<string | null>(null);
  #notice = $state('');
  /** The question whose mark is being saved: its controls wait. */
  #saving = $state<string | null>(null);
  #changed = false;
  #attemptId: string;

  constructor(client: AttemptReviewClient, attemptId: string) {
    this.#client = client;
    this.#attemptId = attemptId;
  }

  get detail(): AttemptDetail | null {
    return this.#detail;
  }
  get error(): string | null {
    return this.#error;
  }
  get notice(): string {
    return this.#notice;
  }
  get saving(): string | null {
    return this.#saving;
  }
  /** Whether a mark was changed (the class results behind are then out of date). */
  get changed(): boolean {
    return this.#changed;
  }

  async load(): Promise<void> {
    try {
      this.#detail = await this.#client.attemptDetail({ attemptId: this.#attemptId });
      this.#error = null;
    } catch (e) {
      this.#error = messageOf(e);
    }
  }

  /** Replaces the mark of a short answer, or of one gap of a cloze, with the teacher's; the reason is optional. */
  async override(question: AttemptDetailQuestion, mark: NewMark, reason: string): Promise<void> {
    const why = reason.trim();
    const change = 'gap' in mark ? { gaps: { [mark.gap]: mark.correct } } : { correct: mark.correct };
    const what = 'gap' in mark ? `gap ${gapNumber(question, mark.gap)} of question ${question.number}` : `question ${question.number}`;
    await this.#save(
      question,
      { attemptId: this.#attemptId, questionId: question.questionId, ...change, ...(why ? { reason: why } : {}) },
      (q) => `Marked ${what} ${mark.correct ? 'right' : 'wrong'}: ${q.points} of ${q.maxPoints}.`,
    );
  }

  /** Goes back to the automatic mark. */
  async clear(question: AttemptDetailQuestion): Promise<void> {
    await this.#save(
      question,
      { attemptId: this.#attemptId, questionId: question.questionId, clear: true },
      (q) => `Question ${question.number} is back to its automatic mark: ${q.points} of ${q.maxPoints}.`,
    );
  }

  async #save(
    question: AttemptDetailQuestion,
    input: Parameters<AttemptReviewClient['overrideMark']>[0],
    said: (updated: AttemptDetailQuestion) => string,
  ): Promise<void> {
    this.#saving = question.questionId;
    try {
      const detail = await this.#client.overrideMark(input);
      this.#detail = detail;
      this.#changed = true;
      this.#error = null;
      const updated = detail.questions.find((q) => q.questionId === question.questionId);
      if (updated) this.#notice = `${said(updated)} Total ${detail.attempt.points} of ${detail.attempt.maxPoints}.`;
    } catch (e) {
      this.#error = messageOf(e);
    } finally {
      this.#saving = null;
    }
  }
}

/** A gap's place in its cloze, counted from 1, as the teacher sees them. */
export function gapNumber(question: Pick<AttemptDetailQuestion, 'gaps'>, gapId: string): number {
  return (question.gaps?.findIndex((g) => g.id === gapId) ?? -1) + 1;
}
