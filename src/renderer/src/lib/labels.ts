import type { PublicQuestion, Verdict } from '../../../shared/contract.ts';

export const SKILL_NAMES: Record<PublicQuestion['skill'], string> = {
  detail: 'Detail',
  'main-idea': 'Main idea',
  inference: 'Inference',
  vocabulary: 'Vocabulary in context',
  sequence: 'Sequence',
  quotation: 'Quotation and attribution',
  purpose: 'Author’s purpose',
};

export const TYPE_NAMES: Record<PublicQuestion['type'], string> = {
  'single-choice': 'Single choice',
  'multiple-select': 'Multiple select',
  'true-false-not-given': 'True / false / not given',
  'short-answer': 'Short answer',
  cloze: 'Fill in the gaps',
  'evidence-selection': 'Find the evidence',
  ordering: 'Ordering',
  matching: 'Matching',
  'two-part': 'Two-part',
};

export const VERDICT_WORDS = { correct: 'Correct', partial: 'Partly correct', incorrect: 'Not correct' } as const satisfies Record<
  Verdict,
  string
>;
export const VERDICT_ICONS = { correct: '✓', partial: '◐', incorrect: '✗' } as const satisfies Record<Verdict, string>;

export function pointsText(points: number, maxPoints: number): string {
  return `${points} of ${maxPoints} ${maxPoints === 1 ? 'point' : 'points'}`;
}

/** "1 caption", "3 captions": a count with its noun (an English plural in -s). */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
