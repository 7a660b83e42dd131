import { segmentSentences } from './segment.ts';
import { captionId, captionSentenceId } from './sentence-id.ts';
import type { Article, Caption, Sentence } from './types.ts';

// Captions are part of the page a student reads, so their sentences can be cited as evidence.
// They are numbered apart from the body ("c1.s1") and after it, so that a page with or without
// captions gives its body the same sentence ids and positions (results store sentence ids).

/**
 * Gives each caption its id and numbered sentences ("c1.s1"), counted after the body so that
 * the body's ids and positions are the same with or without captions.
 */
export function numberCaptions(captions: Caption[], bodySentenceCount: number): void {
  let index = bodySentenceCount;
  captions.forEach((caption, captionIndex) => {
    const number = captionIndex + 1;
    const id = captionId(number);
    caption.id = id;
    caption.sentences = segmentSentences(caption.text).map((text, sentenceIndex): Sentence => ({
      id: captionSentenceId(number, sentenceIndex + 1),
      paragraphId: id,
      index: index++,
      text,
    }));
  });
}

/** Every sentence a quote may cite: the body's, then the captions', in that order. */
export function citableSentences(article: Pick<Article, 'sentences' | 'captions'>): Sentence[] {
  return [...article.sentences, ...article.captions.flatMap((caption) => caption.sentences ?? [])];
}
