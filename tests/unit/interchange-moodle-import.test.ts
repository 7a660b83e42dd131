import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citableSentences } from '../../src/core/article/captions.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';
import { type BankInput, DIFFICULTIES, SKILLS } from '../../src/core/bank/schema.ts';
import { exportQuiz } from '../../src/core/interchange/index.ts';
import { importMoodleXml, MoodleImportError } from '../../src/core/interchange/moodle-import.ts';
import { FIXTURE_ARTICLE, fixtureBank } from './bank-fixtures.ts';
import { seedQuiz } from './fixtures.ts';
import { canonical } from './interchange-canonical.ts';

function load(bank: BankInput, article: string): LoadedQuiz {
  const result = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(bank), articleText: article });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.quiz;
}

function roundTrip(quiz: LoadedQuiz, articleText: string): LoadedQuiz {
  const { text } = exportQuiz(quiz, 'moodle-xml');
  const read = importMoodleXml(
    text,
    citableSentences(quiz.article).map((s) => s.text),
  );
  expect(read.report.every((r) => r.status === 'imported')).toBe(true);
  return load({ id: quiz.id, questions: read.questions }, articleText);
}

describe('Evident -> Moodle XML -> Evident', () => {
  it('gives back the seed quiz: questions, keys, points and evidence', () => {
    const quiz = seedQuiz();
    const articleText = readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8');
    const back = roundTrip(quiz, articleText);
    expect(back.questions.map(canonical)).toEqual(quiz.questions.map(canonical));
  });

  it('gives back a bank of every type, hostile characters included', () => {
    const bank = fixtureBank();
    const nasty = 'Why <b>not</b> & “this” {1:SHORTANSWER:=x} ~ # } \\ ?';
    bank.questions = bank.questions.map((q, i) => ({ ...q, prompt: `${q.prompt} ${nasty}`, points: i + 1 })) as typeof bank.questions;
    const quiz = load(bank, FIXTURE_ARTICLE);
    const back = roundTrip(quiz, FIXTURE_ARTICLE);
    expect(back.questions.map(canonical)).toEqual(quiz.questions.map(canonical));
  });
});

// Words with the characters that XML, HTML, Moodle's embedded answers and GIFT treat specially.
const word = fc.oneof(
  fc.constantFrom(
    '<b>',
    '&amp;',
    '&',
    '"',
    "'",
    '{1:MC:=a}',
    '~',
    '=',
    '#',
    '}',
    '{',
    '\\',
    '/',
    ':',
    '%50%',
    '–',
    '“x”',
    'é',
    '😀',
    ']]>',
  ),
  fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const distinct = (n: number) => fc.uniqueArray(phrase, { minLength: n, maxLength: n });

const generatedBank = fc
  .record({
    prompts: fc.array(phrase, { minLength: 9, maxLength: 9 }),
    explanations: fc.array(phrase, { minLength: 9, maxLength: 9 }),
    points: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 9, maxLength: 9 }),
    skills: fc.array(fc.constantFrom(...SKILLS), { minLength: 9, maxLength: 9 }),
    difficulties: fc.array(fc.constantFrom(...DIFFICULTIES), { minLength: 9, maxLength: 9 }),
    scOptions: distinct(4),
    scCorrect: fc.integer({ min: 0, max: 3 }),
    msOptions: distinct(3),
    msCorrect: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
    accepted: fc.uniqueArray(phrase, { minLength: 1, maxLength: 3 }),
    items: distinct(3),
    order: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
    matchTexts: distinct(5),
  })
  .map((g): BankInput => {
    const bank = fixtureBank();
    const ids = ['a', 'b', 'c', 'd', 'e'];
    bank.questions = bank.questions.map((q, i) => {
      const common = {
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
              { left: 'a', right: 'b' },
              { left: 'b', right: 'a' },
            ],
          };
        default:
          return { ...q, ...common };
      }
    }) as BankInput['questions'];
    return bank;
  });

describe('Evident -> Moodle XML -> Evident over generated banks of every type', () => {
  it('gives back the same questions, keys, points and evidence', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(generatedBank, (bank) => {
        const quiz = load(bank, FIXTURE_ARTICLE);
        expect(roundTrip(quiz, FIXTURE_ARTICLE).questions.map(canonical)).toEqual(quiz.questions.map(canonical));
      }),
      { numRuns: 40 },
    );
  });
});

describe('reading Moodle XML safely', () => {
  const wrap = (body: string) => `<?xml version="1.0"?><quiz>${body}</quiz>`;

  it('refuses a DTD or entity declaration without expanding it', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><quiz><question type="shortanswer"><name><text>&b;</text></name></question></quiz>`;
    expect(() => importMoodleXml(bomb)).toThrow(/DTD or entity declaration/);
  });

  it('refuses what is not Moodle XML, naming the problem', () => {
    expect(() => importMoodleXml('<quiz><question>')).toThrow(MoodleImportError);
    expect(() => importMoodleXml('<?xml version="1.0"?><html></html>')).toThrow(/no <quiz> element/);
  });

  it('names the question and the problem', () => {
    const xml = wrap(
      `<question type="category"><category><text>x</text></category></question><question type="multichoice"><name><text>Capital</text></name><questiontext format="html"><text>Which?</text></questiontext><single>true</single><answer fraction="0"><text>A</text></answer><answer fraction="0"><text>B</text></answer></question>`,
    );
    expect(() => importMoodleXml(xml)).toThrow('question 2 ("Capital"): no answer has fraction 100');
  });

  it('skips types Evident does not have with the reason, and marks questions without evidence', () => {
    const xml = wrap(
      `<question type="essay"><name><text>Essay one</text></name><questiontext><text>Write.</text></questiontext></question>` +
        `<question type="shortanswer"><name><text>Capital</text></name><questiontext><text>Capital of France?</text></questiontext><answer fraction="100"><text>Paris</text></answer></question>`,
    );
    const read = importMoodleXml(xml);
    expect(read.report).toEqual([
      { id: 'essay-one', type: 'essay', status: 'skipped', reason: 'Evident has no essay questions' },
      { id: 'capital', type: 'short-answer', status: 'needs-evidence', reason: 'no quotation of the article in its feedback' },
    ]);
    expect(read.questions[0]).toMatchObject({ type: 'short-answer', accepted: ['Paris'], evidence: [] });
  });
});
