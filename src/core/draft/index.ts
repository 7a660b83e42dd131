import type { BankInput } from '../bank/schema.ts';
import { KeyPositions } from './distractors.ts';
import { collectFacts } from './facts.ts';
import { GENERATORS } from './generators.ts';
import { Random } from './random.ts';
import { rankDrafts } from './rank.ts';
import { DEFAULT_DRAFT_SEED, DEFAULT_MAX_DRAFTS, MAX_DRAFTS_LIMIT } from './limits.ts';
import { slugify, uniqueSlugs } from './text.ts';
import type { ArticleAnalysis, Draft, DraftOptions, DraftResult } from './types.ts';

export type * from './types.ts';
export { collectFacts } from './facts.ts';
export { findAmounts, findDates, datePosition } from './amounts.ts';
export { findAttribution } from './attribution.ts';

export { DEFAULT_DRAFT_SEED, DEFAULT_MAX_DRAFTS, MAX_DRAFTS_LIMIT } from './limits.ts';

/** Drafts questions from an analysed article: same analysis and seed, same drafts. */
export function draftFromAnalysis(analysis: ArticleAnalysis, options: DraftOptions = {}): DraftResult {
  const seed = options.seed ?? DEFAULT_DRAFT_SEED;
  const max = Math.max(1, Math.min(options.max ?? DEFAULT_MAX_DRAFTS, MAX_DRAFTS_LIMIT));
  const facts = collectFacts(analysis);
  const keys = new KeyPositions(new Random(seed, 'keys'));
  const candidates = GENERATORS.flatMap((generate, index) => generate({ facts, random: new Random(seed, `generator-${index}`), keys }));
  const drafts = rankDrafts(candidates, max);
  const ids = uniqueSlugs(
    drafts.map((draft) => draft.question.id),
    'draft',
  );
  const renamed: Draft[] = drafts.map((draft, index) => ({ ...draft, question: { ...draft.question, id: ids[index]! } }));
  return { drafts: renamed, candidates: candidates.length, types: [...new Set(renamed.map((draft) => draft.question.type))] };
}

/** The drafts as a bank in the usual format, best first, ready for check-questions. */
export function bankOfDrafts(analysis: ArticleAnalysis, drafts: readonly Draft[], article = 'article.txt'): BankInput {
  const { source, headline } = analysis.article;
  return {
    id: slugify(headline, 'drafted-quiz'),
    article,
    source: {
      ...(source.publication && { publication: source.publication }),
      ...(source.date && /^\d{4}-\d{2}-\d{2}$/u.test(source.date) && { date: source.date }),
      ...(source.url && /^https?:/u.test(source.url) && { url: source.url }),
    },
    questions: drafts.map((draft) => draft.question),
  };
}
