import type { AttemptSummary, CsvKind, QuizResults } from '../../../shared/contract.ts';
import type { Client } from './api.ts';
import { messageOf } from './quiz-run.svelte.ts';

/** What the class results need of the service. The app's client sends the teacher's token with each call. */
export type ClassResultsClient = Pick<Client, 'libraryList' | 'quizResults' | 'exportCsv' | 'deleteAttempt'>;

/** A quiz the teacher can see results of: every quiz in the library, published or not. */
export interface ResultsQuiz {
  id: string;
  title: string;
  attemptCount: number;
}

/** Saves a file for the teacher; the app passes lib/download.ts, tests a spy. */
export type Download = (filename: string, mediaType: string, content: string) => void;

/**
 * The teacher's Class results for one quiz at a time: the attempts, the per-question analysis and
 * the passage's missed evidence, deleting an attempt after asking, and the two CSV exports.
 * Results are fetched by explicit calls (start, choose, after a delete), each numbered: only the
 * reply to the latest request is shown, so a slow reply for a quiz the teacher has already left
 * cannot overwrite the one they chose since.
 */
export class ClassResults {
  #client: ClassResultsClient;
  #download: Download;
  #quizzes = $state<ResultsQuiz[]>([]);
  #quizId = $state<string | null>(null);
  #results = $state<QuizResults | null>(null);
  #error = $state<string | null>(null);
  #notice = $state('');
  #deleting = $state<AttemptSummary | null>(null);
  /** Which attempts count: a part of a name, and a status; empty means all. */
  studentName = $state('');
  status = $state<'' | 'in-progress' | 'submitted'>('');
  /** The number of the latest results request: a reply to an older one is dropped. */
  #request = 0;

  readonly missed = $derived(new Map(this.#results?.sentences.map((s) => [s.sentenceId, s.missed]) ?? []));
  readonly answered = $derived(new Map(this.#results?.sentences.map((s) => [s.sentenceId, s.answered ?? 0]) ?? []));
  readonly submitted = $derived(this.#results?.attempts.filter((a) => a.status === 'submitted').length ?? 0);

  constructor(client: ClassResultsClient, options: { download: Download }) {
    this.#client = client;
    this.#download = options.download;
  }

  get quizzes(): ResultsQuiz[] {
    return this.#quizzes;
  }
  /** The quiz chosen; its results may still be on their way. */
  get quizId(): string | null {
    return this.#quizId;
  }
  get results(): QuizResults | null {
    return this.#results;
  }
  get error(): string | null {
    return this.#error;
  }
  /** What the last action did, for the status line. */
  get notice(): string {
    return this.#notice;
  }
  /** The attempt the teacher asked to delete, awaiting confirmation. */
  get deleting(): AttemptSummary | null {
    return this.#deleting;
  }

  /** Lists the quizzes and shows the first one's results (unless a quiz was chosen meanwhile). */
  async start(): Promise<void> {
    let list: ResultsQuiz[];
    try {
      // The library, not the students' list: a quiz the teacher has unpublished (or not yet
      // published, and tried out) still has its results. Quizzes with attempts come first.
      const entries = await this.#client.libraryList({});
      list = entries
        .map((entry) => ({ id: entry.quizId, title: entry.title, attemptCount: entry.attemptCount }))
        .sort((a, b) => Number(b.attemptCount > 0) - Number(a.attemptCount > 0));
    } catch (e) {
      this.#error = messageOf(e);
      return;
    }
    this.#quizzes = list;
    if (this.#quizId === null && list[0]) await this.choose(list[0].id);
  }

  /** Shows another quiz's results. */
  async choose(quizId: string): Promise<void> {
    this.#quizId = quizId;
    await this.reload();
  }

  /** Fetches the chosen quiz's results again; a newer request makes this one's reply void. */
  async reload(): Promise<void> {
    const quizId = this.#quizId;
    if (quizId === null) return;
    const request = ++this.#request;
    try {
      const results = await this.#client.quizResults({ quizId, ...this.#filters() });
      if (request !== this.#request) return;
      this.#results = results;
      this.#error = null;
    } catch (e) {
      if (request !== this.#request) return;
      this.#error = messageOf(e);
    }
  }

  #filters(): { studentName?: string; status?: 'in-progress' | 'submitted' } {
    const name = this.studentName.trim();
    return { ...(name ? { studentName: name } : {}), ...(this.status ? { status: this.status } : {}) };
  }

  async exportCsv(kind: CsvKind): Promise<void> {
    const quizId = this.#quizId;
    if (quizId === null) return;
    try {
      const file = await this.#client.exportCsv({ kind, quizId, ...this.#filters() });
      this.#download(file.filename, file.mediaType, file.content);
      const left = file.unreadable.length;
      this.#notice = `Saved ${file.filename}.${left > 0 ? ` ${left} unreadable stored ${left === 1 ? 'record was' : 'records were'} left out (listed below).` : ''}`;
    } catch (e) {
      this.#error = messageOf(e);
    }
  }

  /** Asks before deleting: the view shows a confirmation while this is set. */
  askDelete(attempt: AttemptSummary): void {
    this.#deleting = attempt;
  }

  cancelDelete(): void {
    this.#deleting = null;
  }

  /** Deletes the attempt asked about, then shows the results without it. */
  async confirmDelete(): Promise<void> {
    const attempt = this.#deleting;
    this.#deleting = null;
    if (!attempt) return;
    try {
      await this.#client.deleteAttempt({ attemptId: attempt.attemptId });
      this.#notice = `Deleted the attempt of ${attempt.studentName}.`;
    } catch (e) {
      this.#error = messageOf(e);
      return;
    }
    await this.reload();
  }
}
