import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle, quoteIndexOf } from '../../src/core/article/index.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';
import { bankOfDrafts, draftFromAnalysis, type ArticleAnalysis, type Draft } from '../../src/core/draft/index.ts';
import { STOP_WORDS } from '../../src/core/draft/amounts.ts';
import { tidySentence } from '../../src/core/draft/restate.ts';
import { comparable, occursIn } from '../../src/core/draft/text.ts';
import { analyseArticle } from '../../src/service/draft/analyse.ts';
import { draftFixtures, SEED_TEXT, type DraftFixture } from './draft-support.ts';

// Seven news articles of 300 words or more from publications the drafter was never developed
// against (tests/fixtures/draft, cleaned by the import pipeline): what the issue promises for an
// article of that length.

let articles: { fixture: DraftFixture; analysis: ArticleAnalysis; drafts: Draft[] }[];

beforeAll(() => {
  articles = draftFixtures().map((fixture) => {
    const analysis = analyseArticle(fixture.article);
    return { fixture, analysis, drafts: draftFromAnalysis(analysis, { seed: 1, max: 200 }).drafts };
  });
});

describe('held-out articles of 300 words or more', () => {
  it('are at least six, from six publications, each of 300 to 1,500 words', () => {
    expect(articles.length).toBeGreaterThanOrEqual(6);
    expect(new Set(articles.map(({ fixture }) => fixture.publication)).size).toBeGreaterThanOrEqual(6);
    for (const { fixture } of articles) {
      expect(fixture.words, fixture.name).toBeGreaterThanOrEqual(300);
      expect(fixture.words, fixture.name).toBeLessThanOrEqual(1500);
    }
  });

  it('each yields drafts of at least four question types, one per 80 words or more', () => {
    for (const { fixture, drafts } of articles) {
      const types = new Set(drafts.map((draft) => draft.question.type));
      expect(types.size, `${fixture.name}: ${[...types].join(', ')}`).toBeGreaterThanOrEqual(4);
      expect(drafts.length, fixture.name).toBeGreaterThanOrEqual(fixture.words / 80);
    }
  });

  it('every draft’s evidence resolves to a sentence of the article', () => {
    for (const { fixture, drafts } of articles) {
      const quotes = quoteIndexOf(fixture.article);
      for (const draft of drafts) {
        for (const quote of draft.question.evidence) {
          expect(quotes.find(quote).kind, `${fixture.name} ${draft.question.id}: “${quote}”`).toBe('found');
        }
      }
    }
  });

  it('the checker accepts every draft, as the app stores the article', () => {
    for (const { fixture, analysis, drafts } of articles) {
      const result = loadQuiz({
        bankFile: 'drafts.json',
        bankText: JSON.stringify(bankOfDrafts(analysis, drafts)),
        articleText: fixture.text,
      });
      expect(result.ok ? [] : result.problems, fixture.name).toEqual([]);
    }
  });
});

// ---- true / false statements -----------------------------------------------------------------

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** Words a restatement may add or that carry no content: "according to", articles, auxiliaries. */
const NOT_CONTENT = new Set([...STOP_WORDS, 'according', 'will']);

/** A statement's content words (nouns, names, numbers, verbs …): lower case, possessive off, small numbers as digits. */
function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’]/gu, "'")
    .split(/[^\p{L}\p{N}'.,$%-]+/u)
    .map((word) => word.replace(/^[',.-]+|[',.-]+$/gu, '').replace(/'s$/u, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word) && !NOT_CONTENT.has(word))
    .map((word) => (NUMBER_WORDS.includes(word) ? String(NUMBER_WORDS.indexOf(word)) : word));
}

function missingFrom(statement: string, evidence: string): string[] {
  const known = new Set(contentWords(evidence));
  return contentWords(statement).filter((word) => !known.has(word));
}

function statements() {
  const seed = analyseArticle(parseArticle(SEED_TEXT));
  const all = [
    { name: 'seed', drafts: draftFromAnalysis(seed, { seed: 1, max: 200 }).drafts },
    ...articles.map(({ fixture, drafts }) => ({ name: fixture.name, drafts })),
  ];
  return all.flatMap(({ name, drafts }) =>
    drafts.flatMap((draft) => (draft.question.type === 'true-false-not-given' ? [{ name, draft, question: draft.question }] : [])),
  );
}

describe('true / false / not given statements', () => {
  it('a true statement only uses content words of its evidence: nouns, names and numbers all come from the sentence', () => {
    const trues = statements().filter(({ question }) => question.answer !== 'false');
    expect(trues.length).toBeGreaterThanOrEqual(20);
    for (const { name, question } of trues) {
      expect(missingFrom(question.prompt, question.evidence[0]!), `${name}: “${question.prompt}”`).toEqual([]);
    }
  });

  it('a false statement differs from a true one by exactly the swapped name or number, which the evidence does not have', () => {
    const falses = statements().filter(({ question }) => question.answer === 'false');
    expect(falses.length).toBeGreaterThanOrEqual(5);
    for (const { name, draft, question } of falses) {
      const swap = draft.swap;
      expect(swap, `${name} ${question.id}`).toBeDefined();
      const { from, to } = swap!;
      expect(question.prompt.split(to).length - 1, `${name}: “${question.prompt}” has “${to}” once`).toBe(1);
      expect(occursIn(to, question.evidence[0]!), `${name}: “${to}” is not in the evidence`).toBe(false);
      const restored = question.prompt.replace(to, from);
      expect(missingFrom(restored, question.evidence[0]!), `${name}: “${restored}”`).toEqual([]);
    }
  });

  it('most true statements are restated, not copied word for word from their sentence', () => {
    const trues = statements().filter(({ question }) => question.answer === 'true');
    const copied = trues.filter(({ question }) => comparable(question.prompt) === comparable(tidySentence(question.evidence[0]!)));
    expect(
      copied.length / trues.length,
      `${copied.length} of ${trues.length} copied:\n${copied.map(({ question }) => question.prompt).join('\n')}`,
    ).toBeLessThanOrEqual(0.5);
  });
});
