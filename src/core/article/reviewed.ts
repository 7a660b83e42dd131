import { z } from 'zod';
import type { Article, Caption, Paragraph, Sentence } from './types.ts';
import { sentencesOf } from './segment.ts';
import { paragraphId, sentenceId } from './sentence-id.ts';
import { numberCaptions } from './captions.ts';

// An article the teacher has checked: which lines are the article, its headline and details,
// and where each sentence begins and ends. Evidence is cited by sentence, so once a teacher has
// looked at the boundaries they must never move again: the article file stores every sentence
// on its own line, and reading it back runs neither the clean-up nor the segmenter.
//
// The file (article.txt in a quiz folder) looks like this:
//
//   evident-article: 1
//   Headline: Council meets on Tuesday
//   Byline: Jane Doe
//   Publication: The Courier
//   Date: 27 November 2026
//   Address: https://example.org/story
//   Standfirst: A one-line summary.
//   Caption: The council chamber.
//   Credit: Photo: Sam Lee/The Courier
//
//   First sentence of the first paragraph.
//   Its second sentence.
//
//   The second paragraph's only sentence.
//
// A blank line ends the details and separates paragraphs; every other line is one sentence.
// A Credit line belongs to the Caption line just above it: the picture's credit is printed with
// its caption, and is not one of its sentences.

export const REVIEWED_ARTICLE_MARKER = 'evident-article: 1';

/** Limits that keep a hostile or mistaken payload small; a news article is far below each. */
export const ARTICLE_LIMITS = {
  detailCharacters: 500,
  sentenceCharacters: 5_000,
  sentencesPerParagraph: 200,
  paragraphs: 2_000,
  captions: 50,
} as const;

/** One line of text: no line breaks (they would end the sentence or the detail in the file). */
function oneLine(what: string, max: number) {
  return z
    .string()
    .transform((text) => text.replace(/\s+/gu, ' ').trim())
    .pipe(z.string().max(max, `${what} has at most ${max.toLocaleString('en')} characters`));
}

const Detail = (what: string) => oneLine(what, ARTICLE_LIMITS.detailCharacters).optional();
const SentenceText = oneLine('a sentence', ARTICLE_LIMITS.sentenceCharacters);

/**
 * A paragraph as the teacher left it: its text (the segmenter will find its sentences), or its
 * sentences, when the teacher checked or edited the boundaries.
 */
export const ParagraphInput = z.union([
  oneLine('a paragraph', ARTICLE_LIMITS.sentenceCharacters * 10),
  z
    .array(SentenceText)
    .min(1, 'a paragraph has at least one sentence')
    .max(ARTICLE_LIMITS.sentencesPerParagraph, `a paragraph has at most ${ARTICLE_LIMITS.sentencesPerParagraph} sentences`),
]);
export type ParagraphInput = z.input<typeof ParagraphInput>;

/** What createQuiz stores: the article the teacher checked on the import screen. */
export const ArticleInput = z.strictObject({
  title: oneLine('the headline', ARTICLE_LIMITS.detailCharacters).pipe(z.string().min(1, 'the article needs a headline')),
  byline: Detail('the byline'),
  publication: Detail('the publication'),
  date: Detail('the date'),
  address: Detail('the address'),
  standfirst: oneLine('the standfirst', ARTICLE_LIMITS.sentenceCharacters).optional(),
  paragraphs: z
    .array(ParagraphInput)
    .max(ARTICLE_LIMITS.paragraphs, `an article has at most ${ARTICLE_LIMITS.paragraphs.toLocaleString('en')} paragraphs`),
  captions: z
    .array(
      z
        .union([
          oneLine('a caption', ARTICLE_LIMITS.sentenceCharacters),
          z.strictObject({ text: oneLine('a caption', ARTICLE_LIMITS.sentenceCharacters), credit: Detail('a picture’s credit') }),
        ])
        // One shape for every reader: a caption given as its text has no credit.
        .transform((caption): { text: string; credit?: string } =>
          typeof caption === 'string' ? { text: caption } : { text: caption.text, ...(caption.credit ? { credit: caption.credit } : {}) },
        ),
    )
    .max(ARTICLE_LIMITS.captions, `an article has at most ${ARTICLE_LIMITS.captions} captions`)
    .default([]),
});
export type ArticleInput = z.input<typeof ArticleInput>;
export type ParsedArticleInput = z.output<typeof ArticleInput>;

const DETAILS = [
  ['Headline', 'title'],
  ['Byline', 'byline'],
  ['Publication', 'publication'],
  ['Date', 'date'],
  ['Address', 'address'],
  ['Standfirst', 'standfirst'],
] as const;

