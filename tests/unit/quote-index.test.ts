import { describe, expect, it } from 'vitest';
import { findSentenceByQuote, parseArticle, QuoteIndex, quoteIndexOf, type QuoteMatch } from '../../src/core/article/index.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';
import { FIXTURE_ARTICLE, mutableFixtureBank } from './bank-fixtures.ts';

// The one place a quote becomes a sentence: the bank loader and findSentenceByQuote both ask it.

const article = parseArticle(
  [
    'A headline',
    'Kim spoke. Officials said Kim spoke. The council met on Monday.',
    'The council met again. “It is over,” she said. Kim spoke.',
    'Nothing repeats here, not even the council.',
  ].join('\n'),
);
const ids = (match: QuoteMatch) =>
  match.kind === 'found' ? [match.sentence.id] : match.kind === 'ambiguous' ? match.sentences.map((s) => s.id) : [];

describe('the quote index', () => {
  const index = new QuoteIndex(article.sentences);

  it('finds a whole sentence, preferring it over longer sentences that contain it', () => {
    expect(index.find('Officials said Kim spoke.')).toMatchObject({ kind: 'found', sentence: { id: 'p1.s2' } });
    // "Kim spoke." is p1.s1 and p2.s3 exactly, and inside p1.s2: the exact sentences are the candidates.
    expect(index.find('Kim spoke.')).toMatchObject({ kind: 'ambiguous' });
    expect(ids(index.find('Kim spoke.'))).toEqual(['p1.s1', 'p2.s3']);
  });

  it('finds a passage that occurs in exactly one sentence', () => {
    expect(ids(index.find('met on Monday'))).toEqual(['p1.s3']);
    expect(ids(index.find('not even the council'))).toEqual(['p3.s1']);
  });

  it('names every sentence, in reading order, that holds a passage found more than once', () => {
    expect(ids(index.find('The council met'))).toEqual(['p1.s3', 'p2.s1']);
    expect(ids(index.find('council'))).toEqual(['p1.s3', 'p2.s1', 'p3.s1']);
  });

  it('counts a passage once per sentence, however often the sentence repeats it', () => {
    const twice = new QuoteIndex(parseArticle('T\nGo, go, go now. Stop.').sentences);
    expect(twice.find('go')).toMatchObject({ kind: 'found', sentence: { id: 'p1.s1' } });
  });

  it('does not match across the boundary between two sentences', () => {
    expect(index.find('Kim spoke. Officials')).toEqual({ kind: 'missing' });
    expect(index.find('on Monday. The council met again')).toEqual({ kind: 'missing' });
  });

  it('forgives spacing, line breaks and curly quotes, but not case or wording', () => {
    expect(ids(index.find('  "It is   over,"\nshe said. '))).toEqual(['p2.s2']);
    expect(index.find('officials said kim spoke.')).toEqual({ kind: 'missing' });
    expect(index.find('Officials said Kim talked.')).toEqual({ kind: 'missing' });
  });

  it('finds nothing for an empty quote or in an empty article', () => {
    expect(index.find('   ')).toEqual({ kind: 'missing' });
    const empty = new QuoteIndex([]);
    expect(empty.isEmpty).toBe(true);
    expect(empty.find('Kim spoke.')).toEqual({ kind: 'missing' });
  });

  it('is built once per article and shared by findSentenceByQuote', () => {
    expect(quoteIndexOf(article)).toBe(quoteIndexOf(article));
    expect(findSentenceByQuote(article, 'met on Monday')).toEqual(quoteIndexOf(article).find('met on Monday'));
    expect(quoteIndexOf(parseArticle('T\nKim spoke.'))).not.toBe(quoteIndexOf(article));
  });
});

describe('the bank loader’s quotes', () => {
  it('resolves each evidence quote through the index to the sentence id it names', () => {
    const bank = mutableFixtureBank();
    const sentences = parseArticle(FIXTURE_ARTICLE).sentences;
    const questions = bank.questions as Record<string, unknown>[];
    const template = questions.find((q) => q['type'] === 'true-false-not-given')!;
    bank.questions = sentences.map((sentence, i) => ({ ...template, id: `q${i}`, evidence: [sentence.text] }));
    const result = loadQuiz({ bankFile: 'b.json', bankText: JSON.stringify(bank), articleText: FIXTURE_ARTICLE });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.quiz.questions.map((q) => q.evidenceSentenceIds)).toEqual(sentences.map((s) => [s.id]));
  });
});
