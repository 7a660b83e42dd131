import type { AttemptDetail, AttemptSummary } from '../../../../shared/contract.ts';
import type { Client } from '../../lib/api.ts';
import { messageOf } from '../../lib/quiz-run.svelte.ts';

export type SessionReportClient = Pick<Client, 'attemptDetail'>;

/** How many attempts are fetched at once: a class of 30 comes in a few round trips without flooding the service. */
const AT_ONCE = 6;

/**
 * The printout of a sitting (a class session, usually): one page per student with the quiz, the
 * date, the score and every question's answer, key and points. Each page is the service's own
 * attempt detail, so overrides and versions are as everywhere else. Students in name order.
 */
export class SessionReport {
  #client: SessionReportClient;
  #pages = $state<AttemptDetail[]>([]);
  #loading = $state(true);
  #error = $state<string | null>(null);
  readonly quizTitle: string;
  /** The sitting in words: "Class session of Tuesday, 24 November 2026, 10:15". */
  readonly sitting: string;
  #attempts: AttemptSummary[];

  constructor(client: SessionReportClient, options: { quizTitle: string; sitting: string; attempts: AttemptSummary[] }) {
    this.#client = client;
    this.quizTitle = options.quizTitle;
    this.sitting = options.sitting;
    this.#attempts = [...options.attempts].sort(
      (a, b) => a.studentName.localeCompare(b.studentName, undefined, { sensitivity: 'base' }) || a.startedAt.localeCompare(b.startedAt),
    );
  }

  get pages(): AttemptDetail[] {
    return this.#pages;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }
  /** How many pages are expected (one per attempt). */
  get expected(): number {
    return this.#attempts.length;
  }

  async load(): Promise<void> {
    this.#loading = true;
    const pages: AttemptDetail[] = [];
    try {
      for (let i = 0; i < this.#attempts.length; i += AT_ONCE) {
        const batch = this.#attempts.slice(i, i + AT_ONCE);
        pages.push(...(await Promise.all(batch.map((a) => this.#client.attemptDetail({ attemptId: a.attemptId })))));
      }
      this.#pages = pages;
      this.#error = null;
    } catch (e) {
      this.#error = messageOf(e);
    } finally {
      this.#loading = false;
    }
  }
}
