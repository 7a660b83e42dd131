import type { Article, ArticleSource, Caption, Paragraph, RemovedLine, Sentence } from './types.ts';
import { findBoilerplateRule } from './boilerplate.ts';
import { parseCaptionLine } from './caption.ts';
import { segmentSentences } from './segment.ts';

/**
 * Turns a scraped article into headline, caption and numbered body paragraphs and sentences.
 * Every non-blank line after the headline is a paragraph unless it is the caption or a
 * boilerplate rule removes it; removed lines are reported so nothing disappears silently.
 */
export function parseArticle(raw: string, source: ArticleSource = {}): Article {
  let headline: string | undefined;
  let caption: Caption | undefined;
  let captionLine: string | undefined;
  let previousLine: string | undefined;
  const paragraphTexts: string[] = [];
  const removed: RemovedLine[] = [];

  raw.split(/\r\n|\r|\n/u).forEach((rawLine, lineIndex) => {
    const line = rawLine.trim();
    if (line === '') return;
    const rule = findBoilerplateRule(line, { captionLine, previousLine });
    const lineCaption = caption === undefined ? parseCaptionLine(line) : undefined;
    previousLine = line;

    if (headline === undefined) {
      headline = line;
    } else if (rule) {
      removed.push({ line: lineIndex + 1, text: line, rule: rule.name });
    } else if (lineCaption) {
      caption = lineCaption;
      captionLine = line;
    } else {
      paragraphTexts.push(line);
    }
  });

  const paragraphs = numberParagraphs(paragraphTexts);
  return {
    headline: headline ?? '',
    ...(caption && { caption }),
    source: { ...source },
    paragraphs,
    sentences: paragraphs.flatMap((paragraph) => paragraph.sentences),
    removed,
  };
}

function numberParagraphs(texts: readonly string[]): Paragraph[] {
  let index = 0;
  return texts.map((text, paragraphIndex) => {
    const number = paragraphIndex + 1;
    const id = `p${number}`;
    const sentences = segmentSentences(text).map(
      (sentenceText, sentenceIndex): Sentence => ({
        id: `${id}.s${sentenceIndex + 1}`,
        paragraphId: id,
        index: index++,
        text: sentenceText,
      }),
    );
    return { id, number, sentences };
  });
}
