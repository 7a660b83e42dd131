import type { AttemptView, Feedback, PublicQuestion, Response, Review } from '../../../shared/contract.ts';
import { ApiError, type Client } from './api.ts';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** One student's attempt on screen: the questions, what has been saved, and moving between them. */
export class QuizRun {
  readonly view: AttemptView;
  #client: Client;
  #responses = $state<Record<string, Response>>({});
  #feedback = $state<Record<string, Feedback>>({});
  #currentIndex = $state(0);
  #saveState = $state<SaveState>('idle');
  #error = $state<string | null>(null);

  constructor(view: AttemptView, client: Client) {
    this.view = view;
    this.#client = client;
    for (const answer of view.answers) {
      this.#responses[answer.questionId] = answer.response;
      if (answer.feedback) this.#feedback[answer.questionId] = answer.feedback;
    }
  }

  get questions(): PublicQuestion[] {
    return this.view.questions;
  }
  get currentIndex(): number {
    return this.#currentIndex;
  }
  get current(): PublicQuestion {
    const question = this.view.questions[this.#currentIndex];
    if (!question) throw new Error('the attempt has no questions');
    return question;
  }
  get saveState(): SaveState {
    return this.#saveState;
  }
  get error(): string | null {
    return this.#error;
  }
  get answeredCount(): number {
    return Object.keys(this.#responses).length;
  }
  get unanswered(): PublicQuestion[] {
    return this.view.questions.filter((q) => !(q.id in this.#responses));
  }

  responseTo(questionId: string): Response | undefined {
    return this.#responses[questionId];
  }
  feedbackFor(questionId: string): Feedback | undefined {
    return this.#feedback[questionId];
  }
  isAnswered(questionId: string): boolean {
    return questionId in this.#responses;
  }

  goTo(index: number): void {
    if (index >= 0 && index < this.view.questions.length) this.#currentIndex = index;
  }

  async answer(questionId: string, response: Response): Promise<void> {
    const previous = this.#responses[questionId];
    this.#responses[questionId] = response;
    this.#saveState = 'saving';
    this.#error = null;
    try {
      const result = await this.#client.answer({ attemptId: this.view.attemptId, questionId, response });
      if (result.feedback) this.#feedback[questionId] = result.feedback;
      this.#saveState = 'saved';
    } catch (error) {
      if (previous === undefined) delete this.#responses[questionId];
      else this.#responses[questionId] = previous;
      this.#saveState = 'error';
      this.#error = messageOf(error);
    }
  }

  async submit(): Promise<Review | undefined> {
    this.#error = null;
    try {
      return await this.#client.submit({ attemptId: this.view.attemptId });
    } catch (error) {
      this.#error = messageOf(error);
      return undefined;
    }
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
