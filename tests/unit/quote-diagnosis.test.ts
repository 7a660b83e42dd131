import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainMissingQuote } from '../../src/core/article/quote-diagnosis.ts';
import { parseArticle } from '../../src/core/article/index.ts';

const seed = parseArticle(readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8'));
const context = { headline: seed.headline, credits: seed.captions.flatMap((caption) => (caption.credit ? [caption.credit] : [])) };

function explain(quote: string): string | undefined {
  return explainMissingQuote(seed.sentences, quote, context);
}

describe('explainMissingQuote', () => {
  it('says when the quote is the headline’s or a picture credit’s', () => {
    expect(explain('fires threats at UN')).toBe('it is in the headline, which is not one of the article’s sentences and cannot be cited');
    expect(explain('AFP/Getty')).toBe('it is in the picture’s credit, which is not a sentence of the article and cannot be cited');
  });

  it('says when the quote runs across two sentences, naming them', () => {
    expect(explain('never allowed it into the country. Two-thirds')).toBe('it runs across 2 sentences (p8.s2, p9.s1): quote one of them');
    expect(explain('Kim’s officials are still denying involvement. “Our toughest counteraction')).toBe(
      'it runs across 2 sentences (p3.s1, p3.s2): quote one of them',
    );
  });

  it('names the closest sentence and the first word where the quote differs from it', () => {
    expect(explain('Furious officials in North Korea stepped up their threatening rhetoric')).toBe(
      'the closest sentence is p1.s1 (“FURIOUS officials in North Korea stepped…”): the quote has “Furious” where the sentence has “FURIOUS”',
    );
    expect(explain('Pyongyang rejects the inquiry’s results but never allowed it into the country.')).toBe(
      'the closest sentence is p8.s2 (“Pyongyang rejects the inquiry’s findings but…”): the quote has “results” where the sentence has “findings”',
    );
  });

  it('says nothing when no sentence comes close', () => {
    expect(explain('Kim Jong-Un apologised')).toBeUndefined();
    expect(explain('   ')).toBeUndefined();
  });
});
