import type { LibraryEntry } from '../../../../shared/library-contract.ts';
import type { Client } from '../../lib/api.ts';
import { messageOf } from '../../lib/quiz-run.svelte.ts';

/** What the Library screen needs of the service; the app's client sends the teacher's token with each call. */
export type QuizLibraryClient = Pick<Client, 'libraryList' | 'publishQuiz' | 'renameQuiz' | 'duplicateQuiz' | 'deleteQuiz'>;

export type LibrarySort = 'title' | 'updated' | 'status';

const STATUS_ORDER: Record<LibraryEntry['status'], number> = { published: 0, ready: 1, draft: 2 };

/**
 * The teacher's quiz library: every quiz, bundled and own, searched and sorted here, and the
 * actions on one quiz. Each action reloads the list from the service, which holds the truth (a
 * refused action names its reason). Replies are numbered: only the latest list is shown.
 */
export class QuizLibrary {
  #client: QuizLibraryClient;
  #entries = $state<LibraryEntry[]>([]);
  #loaded = $state(false);
  #error = $state<string | null>(null);
  #notice = $state('');
  #busy = $state(false);
  #request = 0;

  search = $state('');
  sort = $state<LibrarySort>('title');

  readonly shown = $derived.by(() => {
    const needle = this.search.trim().toLocaleLowerCase();
    const matching = needle
      ? this.#entries.filter((e) => `${e.title} ${e.publication ?? ''} ${e.quizId}`.toLocaleLowerCase().includes(needle))
      : [...this.#entries];
    const byTitle = (a: LibraryEntry, b: LibraryEntry) => a.title.localeCompare(b.title);
    const order = {
      title: byTitle,
      updated: (a: LibraryEntry, b: LibraryEntry) => b.updatedAt.localeCompare(a.updatedAt) || byTitle(a, b),
      status: (a: LibraryEntry, b: LibraryEntry) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byTitle(a, b),
    }[this.sort];
    return matching.sort(order);
  });

  constructor(client: QuizLibraryClient, notice = '') {
    this.#client = client;
    this.#notice = notice;
  }

  get entries(): LibraryEntry[] {
    return this.#entries;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get error(): string | null {
    return this.#error;
  }
  get notice(): string {
    return this.#notice;
  }
  get busy(): boolean {
    return this.#busy;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const list = await this.#client.libraryList({});
      if (request !== this.#request) return;
      this.#entries = list;
      this.#loaded = true;
    } catch (error) {
      if (request === this.#request) this.#error = messageOf(error);
    }
  }

  /** Runs one action, then shows the list as the service now has it and `done`'s notice. */
  async #act(action: () => Promise<string>): Promise<boolean> {
    this.#busy = true;
    this.#error = null;
    this.#notice = '';
    try {
      const notice = await action();
      await this.load();
      this.#notice = notice;
      return true;
    } catch (error) {
      this.#error = messageOf(error);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  publish(entry: LibraryEntry, published: boolean): Promise<boolean> {
    return this.#act(async () => {
      await this.#client.publishQuiz({ quizId: entry.quizId, published });
      return published ? `“${entry.title}” is published: students can take it.` : `“${entry.title}” is no longer offered to students.`;
    });
  }

  rename(entry: LibraryEntry, title: string): Promise<boolean> {
    return this.#act(async () => {
      const renamed = await this.#client.renameQuiz({ quizId: entry.quizId, title });
      return `Renamed to “${renamed.title}”.`;
    });
  }

  duplicate(entry: LibraryEntry): Promise<boolean> {
    return this.#act(async () => {
      const { quizId } = await this.#client.duplicateQuiz({ quizId: entry.quizId });
      const copy = this.#entries.find((e) => e.quizId === quizId);
      return `Copied “${entry.title}” as “${copy?.title ?? quizId}”, unpublished.`;
    });
  }

  remove(entry: LibraryEntry): Promise<boolean> {
    return this.#act(async () => {
      const { attemptsKept } = await this.#client.deleteQuiz({ quizId: entry.quizId });
      return `Deleted “${entry.title}”.${attemptsKept > 0 ? ` Its ${attemptsKept} attempt${attemptsKept === 1 ? ' is' : 's are'} kept in Class results.` : ''}`;
    });
  }
}

/** The sentence the delete confirmation asks, with the attempts that exist. */
export function deleteQuestion(entry: LibraryEntry): string {
  const attempts =
    entry.attemptCount === 0
      ? 'Nobody has taken it yet.'
      : `${entry.attemptCount} attempt${entry.attemptCount === 1 ? ' has' : 's have'} been taken on it; ${entry.attemptCount === 1 ? 'it stays' : 'they stay'} in Class results.`;
  return `Delete “${entry.title}”? ${attempts} Students will no longer see the quiz, and this cannot be undone here.`;
}
