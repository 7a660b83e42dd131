import { z } from 'zod';

// The bank format. This file is the single source of truth: `questions/bank.schema.json` is
// generated from it (npm run gen-schema) so that editors offer completion.

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and hyphens, starting with a letter or digit')
  .max(64);

export const SKILLS = ['detail', 'main-idea', 'inference', 'vocabulary', 'sequence', 'quotation', 'purpose'] as const;
export const Skill = z
  .enum(SKILLS)
  .describe('detail, main idea, inference, vocabulary in context, sequence, quotation and attribution, author’s purpose');
export type Skill = z.infer<typeof Skill>;

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

const Text = z.string().trim().min(1, 'must not be empty');

/** A quotation of one article sentence (or part of one), so that an edited article is caught. */
export const Quote = Text.describe('the text of one article sentence, or a part of it that occurs in only one sentence');

export const Option = z.strictObject({ id: Slug, text: Text });
export type Option = z.infer<typeof Option>;

const common = {
  id: Slug,
  prompt: Text,
  evidence: z.array(Quote).min(1, 'needs evidence: pick the sentence that proves the answer (cite at least one article sentence)'),
  explanation: Text.describe('written for a student: why the answer is right, pointing at the text'),
  points: z.int().min(1).max(100).default(1),
  skill: Skill,
  difficulty: Difficulty,
  /** Set by the question drafter; the editor removes it once a teacher edits the question. */
  drafted: z.literal(true).optional().describe('true while the question is as the drafter wrote it; removed when a teacher edits it'),
};

const Options = z.array(Option).min(2, 'give at least two options').max(8);
const Accepted = z.array(Text).min(1, 'give at least one accepted answer');

export const SingleChoice = z.strictObject({
  ...common,
  type: z.literal('single-choice'),
  options: Options,
  correct: Slug.describe('the id of the correct option'),
});

export const MultipleSelect = z.strictObject({
  ...common,
  type: z.literal('multiple-select'),
  options: Options,
  correct: z.array(Slug).min(1, 'at least one option must be correct'),
});

export const TRUTH_VALUES = ['true', 'false', 'not-given'] as const;
export const TruthValue = z.enum(TRUTH_VALUES);
export type TruthValue = z.infer<typeof TruthValue>;

export const TrueFalseNotGiven = z.strictObject({
  ...common,
  type: z.literal('true-false-not-given'),
  answer: TruthValue,
});

export const ShortAnswer = z.strictObject({
  ...common,
  type: z.literal('short-answer'),
  accepted: Accepted.describe('accepted answers; the first is the model answer and must occur in the evidence'),
});

export const Gap = z.strictObject({ id: Slug, accepted: Accepted });
export const Cloze = z.strictObject({
  ...common,
  type: z.literal('cloze'),
  text: Text.describe('a source sentence with each gap written as {{gap-id}}'),
  gaps: z.array(Gap).min(1).max(10),
});

export const EvidenceSelection = z.strictObject({
  ...common,
  type: z.literal('evidence-selection'),
  answer: z.array(Quote).min(1).describe('the sentences the student should select, quoted'),
});

export const Ordering = z.strictObject({
  ...common,
  type: z.literal('ordering'),
  items: z.array(Option).min(3, 'order at least three items').max(8),
  order: z.array(Slug).describe('the item ids in the correct order'),
});

export const Matching = z.strictObject({
  ...common,
  type: z.literal('matching'),
  left: z.array(Option).min(2).max(8).describe('the things to match, for example statements'),
  right: z.array(Option).min(2).max(10).describe('what they match, for example speakers; may include distractors'),
  pairs: z
    .array(z.strictObject({ left: Slug, right: Slug }))
    .min(2)
    .describe('every left item with its one right item'),
});

export const EvidenceOption = z.strictObject({ id: Slug, quote: Quote });
export const TwoPart = z.strictObject({
  ...common,
  type: z.literal('two-part'),
  partA: z.strictObject({ prompt: Text, options: Options, correct: Slug }),
  partB: z.strictObject({
    prompt: Text,
    options: z.array(EvidenceOption).min(2).max(8),
    correct: z.array(Slug).min(1),
  }),
});

export const Question = z.discriminatedUnion('type', [
  SingleChoice,
  MultipleSelect,
  TrueFalseNotGiven,
  ShortAnswer,
  Cloze,
  EvidenceSelection,
  Ordering,
  Matching,
  TwoPart,
]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
export const QUESTION_TYPES = Question.options.map((o) => o.shape.type.value) as QuestionType[];

export const Source = z.strictObject({
  publication: Text.optional(),
  date: z.iso.date().optional(),
  // The app shows this as a link: only web addresses, never javascript: or file: URLs.
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).optional(),
});

export const Bank = z.strictObject({
  $schema: z.string().optional(),
  id: Slug,
  title: Text.optional().describe('shown instead of the headline when set'),
  article: Text.default('article.txt').describe('the article file, beside the bank'),
  source: Source.default({}),
  questions: z.array(Question).min(1, 'a bank needs at least one question'),
});
export type Bank = z.infer<typeof Bank>;
export type BankInput = z.input<typeof Bank>;
