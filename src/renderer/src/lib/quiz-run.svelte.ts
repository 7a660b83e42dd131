import type { AttemptView, Feedback, PublicQuestion, Response, Review } from '../../../shared/contract.ts';
import type { Client } from './api.ts';
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

/** How long typing may pause before a short answer or a cloze gap is saved. */
export const TYPING_SAVE_DELAY_MS = 800;

/** Types answered by typing: saved after a pause in the typing, or on leaving the question. */
const TYPED: ReadonlySet<Response['type']> = new Set(['short-answer', 'cloze']);

/**
 * One student's attempt on screen: the questions, what has been saved, flags, and moving
 * between them. In deferred mode every change is saved as it is made (typing after a short
 * pause, and at the latest when the student leaves the question). In immediate mode a change is
 * a draft until the student checks it, because a checked answer is locked: one stray click must
 * not lock a question that takes several steps to answer. A draft is kept while the student
 * moves between questions.
 */
export class QuizRun {
  readonly view: AttemptView;
  #client: AttemptClient;
  #storage: Storage | undefined;
  #saved = $state<Record<string, Response>>({});
  #drafts = $state<Record<string, Response>>({});
  /** Typing not yet sent (deferred mode), by question. */
  #typing = $state<Record<string, Response>>({});
  #typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The number of the latest send per question: an older reply must not undo a newer answer. */
  #sends = new Map<string, number>();
  /** Per question, the send in flight: the next waits for it, so the service stores them in order. */
  #inFlight = new Map<string, Promise<unknown>>();
  #feedback = $state<Record<string, Feedback>>({});
  #flagged = $state<Record<string, boolean>>({});
  #currentIndex = $state(0);
  #saveState = $state<SaveState>('idle');
  #announcement = $state<{ questionId: string; text: string } | null>(null);
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
    // A reload comes back to the question the student was on.
    const position = Number(this.#storage?.getItem(this.#positionKey));
    if (Number.isInteger(position) && position > 0 && position < view.questions.length) this.#currentIndex = position;
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
  /** What the live region says about the current question: saved, or the verdict of a checked answer. */
  get announcement(): string {
    const a = this.#announcement;
    return a && a.questionId === this.current.id ? a.text : '';
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

  /** What the student last gave: typing not yet saved, a draft, else what was saved. */
  responseTo(questionId: string): Response | undefined {
    return this.#typing[questionId] ?? this.#drafts[questionId] ?? this.#saved[questionId];
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

  /** Moves to another question; typing on the one left is saved first. */
  goTo(index: number): void {
    if (index < 0 || index >= this.view.questions.length || index === this.#currentIndex) return;
    void this.#flushTyping(this.current.id);
    this.#currentIndex = index;
    this.#error = null;
    this.#storage?.setItem(this.#positionKey, String(index));
  }

  toggleFlag(questionId: string): void {
    if (this.#flagged[questionId]) delete this.#flagged[questionId];
    else this.#flagged[questionId] = true;
    this.#storage?.setItem(this.#flagsKey, JSON.stringify(Object.keys(this.#flagged)));
  }

  /**
   * A change to an answer. Immediate mode: kept as a draft until checked. Deferred mode: saved
   * at once, or for typing after a pause (see TYPING_SAVE_DELAY_MS) or on leaving the question.
   */
  async answer(questionId: string, response: Response): Promise<void> {
    if (this.immediate) {
      this.#drafts[questionId] = response;
      return;
    }
    if (TYPED.has(response.type)) {
      this.#typing[questionId] = response;
      clearTimeout(this.#typingTimers.get(questionId));
      this.#typingTimers.set(
        questionId,
        setTimeout(() => void this.#flushTyping(questionId), TYPING_SAVE_DELAY_MS),
      );
      return;
    }
    await this.#send(questionId, response);
  }

  /** Saves every answer still being typed: before leaving the attempt or handing it in. */
  async flush(): Promise<void> {
    await Promise.all(Object.keys(this.#typing).map((id) => this.#flushTyping(id)));
  }

  async #flushTyping(questionId: string): Promise<void> {
    clearTimeout(this.#typingTimers.get(questionId));
    this.#typingTimers.delete(questionId);
    const response = this.#typing[questionId];
    if (!response) return;
    delete this.#typing[questionId];
    const saved = this.#saved[questionId];
    if (saved && JSON.stringify(saved) === JSON.stringify(response)) return; // unchanged
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
    const sequence = (this.#sends.get(questionId) ?? 0) + 1;
    this.#sends.set(questionId, sequence);
    const latest = () => this.#sends.get(questionId) === sequence;
    this.#saved[questionId] = response;
    this.#saveState = 'saving';
    this.#announce(questionId, 'Saving…');
    this.#error = null;
    const before = this.#inFlight.get(questionId) ?? Promise.resolve();
    const call = before.then(
      () => this.#client.answer({ attemptId: this.view.attemptId, questionId, response }),
      () => this.#client.answer({ attemptId: this.view.attemptId, questionId, response }),
    );
    this.#inFlight.set(questionId, call);
    try {
      const result = await call;
      if (!latest()) return true; // a newer answer to this question is on its way; its reply decides
      this.#saveState = 'saved';
      if (result.cleared) {
        delete this.#saved[questionId];
        this.#announce(
          questionId,
          this.immediate ? 'Nothing to check yet: answer the question first.' : 'Answer removed: this question is not answered.',
        );
        return !this.immediate;
      }
      if (result.feedback) {
        this.#feedback[questionId] = result.feedback;
        this.#announce(
          questionId,
          `${VERDICT_WORDS[result.feedback.verdict]}: ${pointsText(result.feedback.points, result.feedback.maxPoints)}.`,
        );
      } else {
        this.#announce(questionId, 'Answer saved.');
      }
      return true;
    } catch (error) {
      if (!latest()) return false;
      if (previous === undefined) delete this.#saved[questionId];
      else this.#saved[questionId] = previous;
      this.#saveState = 'error';
      this.#announcement = null;
      this.#error = messageOf(error);
      return false;
    }
  }

  #announce(questionId: string, text: string): void {
    this.#announcement = { questionId, text };
  }

  /** The review; null when handed in but the review comes later (a class session); undefined on failure. */
  async submit(): Promise<Review | null | undefined> {
    this.#error = null;
    await this.flush();
    try {
      const review = await this.#client.submit({ attemptId: this.view.attemptId });
      this.#storage?.removeItem(this.#flagsKey);
      this.#storage?.removeItem(this.#positionKey);
      return review;
    } catch (error) {
      this.#error = messageOf(error);
      return undefined;
    }
  }

  get #positionKey(): string {
    return `evident.position.${this.view.attemptId}`;
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

/** An error as a sentence for people: the service's messages start in lower case (they read well inside logs). */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
