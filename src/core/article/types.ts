export interface Sentence {
  /** "p3.s2": 1-based body paragraph number, 1-based sentence number within it. */
  id: string;
  paragraphId: string;
  /** 0-based position in the whole article. */
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
  /** Name of the boilerplate rule that removed it. */
  rule: string;
}

export interface Article {
  headline: string;
  caption?: Caption;
  source: ArticleSource;
  paragraphs: Paragraph[];
  /** Every sentence of every paragraph, in reading order. */
  sentences: Sentence[];
  removed: RemovedLine[];
}
