import type { Article } from '../../core/article/index.ts';
import { correctResponse } from '../../core/bank/key.ts';
import { isEmptyResponse, scoreResponse } from '../../core/scoring/index.ts';
import type { Response } from '../../core/scoring/response.ts';
import type { Feedback, PublicArticle, PublicQuestion } from '../../shared/contract.ts';
import { publicArticle, publicQuestion } from '../public.ts';
import { checkDraftQuestion, type QuestionProblem } from './check.ts';

// "Preview as a student": the draft question as a student's screen gets it (the same public
// projection, so the real question components draw it) and, once answered, the feedback a
// student would see, scored by the same core function as an attempt. No attempt is created
// and nothing is stored.

export interface Preview {
  problems: QuestionProblem[];
  /** Absent while the question has problems: a student would never be shown it. */
  question?: PublicQuestion;
  article: PublicArticle;
  feedback?: Feedback;
}

/** A fixed seed: the preview shows ordering and matching in one stable shuffled order, as an attempt would. */
const PREVIEW_SEED = 1;

export function previewDraftQuestion(draft: unknown, article: Article, response: Response | undefined): Preview {
  const checked = checkDraftQuestion(draft, article);
  const shownArticle = publicArticle(article);
  const loaded = checked.loaded;
  if (!loaded || checked.problems.length > 0) return { problems: checked.problems, article: shownArticle };
  const question = publicQuestion(loaded, 1, PREVIEW_SEED);
  if (!response || response.type !== loaded.type || isEmptyResponse(response)) {
    return { problems: [], question, article: shownArticle };
  }
  const score = scoreResponse(loaded, response);
  const parts = score.parts?.map(({ id, correct }) => ({ id, correct }));
  return {
    problems: [],
    question,
    article: shownArticle,
    feedback: {
      points: score.points,
      maxPoints: score.maxPoints,
      verdict: score.verdict,
      explanation: loaded.explanation,
      evidenceSentenceIds: [...loaded.evidenceSentenceIds],
      correctResponse: correctResponse(loaded),
      ...(loaded.type === 'cloze' && parts ? { parts } : {}),
    },
  };
}
