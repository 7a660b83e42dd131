import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSentenceByQuote } from '../../src/core/article/index.ts';
import { formatProblem, loadQuiz } from '../../src/core/bank/load.ts';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';
import { QUESTION_TYPES, SKILLS } from '../../src/core/bank/schema.ts';

const quizDir = new URL('../../questions/north-korea-un/', import.meta.url);
const bankText = readFileSync(new URL('bank.json', quizDir), 'utf8');
const articleText = readFileSync(new URL('article.txt', quizDir), 'utf8');

function loadSeed(): LoadedQuiz {
  const result = loadQuiz({ bankFile: 'questions/north-korea-un/bank.json', bankText, articleText });
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.quiz;
}

describe('the seed bank (north-korea-un)', () => {
  it('loads with zero problems', () => {
    expect(() => loadSeed()).not.toThrow();
  });

  it('keeps the article byte for byte as it was scraped', () => {
    const seed = fileURLToPath(new URL('../../../shared/seed/article.txt', new URL('../../', import.meta.url)));
    let original: string | undefined;
    try {
      original = readFileSync(seed, 'utf8');
    } catch {
      // The shared seed folder exists only on the team's machines; the copy is what ships.
    }
    if (original !== undefined) expect(articleText).toBe(original);
  });

  it('describes its source', () => {
    const quiz = loadSeed();
    expect(quiz.id).toBe('north-korea-un');
    expect(quiz.title).toBe('North Korea fires threats at UN');
    expect(quiz.bank.source).toEqual({ publication: 'The Scotsman' });
    expect(JSON.parse(bankText).$schema).toBe('../bank.schema.json');
  });

  it('has at least 24 questions, opening with three single-choice ones', () => {
    const quiz = loadSeed();
    expect(quiz.questions.length).toBeGreaterThanOrEqual(24);
    expect(quiz.questions.slice(0, 3).map((q) => q.type)).toEqual(['single-choice', 'single-choice', 'single-choice']);
  });

  it('uses every question type, every skill and every difficulty', () => {
    const quiz = loadSeed();
    const types = new Set(quiz.questions.map((q) => q.type));
    expect(types.size).toBeGreaterThanOrEqual(7);
    expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
    expect([...new Set(quiz.questions.map((q) => q.skill))].sort()).toEqual([...SKILLS].sort());
    expect(new Set(quiz.questions.map((q) => q.difficulty))).toEqual(new Set(['easy', 'medium', 'hard']));
  });

  it('cites every body paragraph', () => {
    const quiz = loadSeed();
    const cited = new Set(
      quiz.questions.flatMap((q) => q.evidenceSentenceIds).map((id) => quiz.article.sentences.find((s) => s.id === id)?.paragraphId),
    );
    const uncited = quiz.article.paragraphs.filter((p) => !cited.has(p.id)).map((p) => p.id);
    expect(uncited).toEqual([]);
  });

  it('quotes evidence with the article’s own curly quotes and apostrophes', () => {
    const quiz = loadSeed();
    const sentenceTexts = quiz.article.sentences.map((s) => s.text);
    for (const question of quiz.bank.questions) {
      const quotes = [
        ...question.evidence,
        ...(question.type === 'evidence-selection' ? question.answer : []),
        ...(question.type === 'two-part' ? question.partB.options.map((o) => o.quote) : []),
      ];
      for (const quote of quotes) {
        expect(
          sentenceTexts.some((text) => text.includes(quote)),
          `${question.id}: ${quote}`,
        ).toBe(true);
        expect(findSentenceByQuote(quiz.article, quote).kind).toBe('found');
      }
    }
  });

  it('gives every true/false/not-given explanation the verdict first', () => {
    const quiz = loadSeed();
    const verdicts = { true: 'True.', false: 'False.', 'not-given': 'Not given.' } as const;
    for (const question of quiz.bank.questions) {
      if (question.type === 'true-false-not-given')
        expect(question.explanation.startsWith(verdicts[question.answer]), question.id).toBe(true);
    }
  });

  // A choice question's options as a student sees them: single choice, multiple select and Part A of a
  // two-part question. Lengths are counted in characters as displayed (code points), so a curly quote is one.
  function choiceSets(quiz: LoadedQuiz): { id: string; lengths: number[]; correct: boolean[] }[] {
    const sets: { id: string; lengths: number[]; correct: boolean[] }[] = [];
    for (const question of quiz.bank.questions) {
      const choice =
        question.type === 'single-choice' || question.type === 'multiple-select'
          ? question
          : question.type === 'two-part'
            ? question.partA
            : undefined;
      if (!choice) continue;
      const correct = ([] as string[]).concat(choice.correct);
      sets.push({
        id: question.id,
        lengths: choice.options.map((o) => [...o.text].length),
        correct: choice.options.map((o) => correct.includes(o.id)),
      });
    }
    return sets;
  }

  it('never makes a correct option stand out by its length', () => {
    // "Pick the longest" lets students score without reading, because a writer tends to qualify the right
    // answer until it is true and leave the wrong ones short. A correct option may be longer than the longest
    // wrong one by at most 10 characters (about two short words, where a difference starts to show when the
    // options are stacked one per line) and by at most 15% (so that short options, where 10 characters would be
    // a third more, are held to the same standard).
    const quiz = loadSeed();
    const sets = choiceSets(quiz);
    expect(sets.length).toBeGreaterThanOrEqual(12);
    const tooLong: string[] = [];
    for (const set of sets) {
      const longestWrong = Math.max(...set.lengths.filter((_, i) => !set.correct[i]));
      const allowed = Math.min(longestWrong + 10, Math.floor(longestWrong * 1.15));
      for (const [i, length] of set.lengths.entries()) {
        if (set.correct[i] && length > allowed) {
          tooLong.push(`${set.id}: correct option ${i + 1} has ${length} characters, the longest wrong one ${longestWrong}`);
        }
      }
    }
    expect(tooLong).toEqual([]);
  });

  it('makes a correct option the longest (ties included) in at most a third of the choice questions', () => {
    // With four options chance is one in four; "at most a third" leaves room for the keys that are naturally a
    // little longer without letting the longest option become a safe guess.
    const quiz = loadSeed();
    const sets = choiceSets(quiz);
    const keyIsLongest = sets.filter((set) => {
      const longest = Math.max(...set.lengths);
      return set.lengths.some((length, i) => set.correct[i] && length === longest);
    });
    expect(
      keyIsLongest.length,
      `the key is the longest option in ${keyIsLongest.map((s) => s.id).join(', ')} (${keyIsLongest.length} of ${sets.length})`,
    ).toBeLessThanOrEqual(sets.length / 3);
  });

  it('spreads the correct option over the positions, so “always pick the first” earns little', () => {
    const quiz = loadSeed();
    const positions: number[] = [];
    for (const question of quiz.bank.questions) {
      const choice = question.type === 'single-choice' ? question : question.type === 'two-part' ? question.partA : undefined;
      if (choice) positions.push(choice.options.findIndex((o) => o.id === choice.correct));
    }
    expect(positions.length).toBeGreaterThanOrEqual(8);
    for (const position of new Set(positions)) {
      const share = positions.filter((p) => p === position).length / positions.length;
      expect(
        share,
        `position ${position + 1} holds ${positions.filter((p) => p === position).length} of ${positions.length}`,
      ).toBeLessThanOrEqual(0.4);
    }
    expect(new Set(positions).size).toBeGreaterThanOrEqual(3);
  });
});
