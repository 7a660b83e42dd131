import type { DraftQuestionsInput, DraftQuestionsResult, DraftedQuestion } from '../../../../shared/contract.ts';

// The drafts panel's state: the ranked drafts of one quiz's article, grouped by paragraph, and
// what the teacher decided about each. Accepting hands the question to whoever holds the bank
// (the editor, or the library's save), so the panel never writes a bank of its own.

export type BankQuestion = DraftedQuestion['question'];
export type Decision = 'accepting' | 'accepted' | 'rejected' | 'failed';

export interface DraftsDeps {
  quizId: string;
  draft: (input: DraftQuestionsInput) => Promise<DraftQuestionsResult>;
  /** Adds the question to the bank and saves it; rejects with a message the panel shows. */
  accept: (question: BankQuestion) => Promise<void>;
  /** The ids already in the bank: an accepted draft gets a fresh id beside them. */
  bankIds: () => readonly string[];
  messageOf: (error: unknown) => string;
}

export class DraftsPanelState {
  readonly #deps: DraftsDeps;
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  error = $state('');
  result = $state<DraftQuestionsResult | null>(null);
  decisions = $state<Record<string, Decision>>({});
  /** Why an accept failed, by draft id. */
  failures = $state<Record<string, string>>({});
  /** Hide what the teacher has already decided on. */
  hideDecided = $state(false);
  #round = 0;

  constructor(deps: DraftsDeps) {
    this.#deps = deps;
  }

  get total(): number {
    return this.result?.total ?? 0;
  }

  get acceptedCount(): number {
    return Object.values(this.decisions).filter((decision) => decision === 'accepted').length;
  }

  get rejectedCount(): number {
    return Object.values(this.decisions).filter((decision) => decision === 'rejected').length;
  }

  get undecidedCount(): number {
    return this.total - this.acceptedCount - this.rejectedCount;
  }

  decisionOf(draftId: string): Decision | undefined {
    return this.decisions[draftId];
  }

  /** Drafts (again): another seed gives other distractors and choices; decisions start afresh. */
  async load(seed?: number): Promise<void> {
    const round = ++this.#round;
    this.status = 'loading';
    this.error = '';
    try {
      const result = await this.#deps.draft({ quizId: this.#deps.quizId, ...(seed !== undefined && { seed }) });
      if (round !== this.#round) return;
      this.result = result;
      this.decisions = {};
      this.failures = {};
      this.status = 'ready';
    } catch (error) {
      if (round !== this.#round) return;
      this.error = this.#deps.messageOf(error);
      this.status = 'failed';
    }
  }

  async again(): Promise<void> {
    await this.load((this.result?.seed ?? 1) + 1);
  }

  #find(draftId: string): DraftedQuestion | undefined {
    return this.result?.paragraphs.flatMap((paragraph) => paragraph.drafts).find((draft) => draft.question.id === draftId);
  }

  async accept(draftId: string): Promise<void> {
    const draft = this.#find(draftId);
    const decision = this.decisions[draftId];
    if (!draft || decision === 'accepting' || decision === 'accepted') return;
    this.decisions[draftId] = 'accepting';
    delete this.failures[draftId];
    const taken = new Set(this.#deps.bankIds());
    let id = draft.question.id;
    for (let n = 2; taken.has(id); n++) id = `${draft.question.id}-${n}`;
    try {
      await this.#deps.accept({ ...draft.question, id, drafted: true });
      this.decisions[draftId] = 'accepted';
    } catch (error) {
      this.decisions[draftId] = 'failed';
      this.failures[draftId] = this.#deps.messageOf(error);
    }
  }

  reject(draftId: string): void {
    if (this.decisions[draftId] === 'accepting' || this.decisions[draftId] === 'accepted') return;
    this.decisions[draftId] = 'rejected';
  }

  /** Brings a rejected draft back. */
  reconsider(draftId: string): void {
    if (this.decisions[draftId] === 'rejected') delete this.decisions[draftId];
  }
}
