import { MAX_IMPORT_FILE_BYTES } from '../../../../shared/channels.ts';
import type { ImportArticleInput, ImportedArticleView, ImportedLine, ReadingStatistics } from '../../../../shared/contract.ts';
import type { Client } from '../../lib/api.ts';
import { messageOf } from '../../lib/quiz-run.svelte.ts';
import { toBase64 } from '../../lib/download.ts';

// The "New quiz from an article" screen's state: the import (pasted text, an opened or a dropped
// file, all read by the service), then the teacher's check of it. Which line is the article is
// the teacher's decision, so keeping and removing lines, and moving sentence boundaries, happen
// here; every rule (the clean-up, the segmenter, the statistics) ran or runs in the service.

export type ReviewKind = 'body' | 'caption' | 'removed';

export interface ReviewLine {
  /** 1-based line number in the text as read. */
  line: number;
  text: string;
  /** What the clean-up made of it. */
  classified: ImportedLine['kind'];
  kind: ReviewKind;
  /** Why the clean-up removed it (kept for when the teacher removes it again). */
  reason?: string;
  explanation?: string;
  /** The teacher changed what the clean-up decided. */
  changed: boolean;
  /** A caption's text without its picture credit, and the credit. */
  caption?: { text: string; credit?: string };
  /** The line's sentences, boundaries as the teacher leaves them. */
  sentences: string[];
}

export interface ArticleDetails {
  headline: string;
  byline: string;
  publication: string;
  date: string;
  address: string;
}

export interface ReviewCallbacks {
  /** The quiz was saved: its id, for the library or the editor. */
  onsaved: (quizId: string, title: string) => void;
  /** How long statistics wait for the teacher to stop clicking (tests pass 0). */
  statisticsDelayMs?: number;
}

