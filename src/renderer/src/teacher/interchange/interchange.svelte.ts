import type { ExportedFile, ExportFormatId, ImportReport } from '../../../../shared/interchange-contract.ts';
import type { Client } from '../../lib/api.ts';
import { messageOf } from '../../lib/quiz-run.svelte.ts';
import { downloadBytes, fromBase64, toBase64 } from '../../lib/download.ts';

// Questions in and out on the teacher's side: exporting one quiz in another system's format (the
// report of what the format drops is shown before the file is saved), and importing a question
// file into a new draft quiz (with the article pasted or opened when the file carries none).

export type InterchangeClient = Pick<Client, 'exportQuizAs' | 'importQuestionFile'>;

/** Saves bytes (given as base64) as a file through the browser's (or Electron's) own download path. */
export type SaveFile = (fileName: string, mimeType: string, base64: string) => void;

export function saveBase64(fileName: string, mimeType: string, base64: string): void {
  downloadBytes(fileName, mimeType, fromBase64(base64));
}

export const EXPORT_CHOICES: { format: ExportFormatId; name: string; summary: string }[] = [
  {
    format: 'qti3',
    name: 'QTI 3 package (.zip)',
    summary: 'For platforms that read QTI 3.0: the article as a shared passage, every question type, evidence as feedback.',
  },
  {
    format: 'moodle-xml',
    name: 'Moodle XML (.xml)',
    summary: 'For Moodle: every type, points and partial credit; the article as a description, evidence quoted in the feedback.',
  },
  {
    format: 'gift',
    name: 'GIFT (.txt)',
    summary: 'Moodle’s text format: most types, without points, skill or difficulty; cloze with one gap only.',
  },
  {
    format: 'aiken',
    name: 'Aiken (.txt)',
    summary: 'Single-answer questions only: no article, explanations or evidence.',
  },
];

export class QuizExport {
  readonly #client: InterchangeClient;
  readonly #save: SaveFile;
  readonly quizId: string;
  format = $state<ExportFormatId>('moodle-xml');
  #file = $state<ExportedFile | null>(null);
  #error = $state<string | null>(null);
  #busy = $state(false);
  #saved = $state('');
  #request = 0;

  constructor(client: InterchangeClient, quizId: string, save: SaveFile = saveBase64) {
    this.#client = client;
    this.quizId = quizId;
    this.#save = save;
  }

  get file(): ExportedFile | null {
    return this.#file;
  }
  get error(): string | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get saved(): string {
    return this.#saved;
  }
  get counts() {
    const questions = this.#file?.report.questions ?? [];
    return {
      kept: questions.filter((q) => q.outcome === 'kept').length,
      reduced: questions.filter((q) => q.outcome === 'reduced').length,
      skipped: questions.filter((q) => q.outcome === 'skipped').length,
    };
  }

  /** Writes the quiz in the chosen format: the report is shown, the file waits for "Download". */
  async prepare(format: ExportFormatId = this.format): Promise<void> {
    this.format = format;
    const request = ++this.#request;
    this.#busy = true;
    this.#error = null;
    this.#saved = '';
    try {
      const file = await this.#client.exportQuizAs({ quizId: this.quizId, format });
      if (request === this.#request) this.#file = file;
    } catch (error) {
      if (request === this.#request) {
        this.#file = null;
        this.#error = messageOf(error);
      }
    } finally {
      if (request === this.#request) this.#busy = false;
    }
  }

  download(): void {
    const file = this.#file;
    if (!file) return;
    this.#save(file.fileName, file.mimeType, file.base64);
    this.#saved = `Saved ${file.fileName} to your downloads.`;
  }
}

export class QuestionImport {
  readonly #client: InterchangeClient;
  file = $state<File | null>(null);
  articleText = $state('');
  articleFile = $state<File | null>(null);
  #report = $state<ImportReport | null>(null);
  #quizId = $state<string | null>(null);
  #title = $state('');
  #error = $state<string | null>(null);
  #needsArticle = $state(false);
  #busy = $state(false);

  constructor(client: InterchangeClient) {
    this.#client = client;
  }

  get report(): ImportReport | null {
    return this.#report;
  }
  get quizId(): string | null {
    return this.#quizId;
  }
  get title(): string {
    return this.#title;
  }
  get error(): string | null {
    return this.#error;
  }
  /** The file carried no article: the form asks for it (pasted or opened). */
  get needsArticle(): boolean {
    return this.#needsArticle;
  }
  get busy(): boolean {
    return this.#busy;
  }

  reset(): void {
    this.file = null;
    this.articleText = '';
    this.articleFile = null;
    this.#report = null;
    this.#quizId = null;
    this.#error = null;
    this.#needsArticle = false;
  }

  async import(): Promise<boolean> {
    const file = this.file;
    if (!file) {
      this.#error = 'Choose a question file first.';
      return false;
    }
    this.#busy = true;
    this.#error = null;
    try {
      const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      const article = this.articleFile;
      const articleFile = article ? { name: article.name, base64: toBase64(new Uint8Array(await article.arrayBuffer())) } : undefined;
      const result = await this.#client.importQuestionFile({
        fileName: file.name,
        base64,
        ...(this.articleText.trim() !== '' && { articleText: this.articleText }),
        ...(articleFile && { articleFile }),
      });
      this.#report = result.report;
      this.#quizId = result.quizId;
      this.#title = result.title;
      return true;
    } catch (error) {
      this.#error = messageOf(error);
      if ((error as { reason?: string }).reason === 'article-needed') this.#needsArticle = true;
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
