import type { AttemptSummary, CsvKind, QuizResults, ResultsQuery } from '../../../shared/contract.ts';
import type { ResultsOverview, ResultsSession } from '../../../shared/results-overview-contract.ts';
import type { Client } from './api.ts';
import { messageOf } from './quiz-run.svelte.ts';
import { AttemptReview } from '../teacher/results/attempt-review.svelte.ts';
import { SessionReport } from '../teacher/results/session-report.svelte.ts';
import { dateRange, dayLabel, dayRange, localDay, practiceDays, sessionLabel, type PracticeDay } from '../teacher/results/sittings.ts';

/** What the class results need of the service. The app's client sends the teacher's token with each call. */
export type ClassResultsClient = Pick<
  Client,
  'libraryList' | 'quizResults' | 'exportCsv' | 'deleteAttempt' | 'resultsOverview' | 'attemptDetail' | 'overrideMark'
>;

/** Which attempts of the quiz: all of them, one class session's, or the practice of one day. */
export type Sitting = { kind: 'all' } | { kind: 'session'; session: ResultsSession } | { kind: 'practice'; day: PracticeDay };

/** A version of the quiz that has attempts (QuizResults.versions, from the service's results per version). */
export interface ResultsVersion {
  version: number;
  attempts: number;
  current: boolean;
}
type Versioned = { version?: number; versions?: ResultsVersion[] };

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
  #overview = $state<ResultsOverview | null>(null);
  #sitting = $state<Sitting>({ kind: 'all' });
  /** One student's attempt opened from the list, or the printout of the sitting: each replaces the list while open. */
  #attempt = $state<AttemptReview | null>(null);
  #report = $state<SessionReport | null>(null);
  /** Which attempts count: a part of a name, and a status; empty means all. */
  studentName = $state('');
  status = $state<'' | 'in-progress' | 'submitted'>('');
  /** The date range, as the date fields give it (`YYYY-MM-DD`, local days, both included); empty means open. */
  fromDay = $state('');
  toDay = $state('');
  /** The quiz version chosen; null: the service's default (the newest version with attempts). */
  version = $state<number | null>(null);
  /** The number of the latest results request: a reply to an older one is dropped. */
  #request = 0;

  readonly missed = $derived(new Map(this.#results?.sentences.map((s) => [s.sentenceId, s.missed]) ?? []));
  readonly answered = $derived(new Map(this.#results?.sentences.map((s) => [s.sentenceId, s.answered ?? 0]) ?? []));
  readonly submitted = $derived(this.#results?.attempts.filter((a) => a.status === 'submitted').length ?? 0);
  /** The quiz's class sessions inside the date range, newest first. */
  readonly sessions = $derived(this.#inRange(this.#overview?.sessions ?? [], (s) => localDay(s.startedAt)));
  /** Practice outside a session, by local day inside the date range, newest first. */
  readonly practiceDays = $derived(this.#inRange(practiceDays(this.#overview?.practice ?? []), (d) => d.day));
  /** The versions that have attempts, once the service reports them; the picker shows when there are two or more. */
  readonly versions = $derived((this.#results as (QuizResults & Versioned) | null)?.versions ?? []);
  /** The version the results shown are of, when the service says. */
  readonly shownVersion = $derived((this.#results as (QuizResults & Versioned) | null)?.version ?? null);

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
  get overview(): ResultsOverview | null {
    return this.#overview;
  }
  get sitting(): Sitting {
    return this.#sitting;
  }
  /** The sitting in words, for headings and the printout. */
  get sittingLabel(): string {
    const sitting = this.#sitting;
    if (sitting.kind === 'session') return `Class session of ${sessionLabel(sitting.session)}`;
    if (sitting.kind === 'practice') return `Practice outside a session on ${dayLabel(sitting.day.day)}`;
    return 'All attempts';
  }
  get attempt(): AttemptReview | null {
    return this.#attempt;
  }
  get report(): SessionReport | null {
    return this.#report;
  }

  /** Opens one student's attempt: answers, key, points, evidence, time, and the mark overrides. */
  async openAttempt(attempt: AttemptSummary): Promise<void> {
    const review = new AttemptReview(this.#client, attempt.attemptId);
    this.#attempt = review;
    await review.load();
  }

  /** Back to the list; if a mark changed there, the totals and statistics are fetched again. */
  async closeAttempt(): Promise<void> {
    const review = this.#attempt;
    this.#attempt = null;
    if (review?.changed) await this.reload();
  }

  /** The printout of the attempts listed (a session's, usually): a page per student. */
  async openReport(): Promise<void> {
    const results = this.#results;
    if (!results) return;
    const report = new SessionReport(this.#client, { quizTitle: results.title, sitting: this.sittingLabel, attempts: results.attempts });
    this.#report = report;
    await report.load();
  }

  closeReport(): void {
    this.#report = null;
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

  /** Shows another quiz's results: all its attempts, its sessions and practice days listed. */
  async choose(quizId: string): Promise<void> {
    this.#quizId = quizId;
    this.#sitting = { kind: 'all' };
    this.#overview = null;
    this.version = null;
    await Promise.all([this.reload(), this.#loadOverview(quizId)]);
  }

  /** Shows one class session, one day's practice, or every attempt again. */
  async chooseSitting(sitting: Sitting): Promise<void> {
    this.#sitting = sitting;
    await this.reload();
  }

  /** Chooses a version of the quiz (null: the service's default) and shows its results. */
  async chooseVersion(version: number | null): Promise<void> {
    this.version = version;
    await this.reload();
  }

  /** Applies the filters: the date range also narrows the sessions and days listed. */
  async applyFilters(): Promise<void> {
    const sitting = this.#sitting;
    // A sitting the new range hides is left: the results shown would not match the list.
    const day = sitting.kind === 'session' ? localDay(sitting.session.startedAt) : sitting.kind === 'practice' ? sitting.day.day : null;
    if (day !== null && !this.#dayInRange(day)) this.#sitting = { kind: 'all' };
    await this.reload();
  }

  /** Fetches the sessions and practice days again (after a delete, the counts change). */
  async #loadOverview(quizId: string): Promise<void> {
    try {
      const overview = await this.#client.resultsOverview({ quizId });
      if (this.#quizId === quizId) this.#overview = overview;
    } catch (e) {
      if (this.#quizId === quizId) this.#error = messageOf(e);
    }
  }

  #dayInRange(day: string): boolean {
    const [first, last] =
      [this.fromDay, this.toDay].filter(Boolean).length === 2 && this.fromDay > this.toDay
        ? [this.toDay, this.fromDay]
        : [this.fromDay, this.toDay];
    return (!first || day >= first) && (!last || day <= last);
  }

  #inRange<T>(items: T[], dayOf: (item: T) => string): T[] {
    return items.filter((item) => this.#dayInRange(dayOf(item)));
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

  /** The query's filters for the sitting, the date range, the name, the status and the version. */
  #filters(): Omit<ResultsQuery, 'quizId'> & { version?: number } {
    const name = this.studentName.trim();
    const sitting = this.#sitting;
    const where =
      sitting.kind === 'session'
        ? { sessionId: sitting.session.sessionId }
        : sitting.kind === 'practice'
          ? { practice: true as const, ...dayRange(sitting.day.day) }
          : dateRange(this.fromDay, this.toDay);
    return {
      ...where,
      ...(name ? { studentName: name } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.version !== null ? { version: this.version } : {}),
    };
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
    const quizId = this.#quizId;
    await Promise.all([this.reload(), quizId === null ? undefined : this.#loadOverview(quizId)]);
  }
}
