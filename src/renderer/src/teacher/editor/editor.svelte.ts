import type { QuestionProblem, QuestionType } from '../../../../shared/contract.ts';
import { moved, newQuestion, nextId, sentenceIdOfQuote, sentencesOf, TYPE_ORDER, type Draft, type EditorArticle } from './model.ts';

// The editor's state: the bank being written, which question is open, each question's
// problems (from the service's checkQuestion), and saving. Changes are noticed by comparing
// each question's JSON with what was last checked and saved, so every form can simply bind to
// the question's fields.

export interface EditorDeps {
  quizId: string;
  article: EditorArticle;
  /** The bank as stored; its other fields (title, source…) are kept as they are. */
  bank: unknown;
  check: (question: Draft, otherIds: string[]) => Promise<QuestionProblem[]>;
  save: (bank: Record<string, unknown>) => Promise<void>;
  /** Timers, replaceable in tests. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export type PickTarget = 'evidence' | 'answer' | 'partB';

export type SaveState = 'saved' | 'waiting' | 'saving' | 'failed';

/** How long typing may pause before the question is checked, and before the bank is saved (within a second of a change). */
export const CHECK_DELAY_MS = 150;
export const SAVE_DELAY_MS = 500;

export class QuizEditor {
  readonly quizId: string;
  readonly article: EditorArticle;
  readonly #bank: Record<string, unknown>;
  readonly #deps: EditorDeps;

  questions = $state<Draft[]>([]);
  /** The open question's id; null while none is (or while a new one is being started). */
  selectedId = $state<string | null>(null);
  /** A question being started: its evidence (sentence ids) is picked before its type. */
  composing = $state<{ sentenceIds: string[] } | null>(null);
  /** Problems by question id, as the service last reported them. */
  problems = $state<Record<string, QuestionProblem[]>>({});
  saveState = $state<SaveState>('saved');
  saveError = $state('');
  /** What a click on a sentence picks for the open question: its evidence, evidence-selection's answer, or two-part's part B options. */
  pickTarget = $state<PickTarget>('evidence');
  /** The question deleted last, for Undo. */
  deleted = $state<{ question: Draft; index: number } | null>(null);

  #foreign: unknown[] = [];
  #checkedJson = new Map<string, string>();
  #savedJson = '';
  #checkTimer: unknown = null;
  #saveTimer: unknown = null;
  #saving: Promise<void> | null = null;
  #checkRound = new Map<string, number>();
  /** Each drafted question as the drafter wrote it: the label goes once the teacher changes it. */
  #draftedAs = new Map<string, string>();

  constructor(deps: EditorDeps) {
    this.#deps = deps;
    this.quizId = deps.quizId;
    this.article = deps.article;
    const bank = isRecord(deps.bank) ? deps.bank : {};
    this.#bank = bank;
    const stored: unknown[] = Array.isArray(bank['questions']) ? bank['questions'] : [];
    // A bank edited by hand may hold questions the forms cannot show (no type they know): they
    // are kept as they are, after the others, and saved back untouched.
    this.#foreign = stored.filter((q) => !isEditable(q));
    this.questions = stored.filter(isEditable).map(withEveryField);
    this.#savedJson = JSON.stringify(this.questions);
    for (const q of this.questions) if (q.drafted) this.#draftedAs.set(q.id, JSON.stringify(q));
    this.selectedId = this.questions[0]?.id ?? null;
    if (this.questions.length === 0) this.composing = { sentenceIds: [] };
  }

  get selected(): Draft | undefined {
    return this.questions.find((q) => q.id === this.selectedId);
  }

  get problemCount(): number {
    return this.questions.reduce((n, q) => n + (this.problems[q.id]?.length ?? 0), 0);
  }

  problemsOf(questionId: string): QuestionProblem[] {
    return this.problems[questionId] ?? [];
  }

