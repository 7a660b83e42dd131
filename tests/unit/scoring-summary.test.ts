import { describe, expect, it } from 'vitest';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import type { Skill } from '../../src/core/bank/schema.ts';
import { summarise, type ScoreResult } from '../../src/core/scoring/index.ts';

function question(id: string, skill: Skill, points: number): LoadedQuestion {
  return {
    id,
    type: 'true-false-not-given',
    answer: 'true',
    prompt: 'P?',
    evidence: ['E.'],
    explanation: 'X.',
    points,
    skill,
    difficulty: 'easy',
    evidenceSentenceIds: [],
    answerSentenceIds: [],
    partBSentenceIds: {},
  };
}

const earned = (points: number, maxPoints: number): ScoreResult => ({
  points,
  maxPoints,
  verdict: points === maxPoints ? 'correct' : points === 0 ? 'incorrect' : 'partial',
});

describe('summarise', () => {
  const questions = [
    question('q1', 'vocabulary', 2),
    question('q2', 'detail', 3),
    question('q3', 'vocabulary', 1),
    question('q4', 'inference', 4),
  ];

  it('totals points and groups by skill in SKILLS order, leaving out absent skills', () => {
    const scores = new Map([
      ['q1', earned(2, 2)],
      ['q2', earned(1.5, 3)],
      ['q3', earned(0, 1)],
      ['q4', earned(1, 4)],
    ]);
    expect(summarise(questions, scores)).toEqual({
      points: 4.5,
      maxPoints: 10,
      percentage: 45,
      bySkill: [
        { skill: 'detail', points: 1.5, maxPoints: 3, percentage: 50 },
        { skill: 'inference', points: 1, maxPoints: 4, percentage: 25 },
        { skill: 'vocabulary', points: 2, maxPoints: 3, percentage: 66.7 },
      ],
    });
  });

  it('counts an unanswered question as 0 of its points', () => {
    const summary = summarise(questions, new Map([['q2', earned(3, 3)]]));
    expect(summary).toMatchObject({ points: 3, maxPoints: 10, percentage: 30 });
    expect(summary.bySkill.find((s) => s.skill === 'vocabulary')).toEqual({
      skill: 'vocabulary',
      points: 0,
      maxPoints: 3,
      percentage: 0,
    });
  });

  it('ignores scores for questions not in the list', () => {
    const summary = summarise(
      [question('q1', 'detail', 2)],
      new Map([
        ['q1', earned(1, 2)],
        ['other', earned(5, 5)],
      ]),
    );
    expect(summary).toMatchObject({ points: 1, maxPoints: 2, percentage: 50 });
  });

  it('rounds percentages to one decimal and sums without float drift', () => {
    const qs = [question('a', 'purpose', 1), question('b', 'purpose', 1), question('c', 'purpose', 1)];
    const scores = new Map([
      ['a', earned(0.1, 1)],
      ['b', earned(0.2, 1)],
      ['c', earned(0.33, 1)],
    ]);
    expect(summarise(qs, scores)).toEqual({
      points: 0.63,
      maxPoints: 3,
      percentage: 21,
      bySkill: [{ skill: 'purpose', points: 0.63, maxPoints: 3, percentage: 21 }],
    });
    const third = summarise([question('a', 'sequence', 3)], new Map([['a', earned(1, 3)]]));
    expect(third.percentage).toBe(33.3);
    const twoThirds = summarise([question('a', 'sequence', 3)], new Map([['a', earned(2, 3)]]));
    expect(twoThirds.percentage).toBe(66.7);
    // 2.01 / 4 = 50.25 %, which floating point computes as 50.2499…
    const half = summarise([question('a', 'sequence', 4)], new Map([['a', earned(2.01, 4)]]));
    expect(half.percentage).toBe(50.3);
  });

  it('gives 0% for an empty quiz rather than NaN', () => {
    expect(summarise([], new Map())).toEqual({ points: 0, maxPoints: 0, percentage: 0, bySkill: [] });
  });
});
