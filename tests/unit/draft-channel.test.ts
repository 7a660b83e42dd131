import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/article/index.ts';
import { createDraftChannels } from '../../src/service/draft/channel.ts';
import { ServiceError } from '../../src/service/errors.ts';
import { DraftQuestionsResult } from '../../src/shared/draft-contract.ts';
import { SEED_TEXT } from './draft-support.ts';

const article = parseArticle(SEED_TEXT);
const channels = createDraftChannels({ articleOf: (quizId) => (quizId === 'north-korea-un' ? article : undefined) });

describe('the draftQuestions channel', () => {
  it('groups ranked drafts by paragraph in the article’s order, best first, each with its score', () => {
    const result = channels.draftQuestions({ quizId: 'north-korea-un', max: 30 });
    expect(DraftQuestionsResult.parse(result)).toEqual(result);
    expect(result.seed).toBe(1);
    expect(result.total).toBe(result.paragraphs.reduce((sum, paragraph) => sum + paragraph.drafts.length, 0));
    expect(result.total).toBeLessThanOrEqual(30);
    const numbers = result.paragraphs.map((paragraph) => paragraph.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const paragraph of result.paragraphs) {
      const scores = paragraph.drafts.map((draft) => draft.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(article.paragraphs[paragraph.number - 1]!.sentences[0]!.text.startsWith(paragraph.opening.replace(/ …$/u, ''))).toBe(true);
      for (const draft of paragraph.drafts) {
        expect(draft.sentenceIds[0]!.startsWith(`${paragraph.paragraphId}.`)).toBe(true);
        expect(draft.question.drafted).toBe(true);
      }
    }
  });

  it('gives the same drafts for the same seed, and uses the seed it is given', () => {
    const first = channels.draftQuestions({ quizId: 'north-korea-un', seed: 42 });
    expect(channels.draftQuestions({ quizId: 'north-korea-un', seed: 42 })).toEqual(first);
    expect(first.seed).toBe(42);
  });

  it('refuses a quiz that does not exist, by name', () => {
    expect(() => channels.draftQuestions({ quizId: 'no-such-quiz' })).toThrow(ServiceError);
    expect(() => channels.draftQuestions({ quizId: 'no-such-quiz' })).toThrow(/no-such-quiz/u);
  });
});