  /** The bank as it will be saved. */
  bank(): Record<string, unknown> {
    return { ...this.#bank, questions: [...$state.snapshot(this.questions), ...this.#foreign] };
  }

  /** Checks every question once (on opening) so the list shows which need work. */
  async checkAll(): Promise<void> {
    for (const q of $state.snapshot(this.questions)) await this.#check(q);
  }

  /**
   * Called after any change (the screen calls it from an effect reading the whole bank): checks
   * the questions whose JSON changed, soon, and saves the bank within a second.
   */
  noteChange(): void {
    for (const q of this.questions) {
      if (q.drafted && this.#draftedAs.get(q.id) !== JSON.stringify(q)) {
        delete q.drafted;
        this.#draftedAs.delete(q.id);
      }
    }
    const json = JSON.stringify(this.questions);
    if (json !== this.#savedJson && this.saveState !== 'saving') this.saveState = 'waiting';
    if (json !== this.#savedJson) this.#schedule('save');
    if (this.questions.some((q) => this.#checkedJson.get(q.id) !== JSON.stringify(q))) this.#schedule('check');
  }

  #schedule(what: 'check' | 'save'): void {
    const set = this.#deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    const clear = this.#deps.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    if (what === 'check') {
      if (this.#checkTimer !== null) clear(this.#checkTimer);
      this.#checkTimer = set(() => {
        this.#checkTimer = null;
        void this.#checkChanged();
      }, CHECK_DELAY_MS);
    } else {
      if (this.#saveTimer !== null) clear(this.#saveTimer);
      this.#saveTimer = set(() => {
        this.#saveTimer = null;
        void this.saveNow();
      }, SAVE_DELAY_MS);
    }
  }

  async #checkChanged(): Promise<void> {
    const changed = $state.snapshot(this.questions).filter((q) => this.#checkedJson.get(q.id) !== JSON.stringify(q));
    await Promise.all(changed.map((q) => this.#check(q)));
  }

  async #check(question: Draft): Promise<void> {
    const json = JSON.stringify(question);
    this.#checkedJson.set(question.id, json);
    const round = (this.#checkRound.get(question.id) ?? 0) + 1;
    this.#checkRound.set(question.id, round);
    const otherIds = this.questions.filter((q) => q.id !== question.id).map((q) => q.id);
    try {
      const problems = await this.#deps.check(question, otherIds);
      // A reply to an older version of the question is dropped: a newer check is on its way.
      if (this.#checkRound.get(question.id) === round) this.problems[question.id] = problems;
    } catch (error) {
      if (this.#checkRound.get(question.id) === round) {
        this.problems[question.id] = [{ field: '', label: 'Question', message: `could not be checked: ${messageOf(error)}` }];
        this.#checkedJson.delete(question.id); // try again at the next change
      }
    }
  }

  /** Saves now (also when leaving the editor or closing the window). Resolves once the bank on disk is this one. */
  async saveNow(): Promise<void> {
    if (this.#saving) await this.#saving;
    const bank = this.bank();
    const json = JSON.stringify(bank['questions']);
    if (json === this.#savedJson && this.saveState !== 'failed') {
      this.saveState = 'saved';
      return;
    }
    this.saveState = 'saving';
    this.#saving = this.#deps.save(bank).then(
      () => {
        this.#savedJson = json;
        this.saveError = '';
        this.saveState = JSON.stringify(this.questions) === json ? 'saved' : 'waiting';
        if (this.saveState === 'waiting') this.#schedule('save');
      },
      (error: unknown) => {
        this.saveState = 'failed';
        this.saveError = messageOf(error);
      },
    );
    await this.#saving;
    this.#saving = null;
  }

  /** Questions kept from the file that the forms cannot show (an unknown type). */
  get foreignCount(): number {
    return this.#foreign.length;
  }

  /** Whether something is not on disk yet (the window asks before closing). */
  get unsaved(): boolean {
    return this.saveState !== 'saved';
  }

  // ── The question list ──

  select(id: string): void {
    this.composing = null;
    this.selectedId = id;
    this.pickTarget = 'evidence';
  }

  /** The sentences the article shows as picked, for what a click picks now. */
  pickedSentenceIds(): Set<string> {
    if (this.composing) return new Set(this.composing.sentenceIds);
    const question = this.selected;
    if (!question) return new Set();
    const sentences = sentencesOf(this.article);
    const ids = (quotes: readonly string[]) => new Set(quotes.flatMap((quote) => sentenceIdOfQuote(sentences, quote) ?? []));
    if (this.pickTarget === 'answer' && question.type === 'evidence-selection') return ids(question.answer);
    if (this.pickTarget === 'partB' && question.type === 'two-part') return ids(question.partB.options.map((o) => o.quote));
    return ids(question.evidence);
  }

  /** A click (or Space) on a sentence of the article. */
  toggleSentence(sentenceId: string): void {
    const question = this.selected;
    if (this.composing || !question || this.pickTarget === 'evidence') return this.toggleEvidence(sentenceId);
    const sentences = sentencesOf(this.article);
    const text = sentences.find((s) => s.id === sentenceId)?.text;
    if (text === undefined) return;
    const isIt = (quote: string) => sentenceIdOfQuote(sentences, quote) === sentenceId;
    if (this.pickTarget === 'answer' && question.type === 'evidence-selection') {
      question.answer = question.answer.some(isIt)
        ? question.answer.filter((quote) => !isIt(quote))
        : [...question.answer, text].sort((a, b) => readingIndex(sentences, a) - readingIndex(sentences, b));
    } else if (this.pickTarget === 'partB' && question.type === 'two-part') {
      const partB = question.partB;
      const existing = partB.options.find((o) => isIt(o.quote));
      if (existing) {
        partB.options = partB.options.filter((o) => o !== existing);
        partB.correct = partB.correct.filter((id) => id !== existing.id);
      } else {
        partB.options.push({
          id: nextId(
            'e',
            partB.options.map((o) => o.id),
          ),
          quote: text,
        });
      }
    }
  }

  startNew(): void {
    this.composing = { sentenceIds: [] };
    this.selectedId = null;
  }

  cancelNew(): void {
    this.composing = null;
    this.selectedId = this.questions[0]?.id ?? null;
  }

  /** Toggles a sentence as evidence: of the question being started, else of the open question. */
  toggleEvidence(sentenceId: string): void {
    const sentence = sentencesOf(this.article).find((s) => s.id === sentenceId);
    if (!sentence) return;
    if (this.composing) {
      const ids = this.composing.sentenceIds;
      this.composing.sentenceIds = ids.includes(sentenceId)
        ? ids.filter((id) => id !== sentenceId)
        : inReadingOrder(this.article, [...ids, sentenceId]);
      return;
    }
    const question = this.selected;
    if (!question) return;
    const quotes = this.evidenceIds(question);
    const has = quotes.indexOf(sentenceId);
    if (has >= 0) question.evidence = question.evidence.filter((_, i) => i !== has);
    else {
      const ids = inReadingOrder(this.article, [...quotes.filter((id): id is string => id !== undefined), sentenceId]);
      const byId = new Map(sentencesOf(this.article).map((s) => [s.id, s.text]));
      // Quotes the editor cannot place (typed by hand, or broken) are kept, after the sentences.
      const unplaced = question.evidence.filter((_, i) => quotes[i] === undefined);
      question.evidence = [...ids.map((id) => byId.get(id) ?? ''), ...unplaced];
    }
  }

  /** The sentence id of each evidence quote (undefined where the quote is not a sentence the editor can place). */
  evidenceIds(question: Draft): (string | undefined)[] {
    const sentences = sentencesOf(this.article);
    return question.evidence.map((quote) => sentenceIdOfQuote(sentences, quote));
  }

  /** Makes the question being started, of `type`, with its evidence, and opens it. */
  create(type: QuestionType): Draft | undefined {
    if (!this.composing || this.composing.sentenceIds.length === 0) return undefined;
    const byId = new Map(sentencesOf(this.article).map((s) => [s.id, s.text]));
    const evidence = this.composing.sentenceIds.map((id) => byId.get(id) ?? '');
    const question = newQuestion(
      type,
      nextId(
        'q',
        this.questions.map((q) => q.id),
      ),
      evidence,
    );
    const at = this.selectedIndex() + 1 || this.questions.length;
    this.questions.splice(at, 0, question);
    this.composing = null;
    this.selectedId = question.id;
    this.pickTarget = 'evidence';
    return question;
  }

  /** Adds a finished question (an accepted draft) at the end, under a fresh id if its own is taken, and saves. */
  async add(question: Draft): Promise<void> {
    const taken = this.questions.some((q) => q.id === question.id);
    const added = taken
      ? {
          ...question,
          id: nextId(
            'q',
            this.questions.map((q) => q.id),
          ),
        }
      : question;
    this.questions.push(withEveryField(added));
    const pushed = this.questions.at(-1);
    if (pushed?.drafted) this.#draftedAs.set(pushed.id, JSON.stringify(pushed));
    await this.saveNow();
    if (this.saveState === 'failed') throw new Error(this.saveError);
  }

  selectedIndex(): number {
    return this.questions.findIndex((q) => q.id === this.selectedId);
  }

  move(id: string, to: number): void {
    const from = this.questions.findIndex((q) => q.id === id);
    if (from < 0 || to < 0 || to >= this.questions.length || from === to) return;
    this.questions = moved(this.questions, from, to);
  }

  duplicate(id: string): void {
    const index = this.questions.findIndex((q) => q.id === id);
    const original = this.questions[index];
    if (!original) return;
    const copy = {
      ...structuredClone($state.snapshot(original)),
      id: nextId(
        'q',
        this.questions.map((q) => q.id),
      ),
    } as Draft;
    this.questions.splice(index + 1, 0, copy);
    this.selectedId = copy.id;
    this.composing = null;
  }

  remove(id: string): void {
    const index = this.questions.findIndex((q) => q.id === id);
    const question = this.questions[index];
    if (!question) return;
    this.deleted = { question: $state.snapshot(question) as Draft, index };
    this.questions.splice(index, 1);
    delete this.problems[id];
    this.#checkedJson.delete(id);
    if (this.selectedId === id) this.selectedId = this.questions[Math.min(index, this.questions.length - 1)]?.id ?? null;
  }

  undoDelete(): void {
    const deleted = this.deleted;
    if (!deleted) return;
    const question = this.questions.some((q) => q.id === deleted.question.id)
      ? {
          ...deleted.question,
          id: nextId(
            'q',
            this.questions.map((q) => q.id),
          ),
        }
      : deleted.question;
    this.questions.splice(Math.min(deleted.index, this.questions.length), 0, question);
    this.selectedId = question.id;
    this.composing = null;
    this.deleted = null;
  }
}

function readingIndex(sentences: readonly { id: string; text: string }[], quote: string): number {
  const id = sentenceIdOfQuote(sentences, quote);
  return sentences.findIndex((s) => s.id === id);
}

function inReadingOrder(article: EditorArticle, ids: string[]): string[] {
  const order = new Map(sentencesOf(article).map((s, i) => [s.id, i]));
  return [...new Set(ids)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

function isEditable(value: unknown): value is Draft {
  return isRecord(value) && typeof value['id'] === 'string' && TYPE_ORDER.includes(value['type'] as QuestionType);
}

/**
 * The question with every field its form edits, taking what is missing from a new question of
 * its type: a hand-edited file may lack a list, and the form must still open (the checker names
 * what was missing once the teacher has filled it or not).
 */
function withEveryField(question: Draft): Draft {
  const blank = newQuestion(question.type, question.id, []) as unknown as Record<string, unknown>;
  const given = question as unknown as Record<string, unknown>;
  const filled: Record<string, unknown> = { ...blank, ...given };
  for (const [key, value] of Object.entries(blank)) {
    if (Array.isArray(value) && !Array.isArray(given[key])) filled[key] = value;
    if (isRecord(value) && !isRecord(given[key])) filled[key] = value;
  }
  if (!Array.isArray(filled['evidence']) || !(filled['evidence'] as unknown[]).every((q) => typeof q === 'string')) filled['evidence'] = [];
  return filled as unknown as Draft;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
