import type { Article } from '../../core/article/index.ts';
import type { Service } from '../service.ts';
import { ServiceError } from '../errors.ts';
import { checkDraftQuestion } from './check.ts';
import { previewDraftQuestion } from './preview.ts';

/** The question editor's channels (teacher channels: the gate in createService guards them). */
export type AuthoringChannels = Pick<Service, 'checkQuestion' | 'previewQuestion'>;

export interface AuthoringDeps {
  /** The article of a quiz the teacher may edit, bundled or own; undefined when there is no such quiz. */
  articleOf: (quizId: string) => Article | undefined;
}

export function createAuthoringChannels({ articleOf }: AuthoringDeps): AuthoringChannels {
  const article = (quizId: string): Article => {
    const found = articleOf(quizId);
    if (!found) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
    return found;
  };
  return {
    checkQuestion: ({ quizId, question, otherIds }) => ({ problems: checkDraftQuestion(question, article(quizId), otherIds).problems }),
    previewQuestion: ({ quizId, question, response }) => previewDraftQuestion(question, article(quizId), response),
  };
}
