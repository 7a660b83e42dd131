export type { Article, ArticleSource, Caption, Paragraph, RemovedLine, Sentence } from './types.ts';
export type { BoilerplateContext, BoilerplateRule } from './boilerplate.ts';
export type { QuoteMatch } from './quote.ts';
export { BOILERPLATE_RULES } from './boilerplate.ts';
export { parseArticle } from './parse.ts';
export { segmentSentences } from './segment.ts';
export { normaliseForMatch, findSentenceByQuote } from './quote.ts';
