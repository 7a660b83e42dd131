import { MAX_QUIZ_FILE_BYTES } from '../../../../shared/channels.ts';
import type { LibraryEntry, QuizProblem } from '../../../../shared/library-contract.ts';
import type { Client } from '../../lib/api.ts';
import { messageOf } from '../../lib/quiz-run.svelte.ts';
import { toBase64 } from '../../lib/download.ts';

/** What the Library screen needs of the service; the app's client sends the teacher's token with each call. */
export type QuizLibraryClient = Pick<
  Client,
  'libraryList' | 'publishQuiz' | 'renameQuiz' | 'duplicateQuiz' | 'deleteQuiz' | 'exportQuizFile' | 'importQuizFile'
>;

/** Saves a file for the teacher (the browser's download, the desktop app's save dialog); tests pass their own. */
export type SaveFile = (fileName: string, base64: string) => void;

/** What the last import of a `.evident` file gave: the new quiz, and what the checker found in it. */
export type ImportOutcome = { quizId: string; title: string; fileName: string; questionCount: number; problems: QuizProblem[] };

export const QUIZ_FILE_EXTENSION = '.evident';

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
  #imported = $state<ImportOutcome | null>(null);
  #request = 0;
  #save: SaveFile;

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

  constructor(client: QuizLibraryClient, notice = '', save: SaveFile = () => {}) {
    this.#client = client;
    this.#notice = notice;
    this.#save = save;
  }

  /** The quiz file imported last, shown until the next action. */
  get imported(): ImportOutcome | null {
    return this.#imported;
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
    this.#imported = null;
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

  /** The quiz as a `.evident` file, saved where the teacher chooses: its article, questions and details, never a student's answers. */
  exportFile(entry: LibraryEntry): Promise<boolean> {
    return this.#act(async () => {
      const file = await this.#client.exportQuizFile({ quizId: entry.quizId });
      this.#save(file.fileName, file.base64);
      return `Exported “${entry.title}” as ${file.fileName}. It holds the article and the questions, and no student’s name or answers.`;
    });
  }

  /** A `.evident` file opened with the picker or dropped on the library, imported as a new unpublished quiz. */
  async importFile(file: File): Promise<boolean> {
    if (!file.name.toLowerCase().endsWith(QUIZ_FILE_EXTENSION)) {
      return this.#refuse(`“${file.name}” is not an Evident quiz file: choose a file ending in ${QUIZ_FILE_EXTENSION}.`);
    }
    if (file.size > MAX_QUIZ_FILE_BYTES) {
      return this.#refuse(`“${file.name}” is ${megabytes(file.size)}; a quiz file has at most ${megabytes(MAX_QUIZ_FILE_BYTES)}.`);
    }
    let base64: string;
    try {
      base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      return this.#refuse(`“${file.name}” could not be read: ${messageOf(error)}`);
    }
    let outcome: ImportOutcome | null = null;
    const done = await this.#act(async () => {
      const imported = await this.#client.importQuizFile({ fileName: file.name, base64 });
      outcome = { ...imported, fileName: file.name };
      const questions = `${imported.questionCount} question${imported.questionCount === 1 ? '' : 's'}`;
      return `Imported “${imported.title}” from ${file.name}: ${questions}, unpublished until you publish it.`;
    });
    this.#imported = outcome;
    return done;
  }

  #refuse(message: string): false {
    this.#notice = '';
    this.#imported = null;
    this.#error = message;
    return false;
  }

  remove(entry: LibraryEntry): Promise<boolean> {
    return this.#act(async () => {
      const { attemptsKept } = await this.#client.deleteQuiz({ quizId: entry.quizId });
      return `Deleted “${entry.title}”.${attemptsKept > 0 ? ` Its ${attemptsKept} attempt${attemptsKept === 1 ? ' is' : 's are'} kept in Class results.` : ''}`;
    });
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/u, '')} MB`;
}

/** The sentence the delete confirmation asks, with the attempts that exist. */
export function deleteQuestion(entry: LibraryEntry): string {
  const attempts =
    entry.attemptCount === 0
      ? 'Nobody has taken it yet.'
      : `${entry.attemptCount} attempt${entry.attemptCount === 1 ? ' has' : 's have'} been taken on it; ${entry.attemptCount === 1 ? 'it stays' : 'they stay'} in Class results.`;
  return `Delete “${entry.title}”? ${attempts} Students will no longer see the quiz, and this cannot be undone here.`;
}
