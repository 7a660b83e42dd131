import { describe, expect, it } from 'vitest';
import { itemAnalysis, optionShares, type ItemAttempt } from '../../src/core/results/item-analysis.ts';
import { seedQuiz } from './fixtures.ts';

// Against values worked out by hand (the working is in the comments), on small classes.

const q = (id: string, maxPoints = 1) => ({ id, maxPoints });
const attempt = (scores: Record<string, number>): ItemAttempt => ({ points: new Map(Object.entries(scores)) });

describe('item analysis', () => {
  // Five students, three right-or-wrong questions:
  //   S1 1 1 1 (3)   S2 1 1 0 (2)   S3 1 0 0 (1)   S4 0 1 0 (1)   S5 0 0 0 (0)
  const questions = [q('a'), q('b'), q('c')];
  const five = [
    attempt({ a: 1, b: 1, c: 1 }),
    attempt({ a: 1, b: 1, c: 0 }),
    attempt({ a: 1, b: 0, c: 0 }),
    attempt({ a: 0, b: 1, c: 0 }),
    attempt({ a: 0, b: 0, c: 0 }),
  ];

  it('computes facility, item–rest point-biserial discrimination and KR-20 on a small class', () => {
    const { items, reliability } = itemAnalysis(questions, five, { minAttemptsForReliability: 5 });
    // Facility: 3/5, 3/5, 1/5.
    expect(items.map((i) => i.facility)).toEqual([0.6, 0.6, 0.2]);
    // a against the rest (2,1,0,1,0): cov = 3/5 − 0.6·0.8 = 0.12; var a = 0.24; var rest = 6/5 − 0.64 = 0.56;
    // r = 0.12 / √(0.24 · 0.56) = 0.327327. b is the same by symmetry. c against (2,2,1,1,0):
    // cov = 2/5 − 0.2·1.2 = 0.16; var c = 0.16; var rest = 10/5 − 1.44 = 0.56; r = 0.16 / √(0.16 · 0.56) = 0.534522.
    expect(items[0]!.discrimination).toBeCloseTo(0.327327, 5);
    expect(items[1]!.discrimination).toBeCloseTo(0.327327, 5);
    expect(items[2]!.discrimination).toBeCloseTo(0.534522, 5);
    expect(items.some((i) => i.flagged)).toBe(false);
    // KR-20: Σ p(1−p) = 0.24 + 0.24 + 0.16 = 0.64; totals 3,2,1,1,0 have variance 5.2/5 = 1.04;
    // α = 3/2 · (1 − 0.64/1.04) = 0.576923.
    expect(reliability.method).toBe('KR-20');
    expect(reliability.alpha).toBeCloseTo(0.576923, 5);
  });

  it('does not estimate reliability below the minimum number of attempts, and says why', () => {
    const { reliability } = itemAnalysis(questions, five);
    expect(reliability).toEqual({ alpha: null, method: 'KR-20', attempts: 5, reason: 'not estimated below 10 submitted attempts' });
  });

  it('flags a question the stronger students got wrong (negative discrimination)', () => {
    // d is right only for the two weakest:
    //   S1 a b c (3)  S2 a b c (3)  S3 a b (2)  S4 a c (2)  S5 a d (2)  S6 d (1)
    const odd = [
      attempt({ a: 1, b: 1, c: 1, d: 0 }),
      attempt({ a: 1, b: 1, c: 1, d: 0 }),
      attempt({ a: 1, b: 1, c: 0, d: 0 }),
      attempt({ a: 1, b: 0, c: 1, d: 0 }),
      attempt({ a: 1, b: 0, c: 0, d: 1 }),
      attempt({ a: 0, b: 0, c: 0, d: 1 }),
    ];
    const four = [q('a'), q('b'), q('c'), q('d')];
    const { items } = itemAnalysis(four, odd);
    // d (0,0,0,0,1,1) against the rest (3,3,2,2,1,0): cov = 1/6 − (1/3)(11/6) = −0.444444;
    // var d = 2/9; var rest = 27/6 − (11/6)² = 1.138889; r = −0.444444 / √(0.253086) = −0.883452.
    expect(items[3]!.discrimination).toBeCloseTo(-0.883452, 5);
    // b and c come out at exactly 0 against their rest: neither good nor bad, not flagged.
    expect(items[1]!.discrimination).toBeCloseTo(0, 10);
    expect(items.map((i) => i.flagged)).toEqual([false, false, false, true]);
    // The same with only four attempts is shown, not flagged: too few to say.
    expect(itemAnalysis(four, odd.slice(2)).items[3]!.flagged).toBe(false);
  });

  it('everyone right: facility 1, and no discrimination or reliability, since nobody differs', () => {
    const all = Array.from({ length: 12 }, () => attempt({ a: 1, b: 1, c: 1 }));
    const { items, reliability } = itemAnalysis(questions, all);
    expect(items.map((i) => [i.facility, i.discrimination, i.flagged])).toEqual([
      [1, null, false],
      [1, null, false],
      [1, null, false],
    ]);
    expect(reliability).toMatchObject({ alpha: null, reason: 'every attempt has the same score' });
  });

  it('nobody right: facility 0, and no discrimination or reliability', () => {
    const none = Array.from({ length: 12 }, () => attempt({ a: 0, b: 0, c: 0 }));
    const { items, reliability } = itemAnalysis(questions, none);
    expect(items.map((i) => [i.facility, i.discrimination])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(reliability.alpha).toBeNull();
  });

  it('one attempt: facility from its answers, nothing else', () => {
    const { items, reliability } = itemAnalysis(questions, [attempt({ a: 1, c: 0 })]);
    expect(items.map((i) => [i.answered, i.facility, i.discrimination])).toEqual([
      [1, 1, null],
      [0, null, null],
      [1, 0, null],
    ]);
    expect(reliability).toMatchObject({ alpha: null, attempts: 1 });
  });

  it('counts only answered questions in facility, but an unanswered one as 0 points in discrimination', () => {
    // b answered by two of four: facility over those two (1 and 0) is 0.5.
    const { items } = itemAnalysis(questions, [attempt({ a: 1, b: 1 }), attempt({ a: 1, b: 0 }), attempt({ a: 0 }), attempt({ a: 0 })]);
    expect(items[1]).toMatchObject({ answered: 2, facility: 0.5 });
    // b (1,0,0,0) against the rest (1,1,0,0): cov = 1/4 − 0.25·0.5 = 0.125; var b = 0.1875; var rest = 0.25;
    // r = 0.125 / √(0.046875) = 0.57735.
    expect(items[1]!.discrimination).toBeCloseTo(0.57735, 5);
  });

  it('uses Cronbach’s alpha with partial credit, by points', () => {
    // Two questions worth 2: S1 2 2 (4), S2 1 2 (3), S3 1 0 (1), S4 0 0 (0).
    // var x = (4+1+1+0)/4 − 1 = 0.5; var y = (4+4)/4 − 1 = 1; totals 4,3,1,0: var = 26/4 − 4 = 2.5;
    // α = 2 · (1 − 1.5/2.5) = 0.8.
    const partial = [attempt({ x: 2, y: 2 }), attempt({ x: 1, y: 2 }), attempt({ x: 1, y: 0 }), attempt({ x: 0, y: 0 })];
    const { items, reliability } = itemAnalysis([q('x', 2), q('y', 2)], partial, { minAttemptsForReliability: 4 });
    expect(reliability.method).toBe("Cronbach's alpha");
    expect(reliability.alpha).toBeCloseTo(0.8, 10);
    // Facility by share of points: x (1, 0.5, 0.5, 0) → 0.5.
    expect(items[0]!.facility).toBe(0.5);
  });
});

describe('option shares', () => {
  const quiz = seedQuiz();

  it('counts each option of a single-choice question, marking the right one', () => {
    const question = quiz.questions.find((x) => x.type === 'single-choice');
    if (question?.type !== 'single-choice') throw new Error('the seed quiz has a single-choice question');
    const [right, wrong] = [question.correct, question.options.find((o) => o.id !== question.correct)!.id];
    const shares = optionShares(question, [
      { type: 'single-choice', optionId: right },
      { type: 'single-choice', optionId: right },
      { type: 'single-choice', optionId: right },
      { type: 'single-choice', optionId: wrong },
    ])!;
    expect(shares.map((s) => s.id)).toEqual(question.options.map((o) => o.id));
    expect(shares.find((s) => s.id === right)).toMatchObject({ count: 3, share: 0.75, correct: true });
    expect(shares.find((s) => s.id === wrong)).toMatchObject({ count: 1, share: 0.25, correct: false });
    expect(shares.reduce((n, s) => n + s.count, 0)).toBe(4);
  });

  it('offers true, false and not given for those questions, and nothing for the types without options', () => {
    const tfng = quiz.questions.find((x) => x.type === 'true-false-not-given');
    if (tfng) {
      const shares = optionShares(tfng, [{ type: 'true-false-not-given', value: 'not-given' }])!;
      expect(shares.map((s) => [s.text, s.count])).toEqual([
        ['True', 0],
        ['False', 0],
        ['Not given', 1],
      ]);
    }
    const short = quiz.questions.find((x) => x.type === 'short-answer')!;
    expect(optionShares(short, [{ type: 'short-answer', text: 'x' }])).toBeUndefined();
  });
});
