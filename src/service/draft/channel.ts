import type { Article } from '../../core/article/index.ts';
import { draftFromAnalysis, type ArticleAnalysis } from '../../core/draft/index.ts';
import type { DraftQuestionsResult } from '../../shared/draft-contract.ts';
import { ServiceError } from '../errors.ts';
import type { Service } from '../service.ts';

/** The drafter's channel (a teacher channel: the gate in createService guards it). */
export type DraftChannels = Pick<Service, 'draftQuestions'>;

export interface DraftDeps {
  /** The article of a quiz the teacher may edit, bundled or own; undefined when there is no such quiz. */
  articleOf: (quizId: string) => Article | undefined;
}

const OPENING_WORDS = 12;

export function createDraftChannels({ articleOf }: DraftDeps): DraftChannels {
  // The NLP reading is most of the cost and depends only on the article: a second press of
  // "Draft questions" (another seed) reuses it. Keyed by the article object, so a saved change
  // to the article (a new object) is read afresh and an old one is collected.
  const analyses = new WeakMap<Article, ArticleAnalysis>();
  return {
    draftQuestions: async ({ quizId, seed, max }) => {
      const article = articleOf(quizId);
      if (!article) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
      let analysis = analyses.get(article);
      if (!analysis) {
        // The NLP package (compromise) costs about 46 MB of memory once loaded: loaded on the
        // first press of "Draft questions", so a classroom server that never drafts never pays it.
        const { analyseArticle } = await import('./analyse.ts');
        analysis = analyseArticle(article);
        analyses.set(article, analysis);
      }
      const usedSeed = seed ?? 1;
      const { drafts } = draftFromAnalysis(analysis, { seed: usedSeed, ...(max !== undefined && { max }) });
      const paragraphs: DraftQuestionsResult['paragraphs'] = [];
      for (const paragraph of article.paragraphs) {
        const here = drafts
          .filter((draft) => draft.paragraphId === paragraph.id)
          .sort((a, b) => b.score - a.score || a.question.id.localeCompare(b.question.id));
        if (here.length === 0) continue;
        const words = paragraph.sentences
          .map((sentence) => sentence.text)
          .join(' ')
          .split(/\s+/u);
        paragraphs.push({
          paragraphId: paragraph.id,
          number: paragraph.number,
          opening: words.length > OPENING_WORDS ? `${words.slice(0, OPENING_WORDS).join(' ')} …` : words.join(' '),
          drafts: here.map(({ score, generator, sentenceIds, question }) => ({ score, generator, sentenceIds, question })),
        });
      }
      return { quizId, seed: usedSeed, total: drafts.length, paragraphs };
    },
  };
}
