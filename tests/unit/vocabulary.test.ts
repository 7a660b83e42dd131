import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseArticle, SENTENCE_ID_PATTERN, sentenceId } from '../../src/core/article/index.ts';
import { AttemptStatus } from '../../src/core/attempt.ts';
import { Response } from '../../src/core/scoring/response.ts';
import { Verdict } from '../../src/core/scoring/verdict.ts';
import { contract, Feedback, PublicArticle } from '../../src/shared/contract.ts';

// Each vocabulary is defined once in core; these check that the places that use it agree.

const seed = parseArticle(readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8'));

describe('sentence ids', () => {
  it('are made by the parser in the one form the contract accepts', () => {
    expect(seed.sentences.length).toBeGreaterThan(10);
    for (const sentence of seed.sentences) expect(sentence.id).toMatch(SENTENCE_ID_PATTERN);
    expect(seed.sentences[0]?.id).toBe(sentenceId(1, 1));
  });

  it('are refused in the same way by every schema that carries one', () => {
    const feedback = (id: string) => ({
      points: 0,
      maxPoints: 1,
      verdict: 'incorrect',
      explanation: '',
      evidenceSentenceIds: [id],
      correctResponse: { type: 'short-answer', text: 'x' },
    });
    const article = (id: string) => ({ headline: 'h', source: {}, paragraphs: [{ id: 'p1', number: 1, sentences: [{ id, text: 't' }] }] });
    const response = (id: string) => ({ type: 'evidence-selection', sentenceIds: [id] });
    for (const [id, valid] of [
      ['p3.s2', true],
      ['p9999.s9999', true],
      ['c1.s1', true],
      ['c1', false],
      ['x1.s1', false],
      ['p12345.s1', false],
      ['p1.s', false],
      ['s1.p1', false],
    ] as const) {
      expect(Feedback.safeParse(feedback(id)).success, id).toBe(valid);
      expect(PublicArticle.safeParse(article(id)).success, id).toBe(valid);
      expect(Response.safeParse(response(id)).success, id).toBe(valid);
    }
  });
});

describe('verdicts and attempt statuses', () => {
  it('are the same lists in the contract as in core', () => {
    expect(Feedback.shape.verdict.options).toEqual(Verdict.options);
    expect(contract.listAttempts.input.shape.status.unwrap().options).toEqual(AttemptStatus.options);
  });
});
