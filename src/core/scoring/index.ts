export type { Verdict, ScorePart, ScoreResult, LoadedQuestionOf } from './types.ts';
export { ResponseShapeError } from './types.ts';
export { normaliseAnswer, answersMatch } from './normalise.ts';
export {
  scoreResponse,
  scoreSingleChoice,
  scoreMultipleSelect,
  scoreTrueFalseNotGiven,
  scoreShortAnswer,
  scoreCloze,
  scoreEvidenceSelection,
  scoreOrdering,
  scoreMatching,
  scoreTwoPart,
} from './score.ts';
export { Response, type ResponseOf } from './response.ts';
export { isEmptyResponse } from './empty.ts';
export { summarise, type QuizSummary, type SkillSummary } from './summary.ts';
