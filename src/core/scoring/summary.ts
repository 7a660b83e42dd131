import type { LoadedQuestion } from '../bank/loaded.ts';
import { SKILLS, type Skill } from '../bank/schema.ts';
import { round2 } from './score.ts';
import type { ScoreResult } from './types.ts';

export interface SkillSummary {
  skill: Skill;
  points: number;
  maxPoints: number;
  /** 0..100, one decimal. */
  percentage: number;
}

export interface QuizSummary {
  points: number;
  maxPoints: number;
  percentage: number;
  /** Only the skills the quiz tests, in SKILLS order. */
  bySkill: SkillSummary[];
}

function percentage(points: number, maxPoints: number): number {
  return maxPoints > 0 ? Math.round((points / maxPoints) * 1000 + 1e-9) / 10 : 0;
}

/**
 * Totals over the quiz. The maxima come from the questions, not from the scores, so an
 * unanswered question still counts against the total; scores for other questions are ignored.
 */
export function summarise(questions: LoadedQuestion[], scores: Map<string, ScoreResult>): QuizSummary {
  const totals = new Map<Skill, { points: number; maxPoints: number }>();
  for (const q of questions) {
    const t = totals.get(q.skill) ?? { points: 0, maxPoints: 0 };
    t.points += scores.get(q.id)?.points ?? 0;
    t.maxPoints += q.points;
    totals.set(q.skill, t);
  }
  const bySkill: SkillSummary[] = [];
  let points = 0;
  let maxPoints = 0;
  for (const skill of SKILLS) {
    const t = totals.get(skill);
    if (!t) continue;
    points += t.points;
    maxPoints += t.maxPoints;
    const p = round2(t.points);
    bySkill.push({ skill, points: p, maxPoints: t.maxPoints, percentage: percentage(p, t.maxPoints) });
  }
  const total = round2(points);
  return { points: total, maxPoints, percentage: percentage(total, maxPoints), bySkill };
}
