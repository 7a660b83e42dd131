import { z } from 'zod';
import { SentenceId } from '../core/article/sentence-id.ts';
import { Question, Slug } from '../core/bank/schema.ts';
import { MAX_DRAFTS_LIMIT } from '../core/draft/limits.ts';

// The drafter's part of the contract (contract.ts spreads it in): questions drafted from a
// quiz's article, offline, ranked and grouped by paragraph, for the teacher to accept or reject.

export const DRAFT_GENERATORS = [
  'cloze',
  'who-said-it',
  'numbers',
  'true-false',
  'detail-choice',
  'short-answer',
  'ordering',
  'evidence-selection',
] as const;

export const DraftQuestionsInput = z.strictObject({
  quizId: Slug,
  /** Same article and seed, same drafts; another seed gives other distractors and choices. */
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  max: z.int().min(1).max(MAX_DRAFTS_LIMIT).optional(),
});

export const DraftedQuestion = z.strictObject({
  /** 0–100: how informative the source sentences are and how sure the generator is. */
  score: z.int().min(0).max(100),
  generator: z.enum(DRAFT_GENERATORS),
  sentenceIds: z.array(SentenceId).min(1),
  /** A question of the bank format, `drafted: true`, its evidence quoted from the article. */
  question: Question,
});

export const DraftParagraph = z.strictObject({
  paragraphId: z.string(),
  number: z.int().min(1),
  /** The paragraph's first words, so the teacher knows where they are. */
  opening: z.string(),
  /** Best first. */
  drafts: z.array(DraftedQuestion),
});

export const DraftQuestionsResult = z.strictObject({
  quizId: Slug,
  seed: z.int(),
  total: z.int().min(0),
  /** In the article's order; paragraphs with no draft are left out. */
  paragraphs: z.array(DraftParagraph),
});

export const draftContract = {
  draftQuestions: { input: DraftQuestionsInput, output: DraftQuestionsResult },
} as const;

export type DraftQuestionsInput = z.input<typeof DraftQuestionsInput>;
export type DraftedQuestion = z.output<typeof DraftedQuestion>;
export type DraftParagraph = z.output<typeof DraftParagraph>;
export type DraftQuestionsResult = z.output<typeof DraftQuestionsResult>;
