import type { PublicArticle } from '../../../shared/contract.ts';

export type ArticleSentence = { id: string; text: string };

/**
 * Every sentence a student can see and cite, in reading order: the picture captions' (shown
 * above the article) and then the body paragraphs'.
 */
export function articleSentences(article: PublicArticle): ArticleSentence[] {
  return [...(article.captions ?? []).flatMap((caption) => caption.sentences), ...article.paragraphs.flatMap((p) => p.sentences)];
}
