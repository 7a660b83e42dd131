import type { Article, ArticleSource, Caption, Paragraph, RemovedLine, Sentence } from './types.ts';
import { numberCaptions } from './captions.ts';
import { classifyLines } from './cleanup/classify.ts';
import { isReviewedArticleText, parseReviewedArticle } from './reviewed.ts';
import { segmentSentences } from './segment.ts';
import { paragraphId, sentenceId } from './sentence-id.ts';

/**
 * Turns a pasted or imported article into headline, captions and numbered body paragraphs and
 * sentences. The clean-up classifier decides which lines are page furniture; removed lines are
 * reported with their reason so that nothing disappears silently.
 */
export function parseArticle(raw: string, source: ArticleSource = {}): Article {
  // A teacher's checked article (reviewed.ts) is read as stored: no clean-up, no segmenter.
  if (isReviewedArticleText(raw)) return parseReviewedArticle(raw, source);
  const cleanup = classifyLines(raw, source.publication ? { publication: source.publication } : {});
  const captions: Caption[] = [];
  const paragraphTexts: string[] = [];
  const removed: RemovedLine[] = [];

  for (const line of cleanup.lines) {
    if (line.kind === 'body') paragraphTexts.push(line.text);
    else if (line.kind === 'caption' && line.caption) captions.push({ ...line.caption });
    else if (line.kind === 'removed' && line.reason) removed.push({ line: line.line, text: line.text, reason: line.reason });
  }

  const paragraphs = numberParagraphs(paragraphTexts);
  const sentences = paragraphs.flatMap((paragraph) => paragraph.sentences);
  numberCaptions(captions, sentences.length);
  const [caption] = captions;
  return {
    headline: cleanup.headline?.text ?? '',
    ...(caption && { caption }),
    captions,
    ...(cleanup.byline && { byline: cleanup.byline }),
    ...(cleanup.standfirst && { standfirst: cleanup.standfirst }),
    source: { ...source },
    paragraphs,
    sentences,
    removed,
  };
}

function numberParagraphs(texts: readonly string[]): Paragraph[] {
  let index = 0;
  return texts.map((text, paragraphIndex) => {
    const number = paragraphIndex + 1;
    const id = paragraphId(number);
    const sentences = segmentSentences(text).map((sentenceText, sentenceIndex): Sentence => ({
      id: sentenceId(number, sentenceIndex + 1),
      paragraphId: id,
      index: index++,
      text: sentenceText,
    }));
    return { id, number, sentences };
  });
}
