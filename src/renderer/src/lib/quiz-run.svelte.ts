import type { AttemptView, Feedback, PublicQuestion, Response, Review } from '../../../shared/contract.ts';
import { ApiError, type Client } from './api.ts';
import { pointsText, VERDICT_WORDS } from './labels.ts';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/**
 * What a run needs of the service: saving answers and handing in. The app's own client fits;
 * so does a class session's seat (lib/seat-client.ts), whose submit answers null while the
 * teacher has not released the review yet.
 */
export interface AttemptClient {
  answer: Client['answer'];
  submit: (input: { attemptId: string }) => Promise<Review | null>;
}

/**
 * One student's attempt on screen: the questions, what has been saved, flags, and moving
 * between them. In deferred mode every change is saved as it is made. In immediate mode a
 * change is a draft until the student checks it, because a checked answer is locked: one
 * stray click must not lock a question that takes several steps to answer.
 */
export class QuizRun {
  readonly view: AttemptView;
  #client: AttemptClient;
  #storage: Storage | undefined;
  #saved = $state<Record<string, Response>>({});
  #drafts = $state<Record<string, Response>>({});
  #feedback = $state<Record<string, Feedback>>({});
  #flagged = $state<Record<string, boolean>>({});
  #currentIndex = $state(0);
  #saveState = $state<SaveState>('idle');
  #announcement = $state('');
  #error = $state<string | null>(null);

  constructor(view: AttemptView, client: AttemptClient, storage?: Storage) {
    this.view = view;
    this.#client = client;
    this.#storage = storage;
    for (const answer of view.answers) {
      this.#saved[answer.questionId] = answer.response;
      if (answer.feedback) this.#feedback[answer.questionId] = answer.feedback;
    }
    for (const id of this.#loadFlags()) this.#flagged[id] = true;
  }

  get immediate(): boolean {
    return this.view.settings.feedback === 'immediate';
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
  /** What the live region says: saved, or the verdict of a checked answer. */
  get announcement(): string {
    return this.#announcement;
  }
  get error(): string | null {
    return this.#error;
  }
  get answeredCount(): number {
    return Object.keys(this.#saved).length;
  }
  get unanswered(): PublicQuestion[] {
    return this.view.questions.filter((q) => !(q.id in this.#saved));
  }
  get flaggedQuestions(): PublicQuestion[] {
    return this.view.questions.filter((q) => this.#flagged[q.id]);
  }

  /** The draft if there is one, else what was saved. */
  responseTo(questionId: string): Response | undefined {
    return this.#drafts[questionId] ?? this.#saved[questionId];
  }
  hasDraft(questionId: string): boolean {
    return questionId in this.#drafts;
  }
  feedbackFor(questionId: string): Feedback | undefined {
    return this.#feedback[questionId];
  }
  isAnswered(questionId: string): boolean {
    return questionId in this.#saved;
  }
  isFlagged(questionId: string): boolean {
    return this.#flagged[questionId] === true;
  }

  goTo(index: number): void {
    if (index >= 0 && index < this.view.questions.length) this.#currentIndex = index;
  }

  toggleFlag(questionId: string): void {
    if (this.#flagged[questionId]) delete this.#flagged[questionId];
    else this.#flagged[questionId] = true;
    this.#storage?.setItem(this.#flagsKey, JSON.stringify(Object.keys(this.#flagged)));
  }

  /** A change to an answer: saved at once in deferred mode, kept as a draft in immediate mode. */
  async answer(questionId: string, response: Response): Promise<void> {
    if (this.immediate) {
      this.#drafts[questionId] = response;
      return;
    }
    await this.#send(questionId, response);
  }

  /** Immediate mode: sends the draft and shows the verdict. */
  async check(questionId: string): Promise<void> {
    const draft = this.#drafts[questionId];
    if (!draft) return;
    if (await this.#send(questionId, draft)) delete this.#drafts[questionId];
  }

  async #send(questionId: string, response: Response): Promise<boolean> {
    const previous = this.#saved[questionId];
    this.#saved[questionId] = response;
    this.#saveState = 'saving';
    this.#announcement = 'Saving…';
    this.#error = null;
    try {
      const result = await this.#client.answer({ attemptId: this.view.attemptId, questionId, response });
      this.#saveState = 'saved';
      if (result.feedback) {
        this.#feedback[questionId] = result.feedback;
        this.#announcement = `${VERDICT_WORDS[result.feedback.verdict]}: ${pointsText(result.feedback.points, result.feedback.maxPoints)}.`;
      } else {
        this.#announcement = 'Answer saved.';
      }
      return true;
    } catch (error) {
      if (previous === undefined) delete this.#saved[questionId];
      else this.#saved[questionId] = previous;
      this.#saveState = 'error';
      this.#announcement = '';
      this.#error = messageOf(error);
      return false;
    }
  }

  /** The review; null when handed in but the review comes later (a class session); undefined on failure. */
  async submit(): Promise<Review | null | undefined> {
    this.#error = null;
    try {
      const review = await this.#client.submit({ attemptId: this.view.attemptId });
      this.#storage?.removeItem(this.#flagsKey);
      return review;
    } catch (error) {
      this.#error = messageOf(error);
      return undefined;
    }
  }

  get #flagsKey(): string {
    return `evident.flags.${this.view.attemptId}`;
  }

  #loadFlags(): string[] {
    try {
      const stored: unknown = JSON.parse(this.#storage?.getItem(this.#flagsKey) ?? '[]');
      return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
