import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/article/index.ts';
import { createDraftChannels } from '../../src/service/draft/channel.ts';
import { ServiceError } from '../../src/service/errors.ts';
import { DraftQuestionsResult } from '../../src/shared/draft-contract.ts';
import { SEED_TEXT } from './draft-support.ts';

const article = parseArticle(SEED_TEXT);
const channels = createDraftChannels({ articleOf: (quizId) => (quizId === 'north-korea-un' ? article : undefined) });

describe('the draftQuestions channel', () => {
  it('groups ranked drafts by paragraph in the article’s order, best first, each with its score', async () => {
    const result = await channels.draftQuestions({ quizId: 'north-korea-un', max: 30 });
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
    // The first draft loads compromise (about a second alone, far more on a busy machine).
  }, 30_000);

  it('gives the same drafts for the same seed, and uses the seed it is given', async () => {
    const first = await channels.draftQuestions({ quizId: 'north-korea-un', seed: 42 });
    expect(await channels.draftQuestions({ quizId: 'north-korea-un', seed: 42 })).toEqual(first);
    expect(first.seed).toBe(42);
  });

  it('refuses a quiz that does not exist, by name', async () => {
    await expect(channels.draftQuestions({ quizId: 'no-such-quiz' })).rejects.toThrow(ServiceError);
    await expect(channels.draftQuestions({ quizId: 'no-such-quiz' })).rejects.toThrow(/no-such-quiz/u);
  });

  it('loads the NLP package only when a teacher drafts, so a classroom server never carries it', () => {
    // compromise costs about 46 MB of memory; the hall of 2,000 students has 250 MB in all.
    const probe = [
      "import { registerHooks } from 'node:module';",
      'const loaded = [];',
      "registerHooks({ resolve(specifier, context, next) { if (specifier === 'compromise') loaded.push(specifier); return next(specifier, context); } });",
      "await import('./src/service/app.ts');",
      "await import('./src/service/http.ts');",
      'console.log(JSON.stringify(loaded));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([]);
    // A child process that loads the service: seconds on a busy machine, not the default 5.
  }, 60_000);
});
