import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadQuiz } from '../../src/core/bank/load.ts';
import type { LoadedQuestion, LoadedQuiz } from '../../src/core/bank/loaded.ts';
import { type BankInput, DIFFICULTIES, SKILLS } from '../../src/core/bank/schema.ts';
import { exportQuiz } from '../../src/core/interchange/index.ts';
import { importQti } from '../../src/core/interchange/qti/index.ts';
import { FIXTURE_ARTICLE, fixtureBank } from './bank-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

function load(bank: BankInput, article: string): LoadedQuiz {
  const result = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(bank), articleText: article });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.quiz;
}

/** A question as data, every id kept: QTI carries Evident's own ids, so nothing needs mapping back. */
function canonical(q: LoadedQuestion): unknown {
  const { evidence: _quotes, answer, ...rest } = q as LoadedQuestion & { answer?: unknown };
  const partB =
    q.type === 'two-part'
      ? { ...q.partB, options: q.partB.options.map((o) => ({ id: o.id, sentence: q.partBSentenceIds[o.id] })) }
      : undefined;
  return {
    ...rest,
    ...(q.type === 'true-false-not-given' ? { answer } : {}),
    ...(partB ? { partB } : {}),
    evidenceSentenceIds: [...q.evidenceSentenceIds].sort(),
    answerSentenceIds: [...q.answerSentenceIds].sort(),
  };
}

/** Evident -> QTI 3 files -> Evident, the article taken from the package's stimulus. */
function roundTrip(quiz: LoadedQuiz): LoadedQuiz {
  const { files } = exportQuiz(quiz, 'qti3');
  const read = importQti(new Map(Object.entries(files)));
  expect(read.report.filter((r) => r.status !== 'imported')).toEqual([]);
  expect(read.articleText).toBeDefined();
  return load({ id: quiz.id, questions: read.questions }, read.articleText!);
}

describe('Evident -> QTI 3 -> Evident', () => {
  // Reading the seed quiz and its article takes seconds on a loaded machine: a behaviour test, not a timed one.
  it('gives back the seed quiz: questions, ids, keys, points, evidence, and the article’s sentences', { timeout: 60_000 }, () => {
    const quiz = seedQuiz();
    const back = roundTrip(quiz);
    expect(back.questions.map(canonical)).toEqual(quiz.questions.map(canonical));
    expect(back.article.sentences.map((s) => [s.id, s.text])).toEqual(quiz.article.sentences.map((s) => [s.id, s.text]));
    expect(back.article.captions.flatMap((c) => c.sentences ?? []).map((s) => [s.id, s.text])).toEqual(
      quiz.article.captions.flatMap((c) => c.sentences ?? []).map((s) => [s.id, s.text]),
    );
    expect(back.article.headline).toBe(quiz.article.headline);
  });

  it('gives back a bank of every type, hostile characters included', () => {
    const bank = fixtureBank();
    const nasty = 'Why <b>not</b> & “this” {{gap}} ]]> \' " ?';
    bank.questions = bank.questions.map((q, i) => ({ ...q, prompt: `${q.prompt} ${nasty}`, points: i + 1 })) as typeof bank.questions;
    const quiz = load(bank, FIXTURE_ARTICLE);
    expect(new Set(quiz.questions.map((q) => q.type)).size).toBe(9);
    expect(roundTrip(quiz).questions.map(canonical)).toEqual(quiz.questions.map(canonical));
  });
});

// Words with the characters XML, HTML and QTI treat specially, and white space that must survive.
const word = fc.oneof(
  fc.constantFrom(
    '<b>',
    '&amp;',
    '&',
    '"',
    "'",
    '<!--',
    '-->',
    ']]>',
    '<![CDATA[',
    '{',
    '}',
    '\\',
    '–',
    '“x”',
    'é',
    '😀',
    '&#x41;',
    '&nbsp;',
    'S-p1.s1',
    'O-a',
  ),
  fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const distinct = (n: number) => fc.uniqueArray(phrase, { minLength: n, maxLength: n });
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);

