import type { Article } from '../../core/article/index.ts';
import { bankOfDrafts, draftFromAnalysis, type DraftOptions, type DraftResult } from '../../core/draft/index.ts';
import type { BankInput } from '../../core/bank/schema.ts';
import { analyseArticle } from './analyse.ts';

export interface DraftedBank extends DraftResult {
  bank: BankInput;
}

/** Drafts questions from an article: the NLP reading here, the rest in core. */
export function draftQuestions(article: Article, options: DraftOptions = {}, articleFile = 'article.txt'): DraftedBank {
  const analysis = analyseArticle(article);
  const result = draftFromAnalysis(analysis, options);
  return { ...result, bank: bankOfDrafts(analysis, result.drafts, articleFile) };
}
