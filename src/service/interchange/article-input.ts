import type { ParsedArticleInput } from '../../core/article/reviewed.ts';
import { ARTICLE_LIMITS } from '../../core/article/reviewed.ts';
import type { Article } from '../../core/article/types.ts';

/**
 * The article as createQuiz stores it, from an article the clean-up read: its sentences exactly as
 * segmented (the boundaries evidence is cited by), captions as captions, the details found.
 */
export function articleInputOf(article: Article, fallbackTitle: string): ParsedArticleInput {
  const title =
    (article.headline || fallbackTitle).replace(/\s+/gu, ' ').trim().slice(0, ARTICLE_LIMITS.detailCharacters) || 'Imported questions';
  return {
    title,
    ...(article.byline && { byline: article.byline.slice(0, ARTICLE_LIMITS.detailCharacters) }),
    ...(article.source.publication && { publication: article.source.publication.slice(0, ARTICLE_LIMITS.detailCharacters) }),
    ...(article.source.date && { date: article.source.date.slice(0, ARTICLE_LIMITS.detailCharacters) }),
    ...(article.source.url && { address: article.source.url.slice(0, ARTICLE_LIMITS.detailCharacters) }),
    ...(article.standfirst && { standfirst: article.standfirst }),
    paragraphs: article.paragraphs.map((paragraph) => paragraph.sentences.map((sentence) => sentence.text)),
    captions: article.captions.map((caption) => ({
      text: caption.text,
      ...(caption.credit && { credit: caption.credit.slice(0, ARTICLE_LIMITS.detailCharacters) }),
    })),
  };
}
