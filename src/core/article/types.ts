import type { RemovalReason } from './cleanup/reasons.ts';

export interface Sentence {
  /**
   * "p3.s2": 1-based body paragraph number, 1-based sentence number within it; "c1.s1" for a
   * caption's sentence.
   */
  id: string;
  /** "p3", or "c1" for a caption's sentence. */
  paragraphId: string;
  /** 0-based position in the whole article: body sentences first, then captions' sentences. */
  index: number;
  text: string;
}

export interface Paragraph {
  /** "p3" */
  id: string;
  number: number;
  sentences: Sentence[];
}

export interface Caption {
  text: string;
  credit?: string;
  /** "c1": the caption's place among the page's captions, counted from 1 (set by parseArticle). */
  id?: string;
  /** The caption's sentences, citable as evidence like the body's (set by parseArticle). */
  sentences?: Sentence[];
}

export interface ArticleSource {
  publication?: string;
  date?: string;
  url?: string;
}

export interface RemovedLine {
  /** 1-based line number in the raw input. */
  line: number;
  text: string;
  /** Why the clean-up took the line out of the body. */
  reason: RemovalReason;
}

export interface Article {
  /** Empty when the text has no headline. */
  headline: string;
  /** The first picture caption (the one shown with the article). */
  caption?: Caption;
  /** Every picture caption, in page order. */
  captions: Caption[];
  /** The author as printed, without "By". */
  byline?: string;
  /** The summary under the headline; not part of the numbered body. */
  standfirst?: string;
  source: ArticleSource;
  paragraphs: Paragraph[];
  /** Every sentence of every body paragraph, in reading order (captions' sentences are in captions). */
  sentences: Sentence[];
  removed: RemovedLine[];
}
