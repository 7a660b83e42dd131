import type { Response } from '../scoring/response.ts';
import type { LoadedQuestion } from './loaded.ts';

/** The model answer to a question, in the shape a student would have sent it. */
export function correctResponse(question: LoadedQuestion): Response {
  switch (question.type) {
    case 'single-choice':
      return { type: question.type, optionId: question.correct };
    case 'multiple-select':
      return { type: question.type, optionIds: [...question.correct] };
    case 'true-false-not-given':
      return { type: question.type, value: question.answer };
    case 'short-answer':
      return { type: question.type, text: question.accepted[0] ?? '' };
    case 'cloze':
      return { type: question.type, gaps: Object.fromEntries(question.gaps.map((g) => [g.id, g.accepted[0] ?? ''])) };
    case 'evidence-selection':
      return { type: question.type, sentenceIds: [...question.answerSentenceIds] };
    case 'ordering':
      return { type: question.type, order: [...question.order] };
    case 'matching':
      return { type: question.type, pairs: Object.fromEntries(question.pairs.map((p) => [p.left, p.right])) };
    case 'two-part':
      return { type: question.type, partA: question.partA.correct, partB: [...question.partB.correct] };
  }
}
