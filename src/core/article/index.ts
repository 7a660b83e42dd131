export type { Article, ArticleSource, Caption, Paragraph, RemovedLine, Sentence } from './types.ts';
export type { ClassifiedLine, Cleanup, CleanupOptions, LineKind, RemovalReason } from './cleanup/index.ts';
export type { QuoteMatch } from './quote.ts';
export { classifyLines, REMOVAL_REASONS, REMOVAL_REASON_NAMES, isRemovalReason } from './cleanup/index.ts';
export { parseArticle } from './parse.ts';
export { citableSentences } from './captions.ts';
export type { ReadingStats } from './reading-stats.ts';
export { articleReadingStats, readingStats, readingStatsOfSentences, WORDS_PER_MINUTE, wordsOfText } from './reading-stats.ts';
export { mergeSentences, segmentSentences, sentencesOf, splitSentence } from './segment.ts';
export {
  ArticleInput,
  ARTICLE_LIMITS,
  isReviewedArticleText,
  ParagraphInput,
  parseReviewedArticle,
  readReviewedArticle,
  REVIEWED_ARTICLE_MARKER,
  ReviewedArticleError,
  reviewedArticleText,
  sentencesOfParagraphs,
} from './reviewed.ts';
export { findSentenceByQuote, normaliseForMatch, QuoteIndex, quoteIndexOf } from './quote.ts';
export { captionId, captionSentenceId, paragraphId, SENTENCE_ID_PATTERN, SentenceId, sentenceId } from './sentence-id.ts';
