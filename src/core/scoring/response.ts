import { z } from 'zod';
import { SentenceId } from '../article/sentence-id.ts';
import { Slug, TruthValue, type QuestionType } from '../bank/schema.ts';

// What a student sends for each question type. Lengths are bounded so that a hostile payload
// cannot make the service store or compare megabytes.
const Answer = z.string().max(500);
const Ids = z.array(Slug).max(20);

export const Response = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single-choice'), optionId: Slug }),
  z.strictObject({ type: z.literal('multiple-select'), optionIds: Ids }),
  z.strictObject({ type: z.literal('true-false-not-given'), value: TruthValue }),
  z.strictObject({ type: z.literal('short-answer'), text: Answer }),
  z.strictObject({ type: z.literal('cloze'), gaps: z.record(Slug, Answer) }),
  z.strictObject({ type: z.literal('evidence-selection'), sentenceIds: z.array(SentenceId).max(50) }),
  z.strictObject({ type: z.literal('ordering'), order: Ids }),
  z.strictObject({ type: z.literal('matching'), pairs: z.record(Slug, Slug) }),
  z.strictObject({ type: z.literal('two-part'), partA: Slug, partB: Ids }),
]);
export type Response = z.infer<typeof Response>;
export type ResponseOf<T extends QuestionType> = Extract<Response, { type: T }>;
