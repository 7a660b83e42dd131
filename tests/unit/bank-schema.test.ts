import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  Bank,
  Cloze,
  EvidenceSelection,
  Matching,
  MultipleSelect,
  Ordering,
  Question,
  QUESTION_TYPES,
  ShortAnswer,
  SingleChoice,
  Source,
  TrueFalseNotGiven,
  TwoPart,
} from '../../src/core/bank/schema.ts';
import { fixtureBank } from './bank-fixtures.ts';

type Example = Record<string, unknown>;

function example(type: string): Example {
  const found = fixtureBank().questions.find((question) => question.type === type);
  if (!found) throw new Error(`the fixture bank has no ${type} question`);
  return structuredClone(found) as unknown as Example;
}

const SCHEMAS: Record<string, z.ZodType> = {
  'single-choice': SingleChoice,
  'multiple-select': MultipleSelect,
  'true-false-not-given': TrueFalseNotGiven,
  'short-answer': ShortAnswer,
  cloze: Cloze,
  'evidence-selection': EvidenceSelection,
  ordering: Ordering,
  matching: Matching,
  'two-part': TwoPart,
};

// Breakages every type must reject, because they live in the fields all questions share.
const COMMON_BREAKAGES: [string, (question: Example) => void][] = [
  ['an empty prompt', (q) => void (q['prompt'] = '   ')],
  ['no evidence', (q) => void (q['evidence'] = [])],
  ['an empty evidence quote', (q) => void (q['evidence'] = [''])],
  ['zero points', (q) => void (q['points'] = 0)],
  ['fractional points', (q) => void (q['points'] = 1.5)],
  ['an unknown skill', (q) => void (q['skill'] = 'spelling')],
  ['an unknown difficulty', (q) => void (q['difficulty'] = 'trivial')],
  ['an id with capitals', (q) => void (q['id'] = 'Question-1')],
  ['an unknown field', (q) => void (q['hint'] = 'look at paragraph 2')],
  ['a missing explanation', (q) => void delete q['explanation']],
];

// Breakages specific to one type.
const TYPE_BREAKAGES: Record<string, [string, (question: Example) => void][]> = {
  'single-choice': [
    ['a single option', (q) => void (q['options'] = [{ id: 'a', text: 'A' }])],
    ['a list of correct options', (q) => void (q['correct'] = ['monday'])],
    ['an option without text', (q) => void (q['options'] = [{ id: 'a' }, { id: 'b', text: 'B' }])],
  ],
  'multiple-select': [
    ['no correct options', (q) => void (q['correct'] = [])],
    ['a single correct id instead of a list', (q) => void (q['correct'] = 'met')],
  ],
  'true-false-not-given': [
    ['a boolean answer', (q) => void (q['answer'] = true)],
    ['an answer of "not given" with a space', (q) => void (q['answer'] = 'not given')],
  ],
  'short-answer': [
    ['no accepted answers', (q) => void (q['accepted'] = [])],
    ['an empty accepted answer', (q) => void (q['accepted'] = [''])],
  ],
  cloze: [
    ['no gaps', (q) => void (q['gaps'] = [])],
    ['a gap without accepted answers', (q) => void (q['gaps'] = [{ id: 'count', accepted: [] }])],
  ],
  'evidence-selection': [
    ['no answer', (q) => void (q['answer'] = [])],
    ['a non-string answer', (q) => void (q['answer'] = [3])],
  ],
  ordering: [
    [
      'only two items',
      (q) =>
        void (q['items'] = [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B' },
        ]),
    ],
    ['a missing order', (q) => void delete q['order']],
  ],
  matching: [
    ['a single pair', (q) => void (q['pairs'] = [{ left: 'monday', right: 'met' }])],
    [
      'a pair with an unknown field',
      (q) =>
        void (q['pairs'] = [
          { left: 'a', right: 'b', score: 1 },
          { left: 'c', right: 'd' },
        ]),
    ],
  ],
  'two-part': [
    [
      'a Part B option without a quote',
      (q) => void (q['partB'] = { prompt: 'p', options: [{ id: 'a' }, { id: 'b', quote: 'x' }], correct: ['a'] }),
    ],
    ['a missing Part A', (q) => void delete q['partA']],
  ],
};

describe('question schemas', () => {
  it('covers every question type', () => {
    expect(Object.keys(SCHEMAS).sort()).toEqual([...QUESTION_TYPES].sort());
    expect(QUESTION_TYPES).toHaveLength(9);
  });

  describe.each(QUESTION_TYPES)('%s', (type) => {
    const schema = SCHEMAS[type] as z.ZodType;

    it('accepts a good example, through its own schema and through Question', () => {
      expect(schema.safeParse(example(type)).success).toBe(true);
      expect(Question.safeParse(example(type)).success).toBe(true);
    });

    it('defaults points to 1', () => {
      const parsed = Question.parse(example(type));
      expect(parsed.points).toBe(1);
    });

    it.each([...COMMON_BREAKAGES, ...(TYPE_BREAKAGES[type] ?? [])])('rejects %s', (_name, breakIt) => {
      const question = example(type);
      breakIt(question);
      expect(schema.safeParse(question).success).toBe(false);
      expect(Question.safeParse(question).success).toBe(false);
    });
  });

  it('rejects an unknown question type', () => {
    expect(Question.safeParse({ ...example('single-choice'), type: 'essay' }).success).toBe(false);
  });
});

describe('Bank schema', () => {
  it('accepts the fixture bank and fills in the defaults', () => {
    const bank = Bank.parse(fixtureBank());
    expect(bank.article).toBe('article.txt');
    expect(bank.source).toEqual({});
  });

  it('rejects a bank without questions, with a bad id, or with an unknown field', () => {
    expect(Bank.safeParse({ ...fixtureBank(), questions: [] }).success).toBe(false);
    expect(Bank.safeParse({ ...fixtureBank(), id: 'north korea' }).success).toBe(false);
    expect(Bank.safeParse({ ...fixtureBank(), author: 'me' }).success).toBe(false);
  });

  it('accepts only web addresses as the source url', () => {
    expect(Source.safeParse({ url: 'https://www.scotsman.com/news' }).success).toBe(true);
    expect(Source.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false);
    expect(Source.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false);
  });

  it('accepts only real calendar dates as the source date', () => {
    expect(Source.safeParse({ date: '2014-12-23' }).success).toBe(true);
    expect(Source.safeParse({ date: '2014-02-30' }).success).toBe(false);
    expect(Source.safeParse({ date: '23/12/2014' }).success).toBe(false);
  });
});
