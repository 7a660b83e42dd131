export type { Article, ArticleSource, Caption, Paragraph, RemovedLine, Sentence } from './types.ts';
export type { ClassifiedLine, Cleanup, CleanupOptions, LineKind, RemovalReason } from './cleanup/index.ts';
export type { QuoteMatch } from './quote.ts';
export { classifyLines, REMOVAL_REASONS, REMOVAL_REASON_NAMES, isRemovalReason } from './cleanup/index.ts';
export { parseArticle } from './parse.ts';
export { segmentSentences } from './segment.ts';
export { findSentenceByQuote, normaliseForMatch, QuoteIndex, quoteIndexOf } from './quote.ts';
export { paragraphId, SENTENCE_ID_PATTERN, SentenceId, sentenceId } from './sentence-id.ts';