function clean(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** The paragraphs' sentences, boundaries fixed: a paragraph given as text is segmented now. */
export function sentencesOfParagraphs(paragraphs: readonly ParagraphInput[]): string[][] {
  return paragraphs
    .map((paragraph) =>
      sentencesOf(paragraph)
        .map(clean)
        .filter((text) => text !== ''),
    )
    .filter((s) => s.length > 0);
}

/** The article file's text for a checked article (see the top of this file). */
export function reviewedArticleText(input: ArticleInput): string {
  const article = ArticleInput.parse(input);
  const header = [REVIEWED_ARTICLE_MARKER];
  for (const [label, key] of DETAILS) {
    const value = article[key];
    if (value) header.push(`${label}: ${value}`);
  }
  for (const caption of article.captions) {
    if (!caption.text) continue;
    header.push(`Caption: ${caption.text}`);
    if (caption.credit) header.push(`Credit: ${caption.credit}`);
  }
  const paragraphs = sentencesOfParagraphs(article.paragraphs).map((sentences) => sentences.join('\n'));
  return `${[header.join('\n'), ...paragraphs].join('\n\n')}\n`;
}

export function isReviewedArticleText(raw: string): boolean {
  return (
    raw
      .replace(/^\uFEFF/u, '')
      .split(/\r\n|\r|\n/u, 1)[0]
      ?.trim() === REVIEWED_ARTICLE_MARKER
  );
}

/** A problem with a checked article's file, named by its line. */
export class ReviewedArticleError extends Error {
  override name = 'ReviewedArticleError';
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/** The ArticleInput a checked article's file holds, sentences as arrays. Throws ReviewedArticleError. */
export function readReviewedArticle(raw: string): Omit<ParsedArticleInput, 'paragraphs'> & { paragraphs: string[][] } {
  const lines = raw.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  if (lines[0]?.trim() !== REVIEWED_ARTICLE_MARKER) {
    throw new ReviewedArticleError(1, `a checked article starts with “${REVIEWED_ARTICLE_MARKER}”`);
  }
  const details: Record<string, string> = {};
  const captions: { text: string; credit?: string }[] = [];
  let at = 1;
  for (; at < lines.length && (lines[at] as string).trim() !== ''; at++) {
    const line = lines[at] as string;
    const match = /^([A-Za-z]+):\s?(.*)$/u.exec(line);
    const label = match?.[1] ?? '';
    const key = DETAILS.find(([name]) => name.toLowerCase() === label.toLowerCase())?.[1];
    if (label.toLowerCase() === 'caption') captions.push({ text: clean(match?.[2] ?? '') });
    else if (label.toLowerCase() === 'credit') {
      // The line above is a Caption line, so the caption it gave is the last one read.
      const caption = /^caption:/iu.test((lines[at - 1] as string).trim()) ? captions.at(-1) : undefined;
      if (!caption) throw new ReviewedArticleError(at + 1, 'a Credit line belongs right under the Caption line of the picture it credits');
      caption.credit = clean(match?.[2] ?? '');
    } else if (key) details[key] = clean(match?.[2] ?? '');
    else {
      throw new ReviewedArticleError(
        at + 1,
        `“${line.slice(0, 40)}” is not a detail of the article (Headline, Byline, Publication, Date, Address, Standfirst, Caption or Credit), and a blank line must separate the details from the text`,
      );
    }
  }
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (; at < lines.length; at++) {
    const line = clean(lines[at] as string);
    if (line === '') {
      if (current.length > 0) paragraphs.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(current);
  const parsed = ArticleInput.safeParse({ title: details.title ?? '', ...details, captions, paragraphs });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReviewedArticleError(1, `${issue?.message ?? 'the article is not valid'} (${issue?.path.join('.') || 'the article'})`);
  }
  return { ...parsed.data, paragraphs };
}

/** The article model of a checked article: its sentences exactly as stored, nothing removed. */
export function parseReviewedArticle(raw: string, source: Article['source'] = {}): Article {
  const input = readReviewedArticle(raw);
  let index = 0;
  const paragraphs: Paragraph[] = input.paragraphs.map((sentences, paragraphIndex) => {
    const number = paragraphIndex + 1;
    const id = paragraphId(number);
    return {
      id,
      number,
      sentences: sentences.map((text, sentenceIndex): Sentence => ({
        id: sentenceId(number, sentenceIndex + 1),
        paragraphId: id,
        index: index++,
        text,
      })),
    };
  });
  const captions: Caption[] = input.captions.map((caption) => ({ ...caption }));
  numberCaptions(captions, index);
  const [caption] = captions;
  return {
    headline: input.title,
    ...(caption && { caption }),
    captions,
    ...(input.byline && { byline: input.byline }),
    ...(input.standfirst && { standfirst: input.standfirst }),
    source: {
      ...(input.publication && { publication: input.publication }),
      ...(input.date && { date: input.date }),
      ...(input.address && { url: input.address }),
      ...source,
    },
    paragraphs,
    sentences: paragraphs.flatMap((paragraph) => paragraph.sentences),
    removed: [],
  };
}