/** What a removed line's reason says when the teacher removed it. */
export const REMOVED_BY_TEACHER = 'Removed by you.';
const FORMATS = ['.txt', '.text', '.html', '.htm', '.docx', '.pdf'];

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/u, '')} MB`;
}

export class ArticleReview {
  readonly #client: Client;
  readonly #callbacks: ReviewCallbacks;

  #busy = $state<false | 'reading' | 'saving'>(false);
  #error = $state<string | null>(null);
  #notice = $state('');
  #source = $state<ImportedArticleView | null>(null);
  #lines = $state<ReviewLine[]>([]);
  #statistics = $state<ReadingStatistics | null>(null);
  #statisticsTimer: ReturnType<typeof setTimeout> | undefined;
  #statisticsRequest = 0;
  #importRequest = 0;

  details = $state<ArticleDetails>({ headline: '', byline: '', publication: '', date: '', address: '' });
  pasted = $state('');

  constructor(client: Client, callbacks: ReviewCallbacks) {
    this.#client = client;
    this.#callbacks = callbacks;
  }

  get busy() {
    return this.#busy;
  }
  get error() {
    return this.#error;
  }
  get notice() {
    return this.#notice;
  }
  get source() {
    return this.#source;
  }
  get lines(): readonly ReviewLine[] {
    return this.#lines;
  }
  get statistics() {
    return this.#statistics;
  }
  get removedCount(): number {
    return this.#lines.filter((line) => line.kind === 'removed').length;
  }
  /** The article's paragraphs: each kept body line, as its sentences. */
  get paragraphs(): string[][] {
    return this.#lines.filter((line) => line.kind === 'body').map((line) => line.sentences);
  }
  /** The kept captions, each with its picture's credit when the clean-up found one. */
  get captions(): { text: string; credit?: string }[] {
    return this.#lines
      .filter((line) => line.kind === 'caption')
      .map((line) => {
        const credit = line.caption?.credit;
        return { text: line.caption?.text ?? line.text, ...(credit ? { credit } : {}) };
      });
  }
  /** Why the article cannot be saved yet, or null when it can. */
  get cannotSave(): string | null {
    if (this.details.headline.trim() === '') return 'Give the article a headline.';
    if (this.paragraphs.length === 0) return 'Keep at least one line of the article: every line is removed.';
    return null;
  }

  // ── Reading the article ──

  async importPasted(): Promise<void> {
    if (this.pasted.trim() === '') {
      this.#error = 'Paste the article’s text first.';
      return;
    }
    await this.#import({ from: 'paste', text: this.pasted });
  }

  /** A file opened with the picker or dropped on the window: the same path. */
  async importFile(file: File): Promise<void> {
    const extension = /\.[^.]+$/u.exec(file.name.toLowerCase())?.[0] ?? '';
    if (!FORMATS.includes(extension)) {
      this.#error = `“${file.name}” cannot be read: choose a .txt, .html, .htm, .docx or .pdf file.`;
      return;
    }
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      this.#error = `“${file.name}” is ${megabytes(file.size)}, over the limit of ${megabytes(MAX_IMPORT_FILE_BYTES)} for an article.`;
      return;
    }
    let base64: string;
    try {
      base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      this.#error = `“${file.name}” could not be read: ${messageOf(error)}`;
      return;
    }
    await this.#import({ from: 'file', name: file.name, base64 });
  }

  async #import(input: ImportArticleInput): Promise<void> {
    const request = ++this.#importRequest;
    this.#busy = 'reading';
    this.#error = null;
    this.#notice = '';
    try {
      const view = await this.#client.importArticle(input);
      if (request !== this.#importRequest) return;
      this.#load(view);
    } catch (error) {
      if (request !== this.#importRequest) return;
      const what = input.from === 'file' ? `“${input.name}” could not be imported` : 'The pasted text could not be imported';
      this.#error = `${what}: ${messageOf(error).replace(/^./u, (c) => c.toLowerCase())}`;
    } finally {
      if (request === this.#importRequest) this.#busy = false;
    }
  }

  #load(view: ImportedArticleView): void {
    this.#source = view;
    this.details = {
      headline: view.headline,
      byline: view.byline ?? '',
      publication: view.publication ?? '',
      date: view.date ?? '',
      address: view.address ?? '',
    };
    // The headline is in the details; the other lines are the teacher's to check.
    this.#lines = view.lines
      .filter((line) => line.kind !== 'headline')
      .map((line) => ({
        line: line.line,
        text: line.text,
        classified: line.kind,
        kind: line.kind === 'headline' ? 'removed' : line.kind,
        ...(line.reason !== undefined && { reason: line.reason, explanation: line.explanation }),
        changed: false,
        ...(line.caption && { caption: { ...line.caption } }),
        sentences: [...line.sentences],
      }));
    const kept = this.paragraphs.length;
    this.#notice = `Read ${view.fileName ? `“${view.fileName}”` : 'the pasted text'}: ${kept} ${kept === 1 ? 'paragraph' : 'paragraphs'} kept, ${this.removedCount} ${this.removedCount === 1 ? 'line' : 'lines'} removed. Check them below.`;
    this.#refreshStatistics(0);
  }

  /** Back to pasting or choosing a file; what was read is dropped. */
  startOver(): void {
    this.#importRequest++;
    this.#source = null;
    this.#lines = [];
    this.#statistics = null;
    this.#error = null;
    this.#notice = '';
  }

  // ── The teacher's check ──

  /** One click: a removed line is kept (a caption, printed again, as a caption), a kept line is removed. */
  toggle(index: number): void {
    const line = this.#lines[index];
    if (!line) return;
    if (line.kind === 'removed') {
      line.kind = line.classified === 'caption' || line.reason === 'duplicated-caption' ? 'caption' : 'body';
      this.#notice = `Kept line ${line.line}.`;
    } else {
      line.kind = 'removed';
      this.#notice = `Removed line ${line.line}.`;
    }
    line.changed = line.kind !== line.classified;
    this.#refreshStatistics();
  }

  /** A second story appended to the page: this line and every one after it leave the article. */
  removeFromHere(index: number): void {
    let removed = 0;
    for (const line of this.#lines.slice(index)) {
      if (line.kind === 'removed') continue;
      line.kind = 'removed';
      line.changed = line.kind !== line.classified;
      removed++;
    }
    this.#notice = `Removed ${removed} ${removed === 1 ? 'line' : 'lines'}, from line ${this.#lines[index]?.line ?? ''} to the end.`;
    this.#refreshStatistics();
  }

  /** Joins a sentence with the next one in its paragraph (the segmenter split where it should not). */
  mergeWithNext(index: number, sentence: number): void {
    const line = this.#lines[index];
    if (!line || sentence + 1 >= line.sentences.length) return;
    const joined = `${line.sentences[sentence]} ${line.sentences[sentence + 1]}`;
    line.sentences.splice(sentence, 2, joined);
    this.#notice = `Joined sentences ${sentence + 1} and ${sentence + 2} of paragraph ${this.#paragraphNumber(index)}.`;
    this.#refreshStatistics();
  }

  /** Splits a sentence after `offset` characters (the segmenter missed a boundary). Returns whether it split. */
  split(index: number, sentence: number, offset: number): boolean {
    const line = this.#lines[index];
    const text = line?.sentences[sentence];
    if (!line || text === undefined) return false;
    const before = text.slice(0, offset).trim();
    const after = text.slice(offset).trim();
    if (before === '' || after === '') {
      this.#error = 'Put the cursor inside the sentence, where the new sentence should begin.';
      return false;
    }
    this.#error = null;
    line.sentences.splice(sentence, 1, before, after);
    this.#notice = `Split sentence ${sentence + 1} of paragraph ${this.#paragraphNumber(index)} in two.`;
    this.#refreshStatistics();
    return true;
  }

  /** The paragraph's number as students will see it: its place among the kept body lines. */
  #paragraphNumber(index: number): number {
    return this.#lines.slice(0, index + 1).filter((line) => line.kind === 'body').length;
  }

  #refreshStatistics(delay = this.#callbacks.statisticsDelayMs ?? 300): void {
    clearTimeout(this.#statisticsTimer);
    this.#statisticsTimer = setTimeout(() => void this.#fetchStatistics(), delay);
  }

  async #fetchStatistics(): Promise<void> {
    const request = ++this.#statisticsRequest;
    try {
      const statistics = await this.#client.articleStatistics({ sentences: this.paragraphs.flat() });
      if (request === this.#statisticsRequest) this.#statistics = statistics;
    } catch (error) {
      if (request === this.#statisticsRequest) this.#error = `The reading statistics could not be worked out: ${messageOf(error)}`;
    }
  }

  // ── Saving ──

  async save(): Promise<void> {
    const problem = this.cannotSave;
    if (problem) {
      this.#error = problem;
      return;
    }
    const d = this.details;
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    this.#busy = 'saving';
    this.#error = null;
    try {
      const title = d.headline.trim();
      const { quizId } = await this.#client.createQuiz({
        article: {
          title,
          byline: optional(d.byline),
          publication: optional(d.publication),
          date: optional(d.date),
          address: optional(d.address),
          standfirst: this.#source?.standfirst,
          // The boundaries as the teacher left them: the library stores one sentence a line.
          paragraphs: this.paragraphs.map((sentences) => [...sentences]),
          captions: this.captions,
        },
      });
      this.#callbacks.onsaved(quizId, title);
    } catch (error) {
      this.#error = `The quiz was not saved: ${messageOf(error).replace(/^./u, (c) => c.toLowerCase())}`;
    } finally {
      this.#busy = false;
    }
  }

  dispose(): void {
    clearTimeout(this.#statisticsTimer);
    this.#importRequest++;
    this.#statisticsRequest++;
  }
}
