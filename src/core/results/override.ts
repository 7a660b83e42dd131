import type { LoadedQuestion } from '../bank/loaded.ts';
import { round2 } from '../scoring/score.ts';
import { scoreResponse } from '../scoring/index.ts';
import type { Response } from '../scoring/response.ts';
import type { ScoreResult } from '../scoring/types.ts';

// A teacher's mark over the automatic one, for the answers a machine can misjudge: a short
// answer (accepted as right, or marked wrong) and each gap of a cloze. The original mark stays
// stored beside it; totals, exports and statistics count this one.

export interface MarkOverride {
  /** Short answer: whether the answer is accepted as right. */
  correct?: boolean | undefined;
  /** Cloze: gap id → right or wrong, for the gaps the teacher marked; the others keep their mark. */
  gaps?: Record<string, boolean> | undefined;
}

export class OverrideError extends Error {
  override name = 'OverrideError';
}

/** Whether a question's mark may be overridden. */
export function overridable(question: LoadedQuestion): boolean {
  return question.type === 'short-answer' || question.type === 'cloze';
}

/** The score with the teacher's marks in place of the automatic ones; throws OverrideError naming what does not fit. */
export function overriddenScore(question: LoadedQuestion, response: Response, override: MarkOverride): ScoreResult {
  if (question.type === 'short-answer') {
    if (override.correct === undefined) throw new OverrideError(`say whether the answer to “${question.id}” is right`);
    if (override.gaps !== undefined) throw new OverrideError(`“${question.id}” is a short answer: it has no gaps`);
    return override.correct
      ? { points: question.points, maxPoints: question.points, verdict: 'correct' }
      : { points: 0, maxPoints: question.points, verdict: 'incorrect' };
  }
  if (question.type === 'cloze') {
    if (override.correct !== undefined) throw new OverrideError(`“${question.id}” is a cloze: mark each gap`);
    const gaps = override.gaps ?? {};
    const known = new Set(question.gaps.map((g) => g.id));
    for (const id of Object.keys(gaps)) {
      if (!known.has(id)) throw new OverrideError(`“${question.id}” has no gap “${id}”`);
    }
    const parts = (scoreResponse(question, response).parts ?? []).map((p) =>
      Object.hasOwn(gaps, p.id) ? { ...p, correct: gaps[p.id]!, points: gaps[p.id]! ? p.maxPoints : 0 } : p,
    );
    const right = parts.filter((p) => p.correct).length;
    const fraction = right / question.gaps.length;
    return {
      points: round2(question.points * fraction),
      maxPoints: question.points,
      verdict: fraction >= 1 ? 'correct' : fraction <= 0 ? 'incorrect' : 'partial',
      parts,
    };
  }
  throw new OverrideError(`the mark of a ${question.type} question is not overridden: only short answers and cloze gaps are`);
}