const generatedBank = fc
  .record({
    prompts: fc.array(phrase, { minLength: 9, maxLength: 9 }),
    explanations: fc.array(phrase, { minLength: 9, maxLength: 9 }),
    points: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 9, maxLength: 9 }),
    skills: fc.array(fc.constantFrom(...SKILLS), { minLength: 9, maxLength: 9 }),
    difficulties: fc.array(fc.constantFrom(...DIFFICULTIES), { minLength: 9, maxLength: 9 }),
    ids: fc.uniqueArray(slug, { minLength: 9, maxLength: 9 }),
    optionIds: fc.uniqueArray(slug, { minLength: 5, maxLength: 5 }),
    scOptions: distinct(4),
    scCorrect: fc.integer({ min: 0, max: 3 }),
    msOptions: distinct(3),
    msCorrect: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
    truth: fc.constantFrom('true', 'false', 'not-given'),
    accepted: fc.uniqueArray(phrase, { minLength: 1, maxLength: 3 }),
    items: distinct(3),
    order: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
    matchTexts: distinct(5),
  })
  .map((g): BankInput => {
    const bank = fixtureBank();
    const ids = g.optionIds;
    bank.questions = bank.questions.map((q, i) => {
      const common = {
        id: g.ids[i]!,
        prompt: g.prompts[i]!,
        explanation: g.explanations[i]!,
        points: g.points[i]!,
        skill: g.skills[i]!,
        difficulty: g.difficulties[i]!,
      };
      switch (q.type) {
        case 'single-choice':
          return { ...q, ...common, options: g.scOptions.map((text, j) => ({ id: ids[j]!, text })), correct: ids[g.scCorrect]! };
        case 'multiple-select':
          return {
            ...q,
            ...common,
            options: g.msOptions.map((text, j) => ({ id: ids[j]!, text })),
            correct: g.msCorrect.map((j) => ids[j]!),
          };
        case 'true-false-not-given':
          return { ...q, ...common, answer: g.truth };
        case 'short-answer':
          return { ...q, ...common, accepted: ['March', ...g.accepted.filter((a) => a !== 'March')] };
        case 'ordering':
          return { ...q, ...common, items: g.items.map((text, j) => ({ id: ids[j]!, text })), order: g.order.map((j) => ids[j]!) };
        case 'matching':
          return {
            ...q,
            ...common,
            left: g.matchTexts.slice(0, 2).map((text, j) => ({ id: ids[j]!, text })),
            right: g.matchTexts.slice(2).map((text, j) => ({ id: ids[j]!, text })),
            pairs: [
              { left: ids[0]!, right: ids[1]! },
              { left: ids[1]!, right: ids[0]! },
            ],
          };
        default:
          return { ...q, ...common };
      }
    }) as BankInput['questions'];
    return bank;
  });

describe('cloze gaps keep their place in the sentence', () => {
  it('gives back gaps next to punctuation and inside a word, spacing as written', () => {
    const bank = fixtureBank();
    bank.questions = bank.questions.map((q) =>
      q.type === 'cloze'
        ? {
            ...q,
            text: '{{up}} to {{count}} people are held in the {{place}}s, the report said.',
            gaps: [
              { id: 'up', accepted: ['Up'] },
              { id: 'count', accepted: ['120,000'] },
              { id: 'place', accepted: ['camp'] },
            ],
          }
        : q,
    ) as typeof bank.questions;
    const quiz = load(bank, FIXTURE_ARTICLE);
    const back = roundTrip(quiz).questions.find((q) => q.type === 'cloze')!;
    expect(back).toMatchObject({ text: '{{up}} to {{count}} people are held in the {{place}}s, the report said.' });
  });
});

describe('Evident -> QTI 3 -> Evident over generated banks of every type', () => {
  it('gives back the same questions, keys, points and evidence', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(generatedBank, (bank) => {
        const quiz = load(bank, FIXTURE_ARTICLE);
        expect(roundTrip(quiz).questions.map(canonical)).toEqual(quiz.questions.map(canonical));
      }),
      { numRuns: 40 },
    );
  });
});
